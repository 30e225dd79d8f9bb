using OrSolver.Core.LinearProgramming;
using OrSolver.Core.LinearProgramming.OrTools;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Tests.LinearProgramming;

/// <summary>
/// The adapter's duals on two programs solved by hand: every backend reports d(objective)/d(bound of the binding side)
/// with the same sign for maximisation and minimisation, or says it has no duals.
/// </summary>
public class LinearSolverDualTests
{
    /// <summary>
    /// maximise 3x + 5y subject to r1: x ≤ 4, r2: 2y ≤ 12, r3: 3x + 2y ≤ 18, r4: x ≥ 3, x, y ≥ 0.
    /// By hand: r4 and r3 bind, x = 3, 2y = 18 − 9, so (x, y) = (3, 4.5) and the objective is 9 + 22.5 = 31.5; r1 (3 &lt; 4)
    /// and r2 (9 &lt; 12) are slack, duals 0. Stationarity (3, 5) = y₃·(3, 2) + y₄·(1, 0) gives y₃ = 5/2 and y₄ = 3 − 15/2 =
    /// −9/2. Checked by moving the bounds: r3 at 18 + δ gives y = 4.5 + δ/2, objective +5δ/2; r4 at 3 + δ gives x = 3 + δ,
    /// y = 4.5 − 3δ/2, objective 3δ − 15δ/2 = −9δ/2. So the binding ≤ row has a positive dual and the binding ≥ row a
    /// negative one.
    /// </summary>
    private static LinearProgram Maximisation()
    {
        var builder = new LinearProgramBuilder { Maximise = true };
        int x = builder.AddColumn("x", 0, double.PositiveInfinity, 3), y = builder.AddColumn("y", 0, double.PositiveInfinity, 5);
        builder.AddRow("r1", double.NegativeInfinity, 4, [(x, 1)]);
        builder.AddRow("r2", double.NegativeInfinity, 12, [(y, 2)]);
        builder.AddRow("r3", double.NegativeInfinity, 18, [(x, 3), (y, 2)]);
        builder.AddRow("r4", 3, double.PositiveInfinity, [(x, 1)]);
        return builder.Build();
    }

    /// <summary>
    /// minimise 2x + 3y subject to r1: x + y ≥ 4, r2: x + 3y ≥ 6, r3: 2 ≤ x ≤ 2.5 (a ranged row), x, y ≥ 0.
    /// By hand: x is as large as r3 allows (it is the cheaper way to cover r1), x = 2.5, y = 1.5 from r1; r2 holds with
    /// 7 &gt; 6 (dual 0). Objective 5 + 4.5 = 9.5. Stationarity (2, 3) = y₁·(1, 1) + y₃·(1, 0): y₁ = 3, y₃ = −1. Checked
    /// by moving the bounds: r1 at 4 + δ raises y by δ, objective +3δ; r3's upper bound at 2.5 + δ gives x = 2.5 + δ,
    /// y = 1.5 − δ, objective 2δ − 3δ = −δ. Its lower bound 2 does not bind. So in a minimisation the binding ≥ row has a
    /// positive dual and the binding ≤ side a negative one.
    /// </summary>
    private static LinearProgram Minimisation()
    {
        var builder = new LinearProgramBuilder { Maximise = false };
        int x = builder.AddColumn("x", 0, double.PositiveInfinity, 2), y = builder.AddColumn("y", 0, double.PositiveInfinity, 3);
        builder.AddRow("r1", 4, double.PositiveInfinity, [(x, 1), (y, 1)]);
        builder.AddRow("r2", 6, double.PositiveInfinity, [(x, 1), (y, 3)]);
        builder.AddRow("r3", 2, 2.5, [(x, 1)]);
        return builder.Build();
    }

    public static TheoryData<OrToolsBackend> Backends => [OrToolsBackend.Glop, OrToolsBackend.Clp, OrToolsBackend.Highs];

    [Theory]
    [MemberData(nameof(Backends))]
    public void Maximisation_duals_are_the_objective_derivatives_of_the_binding_bounds(OrToolsBackend backend)
        => AssertSolution(backend, Maximisation(), 31.5, [3, 4.5], [0, 0, 2.5, -4.5]);

    [Theory]
    [MemberData(nameof(Backends))]
    public void Minimisation_duals_are_the_objective_derivatives_of_the_binding_bounds(OrToolsBackend backend)
        => AssertSolution(backend, Minimisation(), 9.5, [2.5, 1.5], [3, 0, -1]);

    private static void AssertSolution(OrToolsBackend backend, LinearProgram program, double objective, double[] primal, double[] duals)
    {
        using var session = new OrToolsLinearSolver(backend).Load(program);
        var solution = session.Solve();
        Assert.Equal(SolveStatus.Optimal, solution.Status);
        Support.Close(objective, solution.Objective, Tolerances.SolverAgreement, "objective");
        for (int i = 0; i < primal.Length; i++) Support.Close(primal[i], solution.Primal[i], Tolerances.SolverAgreement, $"z{i}");
        if (backend == OrToolsBackend.Highs)
        {
            // MPSolver hands HiGHS's row activities over as duals: the adapter must report none, and say why.
            Assert.Empty(solution.RowDuals);
            Assert.Equal(OrToolsLinearSolver.HighsDualsUnavailable, solution.DualsUnavailable);
            return;
        }
        Assert.Null(solution.DualsUnavailable);
        Assert.Equal(duals.Length, solution.RowDuals.Count);
        for (int r = 0; r < duals.Length; r++)
        {
            Support.Close(duals[r], solution.RowDuals[r], Tolerances.SolverAgreement, $"dual of r{r + 1}");
            Assert.Equal(Math.Sign(duals[r]), Math.Sign(Tolerances.SolverAgreement.Close(solution.RowDuals[r], 0) ? 0 : solution.RowDuals[r]));
        }
    }
}
