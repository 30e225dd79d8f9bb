using OrSolver.Core.BilateralTrade;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.LinearProgramming.OrTools;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Tests.BilateralTrade;

/// <summary>
/// The LP (GLOP through the project's interface) against the independent Lagrangian route on several markets, on small
/// grids: every LP point must lie on the exact grid frontier of the Lagrangian route at its U, satisfy strong duality at
/// its own λ, and the frontier's mechanism there, re-evaluated from its trade rule and payments, must reproduce it
/// (route <see cref="TradeCheckRoutes.LpLagrangianMechanism"/>); every vertex passes the Lagrangian route's check.
/// </summary>
public sealed class LpLagrangianTests
{
    private static readonly TradeOptions Small = new() { Grid = 20, Points = 5 };

    [Theory]
    [MemberData(nameof(TradeCases.ContinuousPairs), MemberType = typeof(TradeCases))]
    public void Lp_and_Lagrangian_agree_on_continuous_markets(string buyer, string seller)
    {
        var analysis = TradeAnalysis.Run(TradeMarket.Parse(buyer, seller), Small, new OrToolsLinearSolver());
        AssertAllChecked(analysis);
    }

    [Fact]
    public void Lp_and_Lagrangian_agree_on_a_discrete_market()
    {
        using var discrete = new TradeCases.DiscreteMarket([1, 2, 2, 3, 5, 5, 6], [0.5, 1, 2.5, 2.5, 4]);
        var analysis = TradeAnalysis.Run(discrete.Market, Small, new OrToolsLinearSolver());
        Assert.Equal(5, analysis.Grid.BuyerCells);
        Assert.Equal(4, analysis.Grid.SellerCells);
        AssertAllChecked(analysis);
    }

    /// <summary>U-shaped values against uniform costs at 40 cells: next to U* the frontier's slope is 2667, so the LP's point
    /// at U*, whose U is known to the solver tolerance only, lies 3e-9 below the frontier at its own U while being the
    /// buyer-offer point; the check must allow the frontier's drop over that tolerance (and still hold strong duality).</summary>
    [Fact]
    public void A_steep_buyer_end_is_checked_within_the_tolerance_in_U()
    {
        var analysis = TradeAnalysis.Run(TradeMarket.Parse("beta(0.5, 0.5)", "uniform(0, 1)"), new TradeOptions { Grid = 40, Points = 2 }, new OrToolsLinearSolver());
        AssertAllChecked(analysis);
        var buyerOffer = analysis.Landmark(TradePoints.BuyerOffer);
        Support.Close(analysis.Frontier!.Last.Revenue, buyerOffer.Revenue, Tolerances.SolverAgreement.AtScale(analysis.FirstBest), "Π at U*");
    }

    [Fact]
    public void Unbounded_costs_block_the_top_seller_cell()
    {
        var analysis = TradeAnalysis.Run(TradeMarket.Parse("uniform(0, 2)", "exponential(1)"), Small, new OrToolsLinearSolver());
        var grid = analysis.Grid;
        Assert.True(grid.Blocked(grid.SellerCells));
        Assert.True(double.IsPositiveInfinity(grid.CostCurveWeight(grid.SellerCells)));
        AssertAllChecked(analysis);
        foreach (var point in analysis.All.Where(p => p.Mechanism is not null))
        {
            var allocation = point.Mechanism!.Allocation(grid);
            Assert.Equal(0, allocation.SellerInterim(grid.SellerCells));
        }
    }

    /// <summary>Without the LP sweep the five landmarks are still each solved by the LP and checked against the Lagrangian
    /// route, and each lies on the exact frontier at its level: the seller offer at its first vertex, the buyer offer at
    /// its last, the second best at the Lagrangian optimum at λ = 1.</summary>
    [Fact]
    public void Without_the_sweep_every_landmark_is_still_solved_and_checked()
    {
        var analysis = TradeAnalysis.Run(TradeMarket.Parse("weibull(1.5)", "uniform(0, 1)"), Small with { Sweep = false }, new OrToolsLinearSolver());
        Assert.Empty(analysis.Samples);
        Assert.Equal(5, analysis.Landmarks.Count);
        AssertAllChecked(analysis);
        var frontier = analysis.Frontier!;
        var tolerance = Tolerances.SolverAgreement.AtScale(analysis.FirstBest);
        Support.Close(frontier.First.Revenue, analysis.Landmark(TradePoints.SellerOffer).Revenue, tolerance, "Π at the seller offer");
        Support.Close(frontier.Last.Surplus, analysis.Landmark(TradePoints.BuyerOffer).Surplus, tolerance, "U at the buyer offer");
        // W = Π + U, each to the solver tolerance.
        Support.Close(analysis.SecondBest, analysis.Landmark(TradePoints.SecondBest).Welfare, Tolerances.SolverAgreement.AtScale(2 * analysis.FirstBest), "W at the second best");
    }

