using MathNet.Numerics.Integration;
using OrSolver.Core.Classes;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.LinearProgramming.OrTools;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Tests.Classes;

/// <summary>
/// The revenue-optimal point of a two-class uniform market against Myerson's auction with class-wise virtual values,
/// computed by independent quadrature: n₁ buyers of U[0,1] (φ₁(v) = 2v − 1) and n₂ of U[0,2] (φ₂(v) = 2v − 2); the item
/// goes to the highest positive virtual value, so Π* = E[max_i φ_i(v_i)⁺] = ∫₀² (1 − P(φ₁ ≤ t)^{n₁}·P(φ₂ ≤ t)^{n₂}) dt with
/// P(φ₁ ≤ t) = min(1, (1 + t)/2) and P(φ₂ ≤ t) = min(1, (2 + t)/4). The class-specific reserves are φ_c⁻¹(0): 1/2 and 1,
/// both at quantile 1/2.
/// </summary>
public sealed class MyersonTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    public void The_revenue_optimum_is_Myersons_class_wise_auction(int weak, int strong)
    {
        double exact = GaussKronrodRule.Integrate(
            t => 1 - Math.Pow(Math.Min(1, (1 + t) / 2), weak) * Math.Pow(Math.Min(1, (2 + t) / 4), strong),
            0, 2, out _, out _, Tolerances.Quadrature);
        // The Lagrangian route on the default grid size: the grid's mechanisms converge at second order (method.md §3.6).
        var fine = new ClassProblem(ClassMarket.Parse((weak, "uniform(0,1)"), (strong, "uniform(0,2)")), 4000);
        Assert.True(Tolerances.ClosedForm.Close(exact, fine.OptimalRevenue), $"Π* {fine.OptimalRevenue} against {exact}");

        // The LP with cutting planes on a coarser grid reaches the Lagrangian route's Π* there, with reserves at q = 1/2.
        var problem = new ClassProblem(ClassMarket.Parse((weak, "uniform(0,1)"), (strong, "uniform(0,2)")), 200);
        using var solver = new ClassFrontierSolver(problem, new OrToolsLinearSolver());
        var solve = solver.Solve(double.NegativeInfinity);
        Assert.True(solve.Status == SolveStatus.Optimal, solve.Note);
        Assert.True(Tolerances.SolverAgreement.AtScale(problem.OptimalWelfare).Close(problem.OptimalRevenue, solve.Allocation!.Revenue));
        foreach (var allocation in problem.RevenueOptimal.Classes)
        {
            var grid = allocation.Market.Grid;
            for (int j = 1; j <= grid.Cells; j++)
            {
                if (grid[j] <= 0.5) Assert.True(allocation.Cell(j) > 0, $"x = 0 above the reserve at q = {grid[j]}");
                else Assert.True(Tolerances.Rounding.Close(0, allocation.Cell(j)), $"x > 0 below the reserve at q = {grid[j]}");
            }
        }
    }
}
