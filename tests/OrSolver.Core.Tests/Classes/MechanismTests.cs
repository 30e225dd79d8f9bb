using OrSolver.Core.Characterization;
using OrSolver.Core.Classes;
using OrSolver.Core.Mechanisms;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Tests.Classes;

/// <summary>The mechanisms of markets of several classes: re-evaluated from their rules (a convolution of binomial tie counts)
/// they give the Lagrangian solver's allocation (Gauss–Legendre over the same tie polynomial, or the cap's increment); and
/// their names and reserves against closed forms.</summary>
public sealed class MechanismTests
{
    public static TheoryData<string, double> Markets => new()
    {
        { "1:uniform(0,1);1:uniform(0,2)", 0 },
        { "1:uniform(0,1);1:uniform(0,2)", 0.4 },
        { "1:uniform(0,1);1:uniform(0,2)", 1 },
        { "1:uniform(0,1);1:uniform(0,2)", 3 },
        { "1:uniform(0,1);1:uniform(0,2)", double.PositiveInfinity },
        // One distribution split into two classes: every step of one class ties with a step of the other.
        { "2:uniform(0,1);3:uniform(0,1)", 0.3 },
        { "2:uniform(0,1);3:uniform(0,1)", 2.5 },
        // Irregular: pooled intervals.
        { "2:mixture(0.7*normal(1, 0.3, 0, inf), 0.3*normal(4, 0.5, 0, inf));1:uniform(0,3)", 0 },
        { "2:mixture(0.7*normal(1, 0.3, 0, inf), 0.3*normal(4, 0.5, 0, inf));1:uniform(0,3)", 1.7 },
        { "1:uniform(2,3);2:uniform(0,4);1:exponential(1)", 0.6 },
    };

    [Theory]
    [MemberData(nameof(Markets))]
    public void Re_evaluation_from_the_rules_equals_the_solver(string classes, double lambda)
    {
        var grids = Parse(classes).Discretise(80);
        foreach (var side in new[] { TieSide.MostSurplus, TieSide.LeastSurplus })
        {
            var solved = ClassLagrangian.Solve(grids, lambda, side);
            var mechanism = ClassMechanism.FromLagrangian(grids, lambda, side);
            var evaluated = mechanism.Evaluate();
            for (int c = 0; c < grids.Count; c++)
            {
                for (int j = 1; j <= grids.Classes[c].Cells; j++)
                {
                    Assert.True(Tolerances.SolverAgreement.Close(solved.Classes[c].Cell(j), evaluated.Classes[c].Cell(j)),
                        $"class {c + 1} cell {j}: solver {solved.Classes[c].Cell(j)}, rules {evaluated.Classes[c].Cell(j)}");
                }
            }
            var scale = Tolerances.SolverAgreement.AtScale(solved.Welfare);
            Assert.True(scale.Close(solved.Revenue, evaluated.Revenue) && scale.Close(solved.Surplus, evaluated.Surplus));
        }
    }

    [Fact]
    public void A_randomisation_evaluates_to_the_mixture_of_its_parts()
    {
        var grids = Parse("1:uniform(0,1);1:uniform(0,2)").Discretise(60);
        var a = ClassMechanism.FromLagrangian(grids, 0, TieSide.MostSurplus);
        var b = ClassMechanism.FromLagrangian(grids, 1, TieSide.MostSurplus);
        var mix = ClassMechanism.Randomize(a, b, 0.3).Evaluate();
        var tolerance = Tolerances.Rounding.AtScale(mix.Welfare);
        Assert.True(tolerance.Close(0.3 * a.Evaluate().Revenue + 0.7 * b.Evaluate().Revenue, mix.Revenue));
        Assert.True(tolerance.Close(0.3 * a.Evaluate().Surplus + 0.7 * b.Evaluate().Surplus, mix.Surplus));
        Assert.Equal("randomization", ClassMechanism.Randomize(a, b, 0.3).KindName);
    }

