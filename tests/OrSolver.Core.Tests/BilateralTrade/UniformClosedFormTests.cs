using OrSolver.Core.Bargaining;
using OrSolver.Core.BilateralTrade;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Tests.BilateralTrade;

/// <summary>
/// Uniform[0,1] × Uniform[0,1] against its public closed forms: FB = 1/6, SB = 9/64 (at α_B = α_S = 1/3), the
/// seller-offer point (Π, U) = (1/12, 1/24), the buyer-offer point (1/24, 1/12), Nash = KS = (9/128, 9/128). On the
/// default grid (152 cells per side) by the Lagrangian route (no LP): the maxima and KS to 1e-4 relative
/// (<see cref="Tolerances.TradeGridLandmark"/>), the flat ends' coordinates and Nash's to 5e-3
/// (<see cref="Tolerances.TradeGridFlatEnd"/>). The grid's mechanisms are among the continuous ones, so no grid value
/// may exceed its closed form.
/// </summary>
public sealed class UniformClosedFormTests
{
    private static readonly Lazy<TradeVertices> Exact = new(() =>
        TradeVertices.Compute(new TradeLagrangian(new TradeGrid(TradeCases.Uniform, TradeOptions.DefaultGrid, TradeOptions.DefaultGrid))));

    [Fact]
    public void First_and_second_best_match_the_closed_forms_from_below()
    {
        var lagrangian = Exact.Value.Lagrangian;
        double firstBest = lagrangian.FirstBest().Gains, secondBest = lagrangian.Optimum(1).Gains;
        Support.Close(1.0 / 6, firstBest, Tolerances.TradeGridLandmark, "first best");
        Support.Close(9.0 / 64, secondBest, Tolerances.TradeGridLandmark, "second best");
        Assert.True(firstBest <= 1.0 / 6 && secondBest <= 9.0 / 64, "a grid value above its continuous optimum");
        Support.Close(1.0 / 6, TradeAnalysis.FirstBestByQuadrature(TradeCases.Uniform), new Tolerance(1e-9, 0), "first best by quadrature");
    }

    [Fact]
    public void The_second_best_rule_has_weights_near_one_third_and_a_balanced_budget()
    {
        var point = Exact.Value.Lagrangian.Optimum(1);
        foreach (var share in point.Rules)
        {
            Assert.InRange(share.Rule.AlphaBuyer, 0.3, 0.37);
            Assert.InRange(share.Rule.AlphaSeller, 0.3, 0.37);
        }
        Support.Close(0, point.Budget, Tolerances.Rounding.AtScale(1), "budget slack at the second best");
    }

    [Fact]
    public void Seller_and_buyer_offer_points_match_the_closed_forms()
    {
        var frontier = Exact.Value.ToFrontier();
        Support.Close(1.0 / 12, frontier.First.Revenue, Tolerances.TradeGridLandmark, "Π* (seller offer)");
        Support.Close(1.0 / 12, frontier.Last.Surplus, Tolerances.TradeGridLandmark, "U* (buyer offer)");
        Support.Close(1.0 / 24, frontier.First.Surplus, Tolerances.TradeGridFlatEnd, "U at the seller offer");
        Support.Close(1.0 / 24, frontier.Last.Revenue, Tolerances.TradeGridFlatEnd, "Π at the buyer offer");
        Assert.True(frontier.First.Revenue <= 1.0 / 12 && frontier.Last.Surplus <= 1.0 / 12, "a grid optimum above the continuous one");
    }

    [Fact]
    public void Kalai_Smorodinsky_and_Nash_meet_at_nine_over_128()
    {
        var frontier = Exact.Value.ToFrontier();
        var ks = ParetoBargaining.KalaiSmorodinsky(frontier);
        var nash = ParetoBargaining.WeightedNash(frontier, 1);
        Support.Close(9.0 / 128, ks.Revenue, Tolerances.TradeGridLandmark, "KS Π");
        Support.Close(9.0 / 128, ks.Surplus, Tolerances.TradeGridLandmark, "KS U");
        Support.Close(9.0 / 128, nash.Revenue, Tolerances.TradeGridFlatEnd, "Nash Π");
        Support.Close(9.0 / 128, nash.Surplus, Tolerances.TradeGridFlatEnd, "Nash U");
        Support.Close(9.0 / 64, nash.Welfare, Tolerances.TradeGridLandmark, "Nash welfare");
    }
}
