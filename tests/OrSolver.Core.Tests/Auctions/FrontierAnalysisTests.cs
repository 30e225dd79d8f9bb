using OrSolver.Core.Auctions;
using OrSolver.Core.LinearProgramming.OrTools;
using OrSolver.Core.Mechanisms;
using OrSolver.Core.Numerics;
using OrSolver.Core.Pareto;

namespace OrSolver.Core.Tests.Auctions;

/// <summary>
/// The verified entry points: every point <see cref="FrontierAnalysis"/> and <see cref="AuctionEvaluation"/> report
/// carries its check, the routes agree with closed forms, and a tampered point fails its check.
/// </summary>
public class FrontierAnalysisTests
{
    private static readonly Tolerance ClosedForm = Tolerances.ClosedForm;

    /// <summary>Uniform[0,1], n = 5, by both routes: every reported point passes; above the second-price auction the
    /// frontier is the segment Π = 1 − 2U (R₂ = 2V − R = q is linear), and the Myerson point is (Π*, U) in closed form.</summary>
    [Theory]
    [InlineData(FrontierMethod.Lp)]
    [InlineData(FrontierMethod.Hull)]
    [InlineData(FrontierMethod.Both)]
    public void Uniform_points_are_checked_and_match_the_closed_forms(FrontierMethod method)
    {
        var problem = new FrontierProblem(Support.Market("uniform(0, 1)", 5), (int?)null);
        var analysis = FrontierAnalysis.Run(problem, new OrToolsLinearSolver(), new FrontierAnalysisOptions { Points = 7, Method = method });
        Assert.Empty(analysis.Failures);
        Assert.Equal(7, analysis.Samples.Count);
        Assert.Equal(analysis.Exact.Vertices.Count, analysis.Vertices.Count);
        Assert.Equal(3, analysis.BargainingPoints.Count);
        string[] expectedRoutes = method switch
        {
            FrontierMethod.Hull => [CheckRoutes.CertificateHullAuction],
            FrontierMethod.Lp => [CheckRoutes.LpHullAuction, CheckRoutes.LpDualHullAuction],
            _ => [CheckRoutes.LpHullAuction],
        };
        Assert.All(analysis.Samples, p => Assert.Contains(p.Check.Route, expectedRoutes));
        Assert.All(analysis.Vertices, p => Assert.Equal(CheckRoutes.CertificateHullAuction, p.Check.Route));

        // Myerson point, n = 5: Π* = 2n(1 − 2^−(n+1))/(n+1) − (1 − 2^−n), W = n(1 − 2^−(n+1))/(n+1).
        const double n = 5;
        double revenueStar = 2 * n * (1 - Math.Pow(2, -(n + 1))) / (n + 1) - (1 - Math.Pow(2, -n));
        double welfareStar = n * (1 - Math.Pow(2, -(n + 1))) / (n + 1);
        Support.Close(revenueStar, analysis.Samples[0].Revenue, ClosedForm, "Π at the Myerson point");
        Support.Close(welfareStar - revenueStar, analysis.Samples[0].Surplus, ClosedForm, "U at the Myerson point");
        foreach (var p in analysis.Samples.Where(p => p.Surplus >= 1 / (n + 1)))
        {
            Support.Close(1 - 2 * p.Surplus, p.Revenue, ClosedForm.AtScale(1), $"Π = 1 − 2U at U = {p.Surplus}");
            Support.Close(2, p.Lambda, Tolerances.LambdaAgreement, $"λ at U = {p.Surplus}");
        }
    }

