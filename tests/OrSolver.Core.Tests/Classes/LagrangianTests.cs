using OrSolver.Core.Classes;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.LinearProgramming.OrTools;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Tests.Classes;

/// <summary>The LP (cutting planes, certified) against the independent Lagrangian route on two-class markets: strong duality
/// at the LP's λ and the Lagrangian frontier min_λ G(λ) − λU at the LP's U (route <see cref="ClassCheckRoutes.LpLagrangian"/>).</summary>
public sealed class LagrangianTests
{
    [Theory]
    [InlineData(1, "uniform(0,1)", 1, "uniform(0,2)")]
    [InlineData(2, "uniform(0,1)", 3, "uniform(0,4)")]
    [InlineData(1, "exponential(1)", 2, "exponential(3)")]
    [InlineData(2, "lomax(3)", 2, "uniform(0,1)")]
    [InlineData(1, "uniform(2,3)", 2, "uniform(0,4)")]
    [InlineData(3, "beta(2,5)", 1, "weibull(1.5)")]
    public void Lp_equals_Lagrangian_on_two_class_markets(int n1, string f1, int n2, string f2)
    {
        var problem = new ClassProblem(ClassMarket.Parse((n1, f1), (n2, f2)), 60);
        using var solver = new ClassFrontierSolver(problem, new OrToolsLinearSolver());
        var sweep = solver.Sweep(7);
        foreach (var solve in sweep)
        {
            Assert.True(solve.Status == SolveStatus.Optimal, solve.Note);
            Assert.True(solve.Certificate!.Holds);
            var check = ClassDualityChecker.Check(problem, solve);
            Assert.True(check.Agrees, $"U₀ = {solve.SurplusFloor}: {check.Failure}");
        }
        // The ends: the revenue optimum is the Lagrangian's λ = 0 point, U* its λ = ∞ point.
        var agree = Tolerances.SolverAgreement.AtScale(problem.OptimalWelfare);
        Assert.True(agree.Close(problem.OptimalRevenue, sweep[0].Allocation!.Revenue));
        Assert.True(agree.Close(problem.OptimalSurplus, sweep[^1].Allocation!.Surplus));
    }
}
