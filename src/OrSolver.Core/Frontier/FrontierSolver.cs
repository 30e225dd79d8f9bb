using OrSolver.Core.Grid;
using OrSolver.Core.Numerics;
using OrSolver.Core.Program;

namespace OrSolver.Core.Frontier;

/// <summary>The outcome of maximising revenue subject to U ≥ U₀ (one point of the frontier).</summary>
/// <param name="Status">The project's status; values are meaningful only when <see cref="SolveStatus.Optimal"/>.</param>
/// <param name="SurplusFloor">U₀ as asked.</param>
/// <param name="Allocation">The optimal interim allocation (null unless Optimal).</param>
/// <param name="Lambda">λ ≥ 0, the surplus row's dual, sign normalised: −dΠ/dU₀ (NaN unless Optimal).</param>
/// <param name="Feasibility">The re-check against the original constraints (null when nothing was returned).</param>
/// <param name="Note">A remark for the user (e.g. the floor was below the Myerson point), or null.</param>
/// <param name="BackendStatus">The LP backend's own status word.</param>
public sealed record SurplusSolve(SolveStatus Status, double SurplusFloor, InterimAllocation? Allocation, double Lambda,
    FeasibilityReport? Feasibility, string? Note, string BackendStatus)
{
    /// <summary>(Π, U) of the solution (NaNs unless Optimal).</summary>
    public FrontierPoint Point => Allocation is null ? new FrontierPoint(double.NaN, double.NaN) : FrontierPoint.Of(Allocation);
}

/// <summary>
/// Solves the Border LP on one <see cref="FrontierProblem"/> for surplus floors U₀, reusing one solver session
/// so that each re-solve only moves the surplus row's bound and warm-starts (SPEC §3). Not thread-safe: one
/// solver per worker.
/// </summary>
public sealed class FrontierSolver : IDisposable
{
    private readonly BorderProgram _program;
    private readonly ILinearSolverSession _session;