    /// <summary>Myerson with U[0,1] against U[0,2]: virtual values 2v − 1 and 2v − 2 rank a weak buyer at v above a strong
    /// one at v + 1/2, so the winner is not the highest value; the reserves are φ_c⁻¹(0) = 1/2 and 1.</summary>
    [Fact]
    public void Myerson_with_a_weak_and_a_strong_class_is_an_ironed_score_auction_with_reserves_one_half_and_one()
    {
        var grids = Parse("1:uniform(0,1);1:uniform(0,2)").Discretise(200);
        var mechanism = ClassMechanism.FromLagrangian(grids, 0, TieSide.MostSurplus);
        Assert.Equal(ClassMechanismKind.IronedScoreAuction, mechanism.Kind);
        AssertReserve(grids, 0, mechanism, 0.5);
        AssertReserve(grids, 1, mechanism, 1);
        Assert.All(mechanism.Classes, r => Assert.Empty(r.Pooled));
    }

    /// <summary>At λ = 1 the score is the value: the efficient auction. With lowest values 0 and 0 it is the plain second-price
    /// auction; with U[2,3] against U[0,4] the first class's lowest type must keep zero utility, so it bids against its own
    /// reserve 2 (its lowest value) while the second class has none: class-specific reserves.</summary>
    [Fact]
    public void The_efficient_auction_is_a_second_price_auction_with_the_classes_lowest_values_as_reserves()
    {
        var equalLows = Parse("1:uniform(0,1);1:uniform(0,2)").Discretise(100);
        Assert.Equal(ClassMechanismKind.SecondPrice, ClassMechanism.FromLagrangian(equalLows, 1, TieSide.MostSurplus).Kind);
        var grids = Parse("1:uniform(2,3);1:uniform(0,4)").Discretise(100);
        var mechanism = ClassMechanism.FromLagrangian(grids, 1, TieSide.MostSurplus);
        Assert.Equal(ClassMechanismKind.SecondPriceWithClassReserves, mechanism.Kind);
        AssertReserve(grids, 0, mechanism, 2);
        AssertReserve(grids, 1, mechanism, 0);
    }

    /// <summary>One distribution split into classes is the i.i.d. market: at every λ the mechanism is anonymous and of the kind
    /// the i.i.d. recovery names (uniform: the monopoly reserve 1/2 at λ = 0; bimodal: pooled intervals).</summary>
    [Theory]
    [InlineData("uniform(0,1)", 0)]
    [InlineData("uniform(0,1)", 0.5)]
    [InlineData("uniform(0,1)", 1)]
    [InlineData("mixture(0.7*normal(1, 0.3, 0, inf), 0.3*normal(4, 0.5, 0, inf))", 0)]
    [InlineData("mixture(0.7*normal(1, 0.3, 0, inf), 0.3*normal(4, 0.5, 0, inf))", 2)]
    public void One_distribution_in_classes_is_named_as_the_iid_auction(string distribution, double lambda)
    {
        var market = ClassMarket.Parse((2, distribution), (3, distribution));
        var grid = new Core.Discretisation.DiscretisedMarket(new Core.Market(market.Classes[0].Distribution, 5),
            market.Discretise(120).Classes[0].Grid);
        var iid = MechanismRecovery.FromOptimum(LagrangianOptimum.Solve(grid, lambda, TieSide.MostSurplus));
        var one = ClassMarket.Parse((5, distribution));
        var single = ClassMechanism.FromLagrangian(one.Discretise([grid.Grid]), lambda, TieSide.MostSurplus);
        Assert.Equal(iid.KindName, single.KindName);
        var split = ClassMechanism.FromLagrangian(market.Discretise([grid.Grid, grid.Grid]), lambda, TieSide.MostSurplus);
        Assert.Equal(iid.KindName, split.KindName);
        Assert.True(Tolerances.Rounding.Close(iid.Reserve, split.Classes[0].Reserve));
        Assert.True(Tolerances.Rounding.Close(iid.Reserve, split.Classes[1].Reserve));
    }

    private static void AssertReserve(ClassGrids grids, int c, ClassMechanism mechanism, double expected)
    {
        var market = grids.Classes[c];
        int k = market.Grid.NearestPoint(mechanism.Classes[c].ReserveQuantile);
        double span = Math.Max(k > 0 ? market.Value(k - 1) - market.Value(k) : 0, k < market.Cells ? market.Value(k) - market.Value(k + 1) : 0);
        Assert.True(Math.Abs(mechanism.Classes[c].Reserve - expected) <= span,
            $"class {c + 1}: reserve {mechanism.Classes[c].Reserve} against {expected} (one cell spans {span})");
    }

    private static ClassMarket Parse(string classes)
        => ClassMarket.Parse([.. classes.Split(';').Select(p => p.Split(':', 2)).Select(p => (long.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), p[1]))]);
}
