using OrSolver.Core.Frontier;
using OrSolver.Core.Numerics;
using OrSolver.Core.Program;
using OrSolver.Core.Program.OrTools;

namespace OrSolver.Core.Tests.Frontier;

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

    [Fact]
    public void LP_dual_equals_the_frontier_slope()
    {
        // λ = −dΠ/dU₀: compare the dual at U₀ with the difference quotient of the LP values around it.
        var problem = new FrontierProblem(Support.Market("exponential(1)", 3), 800);
        using var solver = new FrontierSolver(problem, new OrToolsLinearSolver());
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
}
