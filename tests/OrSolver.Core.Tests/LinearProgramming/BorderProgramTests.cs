using OrSolver.Core.Auctions;
using OrSolver.Core.Discretisation;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.LinearProgramming.OrTools;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Tests.LinearProgramming;

public class BorderProgramTests
{
    /// <summary>
    /// n = 1, Uniform[0,1], grid {0, 1/2, 1}: X̂(q) = q. By hand: R = q(1-q) gives ΔR = (1/4, -1/4); V = q - q²/2
    /// gives ΔV = (3/8, 1/8). Π = (x₁ - x₂)/4, U = x₁/8 + 3x₂/8, x₁ ≥ x₂ ≥ 0, x₁ ≤ 1. The frontier is the segment
    /// x₁ = 1, x₂ = t: (Π, U) = (1/4 - t/4, 1/8 + 3t/8), slope λ = 2/3. At U₀ = 0.3: t = 7/15, Π = 2/15.
    /// </summary>
    [Fact]
    public void Hand_solvable_two_cell_program()
    {
        var market = Support.Market("uniform(0, 1)", 1);
        var problem = new FrontierProblem(market, new QuantileGrid([0, 0.5, 1]));
        using var solver = new FrontierSolver(problem, new OrToolsLinearSolver());
        var solve = solver.Solve(0.3);
        Assert.Equal(SolveStatus.Optimal, solve.Status);
        Support.Close(2.0 / 15, solve.Point.Revenue, Tolerances.SolverAgreement, "Π");
        Support.Close(0.3, solve.Point.Surplus, Tolerances.SolverAgreement, "U");
        Support.Close(2.0 / 3, solve.Lambda, Tolerances.SolverAgreement, "λ");
        Support.Close(1, solve.Allocation!.Cell(1), Tolerances.SolverAgreement, "x₁");
        Support.Close(7.0 / 15, solve.Allocation.Cell(2), Tolerances.SolverAgreement, "x₂");

        Support.Close(0.25, problem.OptimalRevenue, Tolerances.SolverAgreement, "Π*");
        Support.Close(0.125, problem.MyersonSurplus, Tolerances.SolverAgreement, "U at Myerson");
        Support.Close(0.5, problem.OptimalSurplus, Tolerances.SolverAgreement, "U*");
    }

    /// <summary>method.md §2.3: the paper's x ≤ 1/n is a typo. The second-price auction has x(0) = 1 and
    /// must be feasible and reached: for Uniform (MHR) it is the frontier point at U⁺ = 1/(n+1) (Thm 3.7) with
    /// Π = (n-1)/(n+1). With an x ≤ 1/n bound the LP could not reach that revenue.</summary>
    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(20)]
    public void Second_price_auction_is_feasible_and_reached(int n)
    {
        var problem = new FrontierProblem(Support.Market("uniform(0, 1)", n));
        Assert.True(problem.SecondPrice.CheckFeasibility(Tolerances.Feasibility).Feasible);
        using var solver = new FrontierSolver(problem, new OrToolsLinearSolver());
        var solve = solver.Solve(1.0 / (n + 1));
        Assert.Equal(SolveStatus.Optimal, solve.Status);
        Support.Close((n - 1.0) / (n + 1), solve.Point.Revenue, Tolerances.ClosedForm, "Π at U⁺");
        Support.Close(n / (n + 1.0), solve.Point.Welfare, Tolerances.ClosedForm, "W at U⁺ = OPT");
        Assert.True(solve.Allocation!.Cell(1) > 0.99 && solve.Allocation.Cell(1) > 1.0 / n, $"x₁ = {solve.Allocation.Cell(1)} should be near 1, above 1/n");
    }

    [Fact]
    public void Surplus_above_U_star_is_bad_input_that_states_U_star()
    {
        var problem = new FrontierProblem(Support.Market("uniform(0, 1)", 3), 400);
        using var solver = new FrontierSolver(problem, new OrToolsLinearSolver());
        var error = Assert.Throws<InputException>(() => solver.Solve(0.6));
        Assert.Contains("U* = 0.5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Surplus_below_the_Myerson_point_returns_the_Myerson_point_and_says_so()
    {
        var problem = new FrontierProblem(Support.Market("uniform(0, 1)", 3), 400);
        using var solver = new FrontierSolver(problem, new OrToolsLinearSolver());
        var solve = solver.Solve(0.01);
        Assert.Equal(SolveStatus.Optimal, solve.Status);
        Assert.NotNull(solve.Note);
        Support.Close(problem.OptimalRevenue, solve.Point.Revenue, Tolerances.SolverAgreement, "Π");
        Support.Close(problem.MyersonSurplus, solve.Point.Surplus, Tolerances.SolverAgreement, "U");
    }

    [Fact]
    public void A_solver_session_that_fails_is_reported_as_a_status_not_read()
    {
        // An infeasible floor pushed straight to the backend: the status comes back as a value.
        var problem = new FrontierProblem(Support.Market("uniform(0, 1)", 2), 100);
        var program = BorderProgram.Build(problem.Discretised);
        using var session = new OrToolsLinearSolver().Load(program.Program);
        session.SetRowBounds(program.SurplusRow, 0.75, double.PositiveInfinity);
        var solution = session.Solve();
        Assert.Equal(SolveStatus.Infeasible, solution.Status);
        Assert.Empty(solution.Primal);
        Assert.Throws<InvalidOperationException>(() => program.ReadAllocation(solution));
    }
}
