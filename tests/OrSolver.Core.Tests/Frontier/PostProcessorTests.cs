using OrSolver.Core.Characterization;
using OrSolver.Core.Frontier;
using OrSolver.Core.Mechanisms;
using OrSolver.Core.Numerics;
using OrSolver.Core.Program;
using OrSolver.Core.Program.OrTools;
using OrSolver.Core.Tests.Characterization;
using OrSolver.Core.Tests.Mechanisms;

namespace OrSolver.Core.Tests.Frontier;

/// <summary>The three-way check of issue 3 (SPEC §4-5): LP, hull and the recovered auction re-evaluated from its rules.</summary>
public class PostProcessorTests
{
    public static TheoryData<string, int, int> Markets => ExactFrontierTests.Markets;

    [Theory]
    [MemberData(nameof(Markets))]
    public void Every_sweep_point_agrees_and_its_mechanism_reevaluates_to_the_LP_values(string spec, int n, int m)
    {
        var c = FrontierCases.Get(spec, n, m);
        using var solver = new FrontierSolver(c.Problem, new OrToolsLinearSolver());
        foreach (var solve in solver.Sweep(20))
        {
            Assert.True(solve.Status == SolveStatus.Optimal, $"{c}: {solve.Status} ({solve.Note})");
            var analysis = PostProcessor.Analyse(solve, c.Frontier);
            var lp = solve.Point;
            string at = $"{c}, U = {lp.Surplus:R}";
            Assert.True(analysis.Check.Agrees, $"{at}: {analysis.Check.Failure}");
            Assert.Null(analysis.Check.Failure);

            // Issue 3: "re-evaluation of recovered mechanisms matches the LP to 1e-9 on the same grid".
            Support.Close(lp.Revenue, analysis.Reevaluated.Revenue, c.Values, $"{at}: re-evaluated Π");
            Support.Close(lp.Surplus, analysis.Reevaluated.Surplus, c.Values, $"{at}: re-evaluated U");
            Assert.True(analysis.Check.RevenueGap <= c.Values.Bound(lp.Revenue, lp.Revenue), $"{at}: revenue gap {analysis.Check.RevenueGap:G3}");
            Assert.True(analysis.Check.SurplusGap <= c.Values.Bound(lp.Surplus, lp.Surplus), $"{at}: surplus gap {analysis.Check.SurplusGap:G3}");
            Assert.False(double.IsNaN(analysis.Check.MaxAllocationGap));

            // The reported mechanism is the hull's: the vertex's auction, or the randomisation of the two vertices' (Cor. 3.6/3.8).
            var location = analysis.Location;
            var left = RecoveredMechanism.FromOptimum(location.Left.Optimum(c.Problem.Discretised));
            if (location.AtVertex)
            {
                Assert.NotEqual(MechanismKind.Randomization, analysis.Mechanism.Kind);
                AssertSameAuction(left, analysis.Mechanism, at);
            }
            else
            {
                var right = RecoveredMechanism.FromOptimum(location.Right.Optimum(c.Problem.Discretised));
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

    [Fact]
    public void Single_buyer_degenerate_frontier_still_analyses()
    {
        // Pareto(2), n = 1: R(q) = √q increases, so Myerson = SPA = buyer-optimal: post v(1) = 1 (one vertex).
        // Π = 1 (always sold at 1) and U = E[v] − 1 = α/(α−1) − 1 = 1.
        var problem = new FrontierProblem(Support.Market("pareto(2)", 1), 500);
        var frontier = ExactFrontier.Compute(problem.Discretised);
        Assert.Single(frontier.Vertices);
        using var solver = new FrontierSolver(problem, new OrToolsLinearSolver());
        var solves = new List<SurplusSolve> { solver.Solve(0), solver.Solve(problem.OptimalSurplus) };
        solves.AddRange(solver.Sweep(2));
        foreach (var solve in solves)
        {
            Assert.True(solve.Status == SolveStatus.Optimal, $"{solve.Status} ({solve.Note})");
            var analysis = PostProcessor.Analyse(solve, frontier);
            Assert.True(analysis.Check.Agrees, analysis.Check.Failure);
            Assert.True(analysis.Location.AtVertex);
            Assert.Equal(MechanismKind.SecondPrice, analysis.Mechanism.Kind);
            Assert.Empty(analysis.Mechanism.Gaps);
            Support.Close(1, analysis.Mechanism.Reserve, Tolerances.ClosedForm, "posted price v(1)");
            Support.Close(1, analysis.Reevaluated.Revenue, Tolerances.ClosedForm, "re-evaluated Π");
            Support.Close(1, analysis.Reevaluated.Surplus, Tolerances.ClosedForm, "re-evaluated U");
            Support.Close(solve.Point.Revenue, analysis.Reevaluated.Revenue, Tolerances.SolverAgreement, "re-evaluated Π vs LP");
        }
    }

    [Fact]
    public void Analyse_refuses_a_solve_without_an_allocation()
    {
        var c = FrontierCases.Get("exponential(1)", 3, 1000);
        var failed = new SurplusSolve(SolveStatus.Infeasible, 2.0, null, double.NaN, null, "above U*", "INFEASIBLE");
        Assert.Throws<InvalidOperationException>(() => PostProcessor.Analyse(failed, c.Frontier));
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
        var analysis = PostProcessor.Analyse(solve, c.Frontier);
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