    /// <summary>A hull point whose revenue is moved by 1e-6 of OPT fails the hull route's check, naming the comparison.</summary>
    [Fact]
    public void A_tampered_hull_point_fails_its_check()
    {
        var problem = new FrontierProblem(Support.Market("exponential(1)", 3), 400);
        var analysis = FrontierAnalysis.Run(problem, new OrToolsLinearSolver(), new FrontierAnalysisOptions { Points = 3, Method = FrontierMethod.Hull, Bargaining = false });
        double u = analysis.Samples[1].Surplus;
        var location = analysis.Exact.Locate(u);
        var honest = DualityChecker.AnalyseHullPoint(location, u, problem.Discretised);
        Assert.True(honest.Check.Agrees, honest.Check.Failure);
        var tampered = DualityChecker.AnalyseHullPoint(location with { Revenue = location.Revenue + 1e-6 * problem.OptimalWelfare }, u, problem.Discretised);
        Assert.False(tampered.Check.Agrees);
        Assert.Contains("re-evaluated revenue", tampered.Check.Failure, StringComparison.Ordinal);
        Assert.True(tampered.Check.WorstGap > 0.9e-6, $"worst gap {tampered.Check.WorstGap:E2}");
    }

    /// <summary>
    /// The (k+1)-th price auction without reserve, k = 2 units, n = 3 Uniform[0,1] buyers: W = E[sum of the top two of
    /// three] = 3/4 + 2/4, Π = 2·E[third highest] = 2·(1/4), from order statistics. Its point lies on the frontier (it
    /// maximises welfare), so it leaves no revenue on the table.
    /// </summary>
    [Fact]
    public void A_multi_unit_auction_is_evaluated_with_its_units()
    {
        var market = new Market(Core.Distributions.DistributionSpec.Parse("uniform(0, 1)"), 3, 2);
        var evaluation = AuctionEvaluation.Run(market, 2000, 0, [], new OrToolsLinearSolver());
        Assert.True(evaluation.Agrees, $"{evaluation.Check.Failure} / {evaluation.Frontier.Check.Failure}");
        Support.Close(1.25, evaluation.Outcome.Welfare, ClosedForm, "W");
        Support.Close(0.5, evaluation.Outcome.Revenue, ClosedForm, "Π");
        Support.Close(0, evaluation.RevenueLeftOnTable, ClosedForm.AtScale(1), "revenue left on the table");
    }

    /// <summary>The second-price auction with reserve r, n = 2 Uniform[0,1] buyers: Π = 1/3 + r² − (4/3)r³,
    /// W = (2/3)(1 − r³). At r = 1/2 it is the Myerson auction (no revenue left); at r = 0.2 it is below the frontier's
    /// best at its surplus by a positive amount.</summary>
    [Theory]
    [InlineData(0.5)]
    [InlineData(0.2)]
    [InlineData(0.8)]
    public void A_reserve_auction_matches_its_closed_form_and_is_dominated(double reserve)
    {
        var evaluation = AuctionEvaluation.Run(Support.Market("uniform(0, 1)", 2), 2000, reserve, [], new OrToolsLinearSolver());
        Assert.True(evaluation.Agrees, $"{evaluation.Check.Failure} / {evaluation.Frontier.Check.Failure}");
        Assert.Equal(MechanismKind.SecondPriceWithReserve, evaluation.Mechanism.Kind);
        double r = reserve;
        Support.Close(1.0 / 3 + r * r - 4.0 / 3 * r * r * r, evaluation.Outcome.Revenue, ClosedForm, "Π");
        Support.Close(2.0 / 3 * (1 - r * r * r), evaluation.Outcome.Welfare, ClosedForm, "W");
        Assert.True(Tolerances.SolverAgreement.AtScale(1).AtMost(0, evaluation.RevenueLeftOnTable), $"left on the table {evaluation.RevenueLeftOnTable}");
        if (r == 0.5) Support.Close(0, evaluation.RevenueLeftOnTable, ClosedForm.AtScale(1), "the Myerson auction leaves nothing");
    }

