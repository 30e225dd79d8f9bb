using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.LinearProgramming.OrTools;

namespace OrSolver.Core.Tests.LinearProgramming;

/// <summary>
/// <see cref="DualBound"/> on programs solved by hand and against the simplex: an optimal dual gives the optimum, any
/// multipliers give a bound on the right side of it, and multipliers that lean on an infinite bound give none.
/// </summary>
public class WeakDualityTests
{
    /// <summary>max 3a + 2b s.t. a + b ≤ 4, a + 3b ≤ 6, 0 ≤ a ≤ 3, b ≥ 0: the optimum is (3, 1) with value 11; the row a + b ≤ 4
    /// binds with multiplier 2 (3 − 1 would leave a's reduced cost 1 at its upper bound 3: 2·4 + 1·3 = 11).</summary>
    private static LinearProgram HandProgram(bool maximise = true)
    {
        var builder = new LinearProgramBuilder { Maximise = maximise };
        int a = builder.AddColumn("a", 0, 3, maximise ? 3 : -3);
        int b = builder.AddColumn("b", 0, double.PositiveInfinity, maximise ? 2 : -2);
        builder.AddRow("sum", double.NegativeInfinity, 4, [(a, 1), (b, 1)]);
        builder.AddRow("weighted", double.NegativeInfinity, 6, [(a, 1), (b, 3)]);
        return builder.Build();
    }

    [Fact]
    public void The_optimal_multipliers_of_a_hand_solved_program_give_its_optimum()
    {
        var bound = DualBound.Of(HandProgram(), [2, 0]);
        Assert.Null(bound.Unbounded);
        Assert.Equal(11, bound.Value, 12);
        var primal = PrimalResidual.Of(HandProgram(), [3, 1]);
        Assert.Equal(11, primal.Objective, 12);
        Assert.Equal(0, primal.WorstViolation);
    }

    /// <summary>Moving a row's bound, as a sweep moves the surplus floor: with "sum" ≤ 3 instead of 4 the optimum of the hand
    /// program is (3, 0) with value 9, which multiplier 3 on that row proves (3·3, and a's reduced cost 0); the old point
    /// (3, 1) now violates the moved row by 1/(1 + 4). A row the program does not have is a bug, not a no-op.</summary>
    [Fact]
    public void A_moved_row_bound_replaces_the_program_s()
    {
        var moved = new Dictionary<int, (double, double)> { [0] = (double.NegativeInfinity, 3) };
        Assert.Equal(9, DualBound.Of(HandProgram(), [3, 0], moved).Value, 12);
        var residual = PrimalResidual.Of(HandProgram(), [3, 1], moved);
        Assert.Equal(1.0 / 5, residual.WorstViolation, 12);
        Assert.Equal("sum", residual.Where);
        Assert.Equal(0, PrimalResidual.Of(HandProgram(), [3, 0], moved).WorstViolation);
        var missing = new Dictionary<int, (double, double)> { [2] = (0, 1) };
        Assert.Throws<ArgumentOutOfRangeException>(() => DualBound.Of(HandProgram(), [3, 0], missing));
    }

    /// <summary>The same program as a minimisation of −(3a + 2b): the multipliers flip sign and the bound is a lower one.</summary>
    [Fact]
    public void A_minimisation_gets_a_lower_bound()
    {
        var bound = DualBound.Of(HandProgram(maximise: false), [-2, 0]);
        Assert.Equal(-11, bound.Value, 12);
    }

    /// <summary>Multiplier 0 on both rows leaves b's reduced cost 2 > 0 on an unbounded column: no finite bound, and the
    /// reason names the column.</summary>
    [Fact]
    public void Multipliers_leaning_on_an_infinite_bound_give_none()
    {
        var bound = DualBound.Of(HandProgram(), [0, 0]);
        Assert.True(double.IsPositiveInfinity(bound.Value));
        Assert.Contains("column b", bound.Unbounded, StringComparison.Ordinal);
        var rowSide = DualBound.Of(HandProgram(), [-1, 0]);
        Assert.Contains("row sum", rowSide.Unbounded, StringComparison.Ordinal);
    }

    /// <summary>b ≤ 2 holds at every feasible point (a + 3b ≤ 6, a ≥ 0) although the program does not state it: leaning on
    /// it, multipliers 0 give the bound 3·3 + 2·2 = 13 ≥ 11.</summary>
    [Fact]
    public void An_implied_bound_makes_the_bound_finite()
    {
        var bound = DualBound.Of(HandProgram(), [0, 0], impliedUpper: [double.PositiveInfinity, 2]);
        Assert.Null(bound.Unbounded);
        Assert.Equal(13, bound.Value, 12);
    }

    [Fact]
    public void A_violated_row_is_found()
    {
        // a + 3b = 9 exceeds 6 by 3, relative to 1 + 9; a + b = 5 exceeds 4 by 1 relative to 1 + 5 only.
        var primal = PrimalResidual.Of(HandProgram(), [3, 2]);
        Assert.Equal("weighted", primal.Where);
        Assert.Equal(0.3, primal.WorstViolation, 12);
    }

    /// <summary>Weak duality on random bounded programs (seeded): every non-negative multiplier vector bounds GLOP's
    /// optimum from above, and GLOP's own duals bound it tightly.</summary>
    [Property(MaxTest = 60, Replay = Fuzz.Seed)]
    public Property Any_multipliers_bound_the_simplex_optimum_and_its_own_duals_meet_it()
    {
        var gen =
            from columns in Gen.Choose(2, 6)
            from rows in Gen.Choose(1, 5)
            from objective in Gen.ArrayOf(Gen.Choose(-10, 10), columns)
            from matrix in Gen.ArrayOf(Gen.Choose(0, 9), columns * rows)
            from multipliers in Gen.ArrayOf(Gen.Choose(0, 20), rows)
            select (columns, rows, objective, matrix, multipliers);
        return Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var builder = new LinearProgramBuilder { Maximise = true };
            for (int i = 0; i < c.columns; i++) builder.AddColumn($"z{i}", 0, 5, c.objective[i]);
            for (int r = 0; r < c.rows; r++)
                builder.AddRow($"r{r}", double.NegativeInfinity, 10 + r, [.. Enumerable.Range(0, c.columns).Select(i => (i, (double)c.matrix[r * c.columns + i]))]);
            var program = builder.Build();
            using var session = new OrToolsLinearSolver().Load(program);
            var solution = session.Solve();
            Assert.Equal(SolveStatus.Optimal, solution.Status);
            var own = DualBound.Of(program, solution.RowDuals);
            Assert.True(Math.Abs(own.Value - solution.Objective) <= 1e-9 * (1 + Math.Abs(solution.Objective)), $"own duals {own.Value} vs {solution.Objective}");
            var any = DualBound.Of(program, [.. c.multipliers.Select(y => y / 4.0)]);
            Assert.True(any.Value >= solution.Objective - 1e-9, $"bound {any.Value} below the optimum {solution.Objective}");
        });
    }
}
