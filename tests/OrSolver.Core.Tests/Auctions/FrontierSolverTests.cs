using OrSolver.Core.Auctions;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.LinearProgramming.OrTools;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Tests.Auctions;

public class FrontierSolverTests
{
    [Theory]
    [InlineData("uniform(0, 1)", 3)]
    [InlineData("exponential(2)", 4)]
    [InlineData("lomax(3)", 2)]
    [InlineData("mixture(0.5*uniform(0, 1), 0.5*uniform(2, 3))", 3)]
    public void Sweep_is_concave_non_increasing_and_ends_at_the_landmarks(string spec, int n)
    {
        var problem = new FrontierProblem(Support.Market(spec, n), 1000);
        using var solver = new FrontierSolver(problem, new OrToolsLinearSolver());
        var points = solver.Sweep(15);
        Assert.All(points, p => Assert.Equal(SolveStatus.Optimal, p.Status));
        var agreement = Tolerances.SolverAgreement.AtScale(problem.OptimalWelfare);
        Support.Close(problem.OptimalRevenue, points[0].Point.Revenue, agreement, "Π at the Myerson end");
        Support.Close(problem.SurplusOptimal.Allocation.Revenue, points[^1].Point.Revenue, agreement, "Π at U*");
        for (int i = 1; i < points.Count; i++)
        {
            Assert.True(agreement.AtMost(points[i].Point.Revenue, points[i - 1].Point.Revenue), "Π non-increasing in U");
            // λ is the slope −dΠ/dU: non-decreasing along a concave frontier.
            Assert.True(points[i].Lambda >= points[i - 1].Lambda - 1e-7, $"λ decreased at point {i}");
        }
        // Concavity: every interior point lies on or above the chord of its neighbours.
        for (int i = 1; i + 1 < points.Count; i++)
        {
            var (a, b, c) = (points[i - 1].Point, points[i].Point, points[i + 1].Point);
            double chord = a.Revenue + (c.Revenue - a.Revenue) * (b.Surplus - a.Surplus) / (c.Surplus - a.Surplus);
            Assert.True(agreement.AtMost(chord, b.Revenue), $"not concave at point {i}");
        }
    }

    [Theory]
    [InlineData(OrToolsBackend.Glop)]
    [InlineData(OrToolsBackend.Clp)]
    public void LP_dual_equals_the_frontier_slope(OrToolsBackend backend)
    {
        // λ = −dΠ/dU₀ ≥ 0, taken from the dual with its sign (no absolute value): compare it with the difference quotient
        // of the LP values around U₀.
        var problem = new FrontierProblem(Support.Market("exponential(1)", 3), 800);
        using var solver = new FrontierSolver(problem, new OrToolsLinearSolver(backend));
        double u = problem.MyersonSurplus + 0.37 * (problem.OptimalSurplus - problem.MyersonSurplus);
        var middle = solver.Solve(u);
        double h = 1e-7;
        double slope = (solver.Solve(u - h).Point.Revenue - solver.Solve(u + h).Point.Revenue) / (2 * h);
        Support.Close(slope, middle.Lambda, new Tolerance(1e-4, 1e-6), "λ vs −dΠ/dU");
    }

    [Fact]
    public void Billion_buyers_uniform_still_solves_and_keeps_the_closed_forms()
    {
        // n = 10⁹: SPA revenue (n-1)/(n+1), U* = 1/2 (lottery), Π* → 1.
        const long n = 1_000_000_000;
        var problem = new FrontierProblem(Support.Market("uniform(0, 1)", n));
        double myerson = 2.0 * n / (n + 1) - 1;
        Support.Close(myerson, problem.OptimalRevenue, Tolerances.ClosedForm, "Π*");
        Support.Close((n - 1.0) / (n + 1), problem.SecondPrice.Revenue, Tolerances.ClosedForm, "SPA revenue");
        Support.Close(0.5, problem.OptimalSurplus, Tolerances.ClosedForm, "U*");
        using var solver = new FrontierSolver(problem, new OrToolsLinearSolver());
        var middle = solver.Solve(0.25);
        Assert.True(middle.Status == SolveStatus.Optimal, $"{middle.Status}: {middle.Note}");
        // For n → ∞ the uniform frontier tends to the segment Π = 1 - 2U between the SPA (1, 0) and the lottery (0, 1/2).
        Support.Close(0.5, middle.Point.Revenue, new Tolerance(1e-6, 0), "Π at U = 1/4");
    }