    /// <summary>The landmarks are checked against their auctions; the second-price auction's values are the closed forms
    /// (n − 1)/(n + 1) and 1/(n + 1) on Uniform[0,1].</summary>
    [Fact]
    public void Landmarks_are_checked()
    {
        var problem = new FrontierProblem(Support.Market("uniform(0, 1)", 4), 2000);
        var landmarks = FrontierAnalysis.CheckLandmarks(problem);
        Assert.All(landmarks, p => Assert.True(p.Check.Agrees, p.Check.Failure));
        var spa = landmarks.Single(p => p.Role == AuctionPoints.SecondPrice);
        Support.Close(3.0 / 5, spa.Revenue, ClosedForm, "SPA Π");
        Support.Close(1.0 / 5, spa.Surplus, ClosedForm, "SPA U");
        Assert.Equal(MechanismKind.SecondPrice, spa.Mechanism!.Kind);
    }

    /// <summary>The LP route solves one LP per frontier segment that holds levels and proves the other levels of the segment
    /// by that LP's multipliers: on Uniform[0,1], n = 5, most of 41 levels lie on the segment Π = 1 − 2U (one LP for
    /// all of them), and each point so proven equals the LP solved at its own floor (an independent sweep) to the solver
    /// tolerance.</summary>
    [Fact]
    public void The_lp_route_proves_a_segment_s_levels_by_one_solve_s_multipliers()
    {
        var problem = new FrontierProblem(Support.Market("uniform(0, 1)", 5), 1000);
        var analysis = FrontierAnalysis.Run(problem, new OrToolsLinearSolver(), new FrontierAnalysisOptions { Points = 41, Bargaining = false, Vertices = false });
        Assert.Empty(analysis.Failures);
        var byDual = analysis.Samples.Where(p => p.Check.Route == CheckRoutes.LpDualHullAuction).ToList();
        Assert.True(byDual.Count > 20, $"{byDual.Count} of 41 levels proven by another solve's multipliers");
        using var lp = new FrontierSolver(problem, new OrToolsLinearSolver());
        var values = Tolerances.SolverAgreement.AtScale(problem.OptimalWelfare);
        foreach (var p in byDual)
        {
            var solve = lp.Solve(p.Surplus);
            Assert.Equal(OrSolver.Core.LinearProgramming.SolveStatus.Optimal, solve.Status);
            Assert.True(values.Close(solve.Point.Revenue, p.Revenue), $"LP Π {solve.Point.Revenue} vs proven {p.Revenue} at U = {p.Surplus}");
        }
    }

    /// <summary>A level whose hull point is moved off the frontier fails the multipliers' bound: a point below the bound is not
    /// proven optimal, a point above it contradicts weak duality.</summary>
    [Fact]
    public void A_point_away_from_the_lp_bound_fails_the_lp_dual_check()
    {
        var problem = new FrontierProblem(Support.Market("uniform(0, 1)", 5), 400);
        using var lp = new FrontierSolver(problem, new OrToolsLinearSolver());
        var exact = OrSolver.Core.Characterization.ExactVertices.Compute(problem.Discretised);
        double secondPrice = problem.SecondPrice.Surplus;
        double anchorLevel = secondPrice + 0.2 * (problem.OptimalSurplus - secondPrice), level = secondPrice + 0.6 * (problem.OptimalSurplus - secondPrice);
        var anchor = lp.Solve(anchorLevel);
        var location = exact.Locate(level);
        Assert.True(DualityChecker.AnalyseHullPointByLpDual(location, level, lp, anchor).Check.Agrees);
        double shift = 1e-6 * problem.OptimalWelfare;
        var below = DualityChecker.AnalyseHullPointByLpDual(location with { Revenue = location.Revenue - shift }, level, lp, anchor).Check;
        var above = DualityChecker.AnalyseHullPointByLpDual(location with { Revenue = location.Revenue + shift }, level, lp, anchor).Check;
        Assert.False(below.Agrees);
        Assert.Contains("above the hull's", below.Failure, StringComparison.Ordinal);
        Assert.False(above.Agrees);
        Assert.Contains("exceeds the LP's bound", above.Failure, StringComparison.Ordinal);
    }
}