    /// <summary>Loads the program of <paramref name="problem"/> into <paramref name="solver"/>.</summary>
    public FrontierSolver(FrontierProblem problem, ILinearSolver solver)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(solver);
        Problem = problem;
        _program = BorderProgram.Build(problem.Discretised);
        _session = solver.Load(_program.Program);
    }

    /// <summary>The problem being solved.</summary>
    public FrontierProblem Problem { get; }

    /// <summary>
    /// Maximum revenue subject to U ≥ <paramref name="surplusFloor"/>. A floor above U* is bad input
    /// (<see cref="InputException"/> stating U*); a floor below the Myerson point's surplus is raised to it, and the
    /// result says so.
    /// </summary>
    public SurplusSolve Solve(double surplusFloor)
    {
        if (!double.IsFinite(surplusFloor)) throw new InputException($"the surplus must be a finite number (got {surplusFloor})");
        double optimal = Problem.OptimalSurplus;
        if (surplusFloor > optimal && !Tolerances.SolverAgreement.Close(surplusFloor, optimal))
            throw new InputException($"surplus {surplusFloor:G10} is above U* = {optimal:G10}, the most any mechanism leaves the buyers");
        string? note = null;
        double floor = Math.Min(surplusFloor, ReachableMaximum);
        if (floor < Problem.MyersonSurplus)
        {
            if (surplusFloor < Problem.MyersonSurplus && !Tolerances.SolverAgreement.Close(surplusFloor, Problem.MyersonSurplus))
                note = $"surplus {surplusFloor:G10} is below the Myerson point's {Problem.MyersonSurplus:G10}: returning the Myerson point";
            floor = Problem.MyersonSurplus;
        }
        return SolveAt(surplusFloor, floor, note);
    }

    /// <summary><paramref name="points"/> frontier points evenly spaced in U from the Myerson point to U*.</summary>
    /// <param name="points">How many points. Range: ≥ 2.</param>
    /// <param name="progress">Told the number of points solved so far after each one (for a progress display).</param>
    public IReadOnlyList<SurplusSolve> Sweep(int points, IProgress<int>? progress = null)
    {
        if (points < 2) throw new InputException($"a frontier needs at least 2 points (got {points})");
        var result = new List<SurplusSolve>(points);
        foreach (double u in Levels(Problem.MyersonSurplus, ReachableMaximum, points))
        {
            result.Add(SolveAt(u, u, null));
            progress?.Report(result.Count);
        }
        return result;
    }

    /// <summary><paramref name="points"/> levels evenly spaced from <paramref name="low"/> to <paramref name="high"/>, both
    /// included (the last exactly <paramref name="high"/>). Range: points ≥ 2.</summary>
    public static IReadOnlyList<double> Levels(double low, double high, int points)
    {
        if (points < 2) throw new InputException($"a frontier needs at least 2 points (got {points})");
        var levels = new double[points];
        for (int i = 0; i < points; i++) levels[i] = i == points - 1 ? high : low + (high - low) * i / (points - 1);
        return levels;
    }

    /// <summary>U* less 64 ulps of OPT: the hull computes U* to a few ulps, and a floor a few ulps above what the LP can
    /// reach reads as infeasible. The back-off must stay tiny: near U* the frontier can be steep (λ ≈ 10³ on bimodal
    /// mixtures), and it costs λ times the back-off in revenue.</summary>
    private double ReachableMaximum
        => Math.Max(Problem.MyersonSurplus, Problem.OptimalSurplus - 64 * 1.1102230246251565e-16 * Problem.OptimalWelfare);

    /// <summary>Back-offs from U* (relative to OPT) tried in turn when a floor at U* reads as infeasible.</summary>
    private static readonly double[] UStarBackOffs = [1e-12, 1e-10, 1e-8, 1e-6];

    private SurplusSolve SolveAt(double asked, double floor, string? note)
    {
        _session.SetRowBounds(_program.SurplusRow, floor, double.PositiveInfinity);
        var solution = _session.Solve();
        // U* is the hull's exact grid value; the LP's own optimum may fall short of it by its tolerance (n = 1 and
        // degenerate frontiers, where the Myerson point is U*). A floor that close to U* is lowered step by step.
        for (int i = 0; solution.Status == SolveStatus.Infeasible && i < UStarBackOffs.Length
            && floor > Problem.OptimalSurplus - UStarBackOffs[^1] * Problem.OptimalWelfare; i++)
        {
            floor = Problem.OptimalSurplus - UStarBackOffs[i] * Problem.OptimalWelfare;
            _session.SetRowBounds(_program.SurplusRow, floor, double.PositiveInfinity);
            solution = _session.Solve();
            if (solution.Status == SolveStatus.Optimal)
                note = (note is null ? "" : note + "; ") + $"the LP reaches U* only to {UStarBackOffs[i]:G1}·OPT";
        }
        if (solution.Status != SolveStatus.Optimal)
            return new SurplusSolve(solution.Status, asked, null, double.NaN, null, note, solution.BackendStatus);

        var allocation = _program.ReadAllocation(solution);
        var feasibility = allocation.CheckFeasibility(Tolerances.Feasibility);
        bool surplusHolds = Tolerances.Feasibility.AtMost(floor, allocation.Surplus);
        if (!feasibility.Feasible || !surplusHolds)
        {
            string why = surplusHolds ? feasibility.ToString() : $"surplus {allocation.Surplus:G10} below the floor {floor:G10}; {feasibility}";
            return new SurplusSolve(SolveStatus.NumericalFailure, asked, null, double.NaN, feasibility,
                (note is null ? "" : note + "; ") + "the solver's point violates the constraints: " + why, solution.BackendStatus);
        }
        // The backend reports d(objective)/d(bound); raising U₀ lowers Π, so λ = −dΠ/dU₀ ≥ 0. Backends differ in
        // the sign they print, hence the absolute value.
        double lambda = Math.Abs(solution.RowDuals[_program.SurplusRow]);
        return new SurplusSolve(SolveStatus.Optimal, asked, allocation, lambda, feasibility, note, solution.BackendStatus);
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}
