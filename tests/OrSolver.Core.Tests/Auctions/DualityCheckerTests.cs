using OrSolver.Core.Auctions;
using OrSolver.Core.Characterization;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.LinearProgramming.OrTools;
using OrSolver.Core.Mechanisms;
using OrSolver.Core.Numerics;
using OrSolver.Core.Tests.Characterization;
using OrSolver.Core.Tests.Mechanisms;

namespace OrSolver.Core.Tests.Auctions;

/// <summary>The three-way check (method.md §5.7): LP, hull and the recovered auction re-evaluated from its rules.</summary>
public class DualityCheckerTests
{
    public static TheoryData<string, int, int> Markets => ExactVerticesTests.Markets;

    [Theory]
    [MemberData(nameof(Markets))]
    public void Every_sweep_point_agrees_and_its_mechanism_reevaluates_to_the_LP_values(string spec, int n, int m)
    {
        var c = FrontierCases.Get(spec, n, m);
        using var solver = new FrontierSolver(c.Problem, new OrToolsLinearSolver());
        var sweep = solver.Sweep(20);
        for (int k = 0; k < sweep.Count; k++)
        {
            var solve = sweep[k];
            Assert.True(solve.Status == SolveStatus.Optimal, $"{c}: {solve.Status} ({solve.Note})");
            var analysis = DualityChecker.Analyse(solve, c.Frontier);
            var lp = solve.Point;
            string at = $"{c}, U = {lp.Surplus:R}";
            // The last point (U* less 64 ulps of OPT): Agrees is checked in The_buyer_optimal_end_of_the_sweep_agrees.
            if (k < sweep.Count - 1)
            {
                Assert.True(analysis.Check.Agrees, $"{at}: {analysis.Check.Failure}");
                Assert.Null(analysis.Check.Failure);
            }

            // The recovered mechanism re-evaluated from its rules matches the LP to 1e-9 on the same grid (method.md §5.7).
            Support.Close(lp.Revenue, analysis.Reevaluated.Revenue, c.Values, $"{at}: re-evaluated Π");
            Support.Close(lp.Surplus, analysis.Reevaluated.Surplus, c.Values, $"{at}: re-evaluated U");
            Assert.True(analysis.Check.RevenueGap <= c.Values.Bound(lp.Revenue, lp.Revenue), $"{at}: revenue gap {analysis.Check.RevenueGap:G3}");
            Assert.True(analysis.Check.SurplusGap <= c.Values.Bound(lp.Surplus, lp.Surplus), $"{at}: surplus gap {analysis.Check.SurplusGap:G3}");
            Assert.True(analysis.Check.MaxAllocationGap is { } allocationGap && !double.IsNaN(allocationGap));

            // The reported mechanism is the hull's: the vertex's auction, or the randomisation of the two vertices' (Cor. 3.6/3.8).
            var location = analysis.Location;
            var left = MechanismRecovery.FromOptimum(location.Left.Optimum(c.Problem.Discretised));
            if (location.AtVertex)
            {
                Assert.NotEqual(MechanismKind.Randomization, analysis.Mechanism.Kind);
                AssertSameAuction(left, analysis.Mechanism, at);
            }
            else
            {
                var right = MechanismRecovery.FromOptimum(location.Right.Optimum(c.Problem.Discretised));
                Assert.Equal(MechanismKind.Randomization, analysis.Mechanism.Kind);
                Assert.Equal(2, analysis.Mechanism.Components.Count);
                var (first, second) = (analysis.Mechanism.Components[0], analysis.Mechanism.Components[1]);
                Assert.Equal(location.Probability, first.Probability);
                Support.Close(1 - location.Probability, second.Probability, Tolerances.Rounding, "1 − ν");
                Assert.True(first.Probability > 0 && first.Probability < 1, $"{at}: ν = {first.Probability}");
                AssertSameAuction(left, first.Mechanism, at);
                AssertSameAuction(right, second.Mechanism, at);
                // ν·U_left + (1−ν)·U_right is the LP's U.
                double mixed = location.Probability * location.Left.Surplus + (1 - location.Probability) * location.Right.Surplus;
                Support.Close(lp.Surplus, mixed, c.Values, $"{at}: U of the randomisation");
            }
        }
    }

