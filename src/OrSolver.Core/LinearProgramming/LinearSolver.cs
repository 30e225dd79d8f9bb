namespace OrSolver.Core.LinearProgramming;

/// <summary>What became of a solve. Only <see cref="Optimal"/> carries values to read, and even those are
/// re-checked against the original constraints before they are trusted.</summary>
public enum SolveStatus
{
    /// <summary>The solver proved optimality (and, where re-checked, the point satisfies the constraints).</summary>
    Optimal,
    /// <summary>No point satisfies the constraints (e.g. a surplus floor above U*).</summary>
    Infeasible,
    /// <summary>The objective is unbounded (never expected here: the Border polytope is bounded).</summary>
    Unbounded,
    /// <summary>The solver stopped on a numerical difficulty, or its point violates the original constraints
    /// beyond tolerance when re-checked.</summary>
    NumericalFailure,
    /// <summary>The solver rejected the model.</summary>
    ModelInvalid,
    /// <summary>The solver did not finish (limit reached, or not run).</summary>
    NotSolved,
}

/// <summary>The raw outcome of one solve of a <see cref="LinearProgram"/>.</summary>
/// <param name="Status">The mapped status.</param>
/// <param name="Objective">The objective value (NaN unless Optimal).</param>
/// <param name="Primal">z (empty unless Optimal).</param>
/// <param name="RowDuals">For each row, the derivative of the optimal objective with respect to the bound of the row's
/// binding side: d(objective)/d(lower) where the lower bound binds, d(objective)/d(upper) where the upper one does, 0 where
/// neither does; the same convention whether the program maximises or minimises (so a binding ≤ row of a maximisation has a
/// dual ≥ 0, a binding ≥ row one ≤ 0, and the signs flip for a minimisation). Empty unless Optimal, and empty when the
/// backend has no trustworthy duals (<paramref name="DualsUnavailable"/> says why).</param>
/// <param name="Iterations">Simplex iterations of this solve (−1 when the backend does not say).</param>
/// <param name="BackendStatus">The backend's own status word, for messages.</param>
/// <param name="DualsUnavailable">Why an optimal solution comes without <paramref name="RowDuals"/>, or null when it has them
/// (or is not optimal).</param>
public sealed record LinearSolution(SolveStatus Status, double Objective, IReadOnlyList<double> Primal,
    IReadOnlyList<double> RowDuals, long Iterations, string BackendStatus, string? DualsUnavailable = null)
{
    /// <summary>A solve that produced no point.</summary>
    public static LinearSolution Without(SolveStatus status, string backendStatus)
        => new(status, double.NaN, [], [], -1, backendStatus);
}

/// <summary>An LP backend. Implementations adapt a concrete solver; the rest of the project sees only this.</summary>
public interface ILinearSolver
{
    /// <summary>The backend's name, e.g. "glop".</summary>
    string Name { get; }

    /// <summary>Loads a program into a new session. A session keeps the solver's state between solves, so that
    /// a re-solve after a bound change warm-starts from the previous basis.</summary>
    ILinearSolverSession Load(LinearProgram program);
}

/// <summary>A loaded program. Not thread-safe: one session per worker.</summary>
public interface ILinearSolverSession : IDisposable
{
    /// <summary>Moves the bounds of one row; the next <see cref="Solve"/> warm-starts where the backend can.</summary>
    void SetRowBounds(int row, double lower, double upper);

    /// <summary>Solves the program with its current bounds.</summary>
    LinearSolution Solve();

    /// <summary>Adds a row lower ≤ Σ terms ≤ upper to the loaded program (a cutting plane) and returns its index; the next
    /// <see cref="Solve"/> starts from the previous basis where the backend can. Backends that cannot add rows throw
    /// <see cref="NotSupportedException"/>.</summary>
    int AddRow(string name, double lower, double upper, IReadOnlyList<(int Column, double Coefficient)> terms)
        => throw new NotSupportedException("this LP backend cannot add rows to a loaded program");
}