    [Fact]
    public void A_frontier_sweep_reaches_every_level_with_an_optimal_status()
    {
        var grid = new TradeGrid(TradeMarket.Parse("exponential(1)", "uniform(0, 1)"), 16, 24);
        var exact = TradeVertices.Compute(new TradeLagrangian(grid));
        using var lp = new TradeFrontierSolver(grid, new OrToolsLinearSolver(), exact.Vertices[0].Surplus, exact.Vertices[^1].Surplus);
        var frontier = exact.ToFrontier();
        foreach (var solve in lp.Sweep(7))
        {
            Assert.Equal(SolveStatus.Optimal, solve.Status);
            var expected = frontier.At(solve.Allocation!.Surplus);
            Support.Close(expected.Revenue, solve.Allocation.Revenue, Tolerances.SolverAgreement.AtScale(frontier.WelfareBenchmark), $"Π at U = {solve.Allocation.Surplus}");
            Assert.Null(solve.Allocation.CheckFeasibility(Tolerances.Feasibility));
        }
    }

    /// <summary>The vertex list is the whole frontier: for any λ the best vertex's Π + λU equals the Lagrangian optimum
    /// G(λ) (a vertex missing from the list would leave G above every listed vertex), and every vertex's own λ-range is
    /// non-empty (the list is concave, checked when the frontier is built).</summary>
    [Theory]
    [MemberData(nameof(TradeCases.ContinuousPairs), MemberType = typeof(TradeCases))]
    public void The_vertex_list_supports_every_Lagrangian_optimum(string buyer, string seller)
    {
        var exact = TradeVertices.Compute(new TradeLagrangian(new TradeGrid(TradeMarket.Parse(buyer, seller), 24, 24)));
        var frontier = exact.ToFrontier();
        var tolerance = Tolerances.Rounding.AtScale(frontier.WelfareBenchmark);
        var random = new Random(7);
        for (int k = 0; k < 60; k++)
        {
            // λ spread over (0, 50) with more weight near 1, where the second best sits.
            double lambda = k == 0 ? 1 : Math.Exp(4 * random.NextDouble() - 2) * (k % 3 == 0 ? 10 : 1);
            double best = exact.Vertices.Max(v => v.Revenue + lambda * v.Surplus);
            var optimum = exact.Lagrangian.Optimum(lambda);
            Support.Close(optimum.Revenue + lambda * optimum.Surplus, best, tolerance.AtScale(frontier.WelfareBenchmark * (1 + lambda)), $"G({lambda})");
        }
    }

    private static void AssertAllChecked(TradeAnalysis analysis)
    {
        Assert.False(analysis.Degenerate);
        Assert.Empty(analysis.Failures.Select(p => $"{p.Role} at U = {p.Surplus}: {p.Check.Failure}"));
        Assert.All(analysis.Landmarks.Concat(analysis.Samples), p => Assert.Equal(TradeCheckRoutes.LpLagrangianMechanism, p.Check.Route));
        Assert.All(analysis.Vertices, p => Assert.Equal(TradeCheckRoutes.LagrangianMechanism, p.Check.Route));
        Assert.NotEmpty(analysis.Vertices);
        // Welfare never exceeds the first best, and the second best lies between the ends' welfare and the first best.
        Assert.All(analysis.All, p => Assert.True(Tolerances.SolverAgreement.AtMost(p.Welfare, analysis.FirstBest), $"{p.Role}: W above FB"));
        Assert.True(analysis.SecondBest <= analysis.FirstBest);
        Assert.True(Tolerances.SolverAgreement.AtMost(analysis.Frontier!.First.Welfare, analysis.SecondBest));
    }
}