    [Theory]
    [MemberData(nameof(FrontierCases.SweepMarkets), MemberType = typeof(FrontierCases))]
    public void The_buyer_optimal_end_of_the_sweep_agrees(string spec, int n, int m)
    {
        var c = FrontierCases.Get(spec, n, m);
        using var solver = new FrontierSolver(c.Problem, new OrToolsLinearSolver());
        var end = solver.Sweep(2)[^1];
        Assert.True(end.Status == SolveStatus.Optimal, $"{c}: {end.Status} ({end.Note})");
        var analysis = DualityChecker.Analyse(end, c.Frontier);
        Assert.True(analysis.Check.Agrees, $"{c}: {analysis.Check.Failure}");
    }

    /// <summary>Pareto(2), one buyer: R(q) = √q increases, so Myerson = SPA = buyer-optimal: post v(1) = 1 (one vertex).
    /// Π = 1 (always sold at 1) and U = E[v] − 1 = α/(α−1) − 1 = 1.</summary>
    private static void AssertSingleBuyerPareto(PointAnalysis analysis, SurplusSolve solve)
    {
        Assert.True(analysis.Check.Agrees, analysis.Check.Failure);
        Assert.True(analysis.Location.AtVertex);
        Assert.Equal(MechanismKind.SecondPrice, analysis.Mechanism.Kind);
        Assert.Empty(analysis.Mechanism.Gaps);
        Support.Close(1, analysis.Mechanism.Reserve, Tolerances.ClosedForm, "posted price v(1)");
        Support.Close(1, analysis.Reevaluated.Revenue, Tolerances.ClosedForm, "re-evaluated Π");
        Support.Close(1, analysis.Reevaluated.Surplus, Tolerances.ClosedForm, "re-evaluated U");
        Support.Close(solve.Point.Revenue, analysis.Reevaluated.Revenue, Tolerances.SolverAgreement, "re-evaluated Π vs LP");
        Support.Close(solve.Point.Surplus, analysis.Reevaluated.Surplus, Tolerances.SolverAgreement, "re-evaluated U vs LP");
    }

    [Fact]
    public void Single_buyer_degenerate_frontier_analyses_the_hull_point()
    {
        // The duality checker on a one-vertex frontier, fed the hull's own point at several λ (any λ ≥ 0 supports it).
        var problem = new FrontierProblem(Support.Market("pareto(2)", 1), 500);
        var frontier = ExactVertices.Compute(problem.Discretised);
        Assert.Single(frontier.Vertices);
        var allocation = problem.RevenueOptimal.Allocation;
        foreach (double lambda in new[] { 0.0, 1.0, 7.5 })
        {
            var solve = new SurplusSolve(SolveStatus.Optimal, allocation.Surplus, allocation, lambda, null, null, "OPTIMAL");
            AssertSingleBuyerPareto(DualityChecker.Analyse(solve, frontier), solve);
        }
    }

    [Fact]
    public void Single_buyer_degenerate_frontier_still_solves_and_analyses()
    {
        var problem = new FrontierProblem(Support.Market("pareto(2)", 1), 500);
        var frontier = ExactVertices.Compute(problem.Discretised);
        using var solver = new FrontierSolver(problem, new OrToolsLinearSolver());
        var solves = new List<SurplusSolve> { solver.Solve(0), solver.Solve(problem.OptimalSurplus) };
        solves.AddRange(solver.Sweep(2));
        foreach (var solve in solves)
        {
            Assert.True(solve.Status == SolveStatus.Optimal, $"{solve.Status} ({solve.Note})");
            AssertSingleBuyerPareto(DualityChecker.Analyse(solve, frontier), solve);
        }
    }