    /// <summary>HiGHS through MPSolver has no duals: the point is still optimal and checked (Π and U against the hull and
    /// the auction rules), but λ is NaN and the solve says why.</summary>
    [Fact]
    public void Backend_without_duals_gives_no_lambda_and_says_why()
    {
        var problem = new FrontierProblem(Support.Market("uniform(0, 1)", 3), 400);
        using var solver = new FrontierSolver(problem, new OrToolsLinearSolver(OrToolsBackend.Highs));
        var solve = solver.Solve(0.5 * (problem.MyersonSurplus + problem.OptimalSurplus));
        Assert.Equal(SolveStatus.Optimal, solve.Status);
        Assert.True(double.IsNaN(solve.Lambda));
        Assert.Equal(OrToolsLinearSolver.HighsDualsUnavailable, solve.LambdaUnavailable);
        var check = DualityChecker.Analyse(solve, problem.Discretised).Check;
        Assert.True(check.Agrees, check.Failure);
    }

    /// <summary>
    /// Floors at U* that GLOP's dual simplex reads as infeasible, now solved to U* by the adapter's confirmations:
    /// exponential(1), n = 1 (the dual simplex declares U* and U* − 1e-10·OPT infeasible); exponential(1), n = 2, m = 2000 (there
    /// the scaled dual simplex, the only confirmation before, ran for minutes without an answer); the bimodal mixture at
    /// n = 10⁹ (the scaled dual simplex returned a point that violates monotonicity 9 times over). Each ends at the hull's
    /// buyer-optimal point.
    /// </summary>
    [Theory]
    [InlineData("exponential(1)", 1, 500)]
    [InlineData("exponential(1)", 2, 2000)]
    [InlineData("mixture(0.5*uniform(0, 1), 0.5*uniform(2, 3))", 1_000_000_000, 1000)]
    public void Floors_at_U_star_that_the_dual_simplex_misreads_are_solved(string spec, long buyers, int grid)
    {
        var problem = new FrontierProblem(Support.Market(spec, buyers), grid);
        using var solver = new FrontierSolver(problem, new OrToolsLinearSolver());
        var solve = solver.Solve(problem.OptimalSurplus);
        Assert.True(solve.Status == SolveStatus.Optimal, $"{solve.Status} ({solve.Note})");
        Assert.True(solve.Shortfall <= 1e-9, $"shortfall {solve.Shortfall:E2}");
        var values = Tolerances.SolverAgreement.AtScale(problem.OptimalWelfare);
        Support.Close(problem.SurplusOptimal.Allocation.Revenue, solve.Point.Revenue, values, "Π at U*");
    }

    /// <summary>A backend that reaches U* only to 3e-10·OPT: the floor is lowered by at most 5e-10·OPT, within the solver
    /// tolerance, and the point is optimal with its shortfall stated.</summary>
    [Fact]
    public void A_floor_reached_within_the_tolerance_is_optimal_with_its_shortfall()
    {
        var (problem, solve) = SolveAtUStarWithReachShort(3e-10);
        Assert.Equal(SolveStatus.Optimal, solve.Status);
        Assert.InRange(solve.Shortfall, 3e-10, 1e-9);
        Support.Close((problem.OptimalSurplus - solve.Point.Surplus) / problem.OptimalWelfare, solve.Shortfall, new Tolerance(1e-6, 0), "shortfall");
    }