    [Fact]
    public void Single_buyer_frontier_is_posted_prices_and_analyses()
    {
        // n = 1 (Prop. 3.1/3.3): exponential(1) is regular, so every vertex posts one price ≤ the monopoly price 1, and the
        // duality checker agrees on the LP's points (floors up to 0.999 of the way to U*; beyond, see the skipped test below).
        var c = FrontierCases.Get("exponential(1)", 1, 500);
        Assert.All(c.Mechanisms, x => Assert.True(x.Kind is MechanismKind.SecondPrice or MechanismKind.SecondPriceWithReserve && x.Gaps.Count == 0));
        using var solver = new FrontierSolver(c.Problem, new OrToolsLinearSolver());
        double low = c.Problem.MyersonSurplus, high = c.Problem.OptimalSurplus;
        foreach (double f in new[] { 0, 0.1, 0.37, 0.5, 0.8, 0.95, 0.999 })
        {
            var solve = solver.Solve(low + f * (high - low));
            Assert.True(solve.Status == SolveStatus.Optimal, $"f = {f}: {solve.Status} ({solve.Note})");
            var analysis = DualityChecker.Analyse(solve, c.Frontier);
            Assert.True(analysis.Check.Agrees, $"f = {f}: {analysis.Check.Failure}");
            Support.Close(solve.Point.Revenue, analysis.Reevaluated.Revenue, c.Values, "re-evaluated Π");
            Support.Close(solve.Point.Surplus, analysis.Reevaluated.Surplus, c.Values, "re-evaluated U");
            // A posted price p sells with probability e^{−p}: the randomisation's U is a mix of two such e^{−p}.
            foreach (var component in analysis.Mechanism.Components)
            {
                double p = component.Mechanism.Reserve;
                Support.Close(Math.Exp(-p), component.Mechanism.Evaluate(c.Problem.Discretised).Surplus, Tolerances.ClosedForm, $"U of posting {p}");
            }
        }
    }

    [Fact]
    public void Single_buyer_sweep_reaches_U_star()
    {
        var c = FrontierCases.Get("exponential(1)", 1, 500);
        using var solver = new FrontierSolver(c.Problem, new OrToolsLinearSolver());
        foreach (var solve in solver.Sweep(20))
        {
            Assert.True(solve.Status == SolveStatus.Optimal, $"U₀ = {solve.SurplusFloor:R}: {solve.Status} ({solve.Note})");
            Assert.True(DualityChecker.Analyse(solve, c.Frontier).Check.Agrees);
        }
    }

    [Fact]
    public void Analyse_refuses_a_solve_without_an_allocation()
    {
        var c = FrontierCases.Get("exponential(1)", 3, 1000);
        var failed = new SurplusSolve(SolveStatus.Infeasible, 2.0, null, double.NaN, null, "above U*", "INFEASIBLE");
        Assert.Throws<InvalidOperationException>(() => DualityChecker.Analyse(failed, c.Frontier));
    }

    [Fact]
    public void A_wrong_LP_point_is_reported_with_the_check_that_failed()
    {
        // The check must say which comparison failed and by how much: feed it the Myerson allocation with a λ that is not a
        // supporting slope of the Myerson vertex (the LP would never return it; the point is the message).
        var c = FrontierCases.Get("lomax(2)", 3, 1000);
        var myerson = c.Problem.RevenueOptimal.Allocation;
        var location = c.Frontier.Locate(myerson.Surplus);
        double wrongLambda = location.LambdaHigh + 0.5;
        var solve = new SurplusSolve(SolveStatus.Optimal, myerson.Surplus, myerson, wrongLambda, null, null, "OPTIMAL");
        var analysis = DualityChecker.Analyse(solve, c.Frontier);
        Assert.False(analysis.Check.Agrees);
        Assert.NotNull(analysis.Check.Failure);
        Assert.Contains("λ", analysis.Check.Failure, StringComparison.Ordinal);
        // Revenue and surplus are right, so only λ is named.
        Assert.DoesNotContain("revenue", analysis.Check.Failure, StringComparison.Ordinal);
    }

    private static void AssertSameAuction(RecoveredMechanism expected, RecoveredMechanism actual, string at)
    {
        Assert.True(expected.Kind == actual.Kind, $"{at}: kind {actual.KindName}, expected {expected.KindName}");
        Assert.True(expected.ReservePoint == actual.ReservePoint, $"{at}: reserve point {actual.ReservePoint}, expected {expected.ReservePoint}");
        Assert.Equal(expected.Pooled, actual.Pooled);
    }
}