    /// <summary>A backend that reaches U* only to 3e-8·OPT: no floor within the tolerance is met, so the point is not
    /// optimal (no allocation to read) and the solve states how far short the LP stays: the probe 1e-7·OPT below is met,
    /// 1e-8 is not.</summary>
    [Fact]
    public void A_floor_missed_beyond_the_tolerance_is_a_failure_with_its_shortfall()
    {
        var (_, solve) = SolveAtUStarWithReachShort(3e-8);
        Assert.Equal(SolveStatus.NumericalFailure, solve.Status);
        Assert.Null(solve.Allocation);
        Assert.True(double.IsNaN(solve.Point.Revenue) && double.IsNaN(solve.Lambda));
        Assert.InRange(solve.Shortfall, 3e-8, 1.1e-7);
        Assert.Contains("no point at", solve.Note, StringComparison.Ordinal);
    }

    /// <summary>Solve(U*) on uniform(0, 1), n = 3, with a backend that reaches U* only to <paramref name="gap"/>·OPT below it.</summary>
    private static (FrontierProblem Problem, SurplusSolve Solve) SolveAtUStarWithReachShort(double gap)
    {
        var problem = new FrontierProblem(Support.Market("uniform(0, 1)", 3), 400);
        using var solver = new FrontierSolver(problem, new SurplusCappedSolver(problem.OptimalSurplus - gap * problem.OptimalWelfare));
        return (problem, solver.Solve(problem.OptimalSurplus));
    }

    /// <summary>GLOP, except that any solve whose surplus row (named "surplus") asks for more than <paramref name="cap"/>
    /// reads as infeasible: an LP whose reach falls short of U*.</summary>
    private sealed class SurplusCappedSolver(double cap) : ILinearSolver
    {
        private readonly OrToolsLinearSolver _glop = new();

        public string Name => "glop, surplus capped";

        public ILinearSolverSession Load(LinearProgram program)
        {
            int row = program.Rows.Select((r, i) => (r.Name, i)).Single(r => r.Name == "surplus").i;
            return new Session(_glop.Load(program), row, cap);
        }

        private sealed class Session(ILinearSolverSession inner, int surplusRow, double cap) : ILinearSolverSession
        {
            private double _floor = double.NegativeInfinity;

            public void SetRowBounds(int row, double lower, double upper)
            {
                if (row == surplusRow) _floor = lower;
                inner.SetRowBounds(row, lower, upper);
            }

            public LinearSolution Solve() => _floor > cap ? LinearSolution.Without(SolveStatus.Infeasible, "INFEASIBLE") : inner.Solve();

            public void Dispose() => inner.Dispose();
        }
    }
}

/// <summary>A warm re-solve that moves the floor onto a degenerate vertex: GLOP's dual simplex cycled there without end
/// (Uniform[0,1], n = 2, m = 200, from the Kalai–Smorodinsky point 6/17 to the second-price auction's U = 1/3). The capped
/// warm solve falls back to a cold one, which is optimal at the closed form Π = (n − 1)/(n + 1) = 1/3.</summary>
public class DegenerateWarmStartTests
{
    [Fact]
    public void Moving_the_floor_onto_the_second_price_vertex_is_solved()
    {
        var problem = new FrontierProblem(Support.Market("uniform(0, 1)", 2), 200);
        using var solver = new FrontierSolver(problem, new OrToolsLinearSolver());
        Assert.Equal(SolveStatus.Optimal, solver.Solve(6.0 / 17).Status);
        var solve = Fuzz.Within("warm re-solve at the second-price auction's surplus", () => solver.Solve(problem.SecondPrice.Surplus));
        Assert.Equal(SolveStatus.Optimal, solve.Status);
        Support.Close(problem.SecondPrice.Revenue, solve.Point.Revenue, Tolerances.SolverAgreement.AtScale(problem.OptimalWelfare), "Π at the second-price auction");
        Support.Close(1.0 / 3, solve.Point.Revenue, new Tolerance(1e-4, 0), "Π ≈ 1/3 on a 200-cell grid");
    }
}
