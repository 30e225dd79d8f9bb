using OrSolver.Core.Discretisation;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Auctions;

/// <summary>The outcome of maximising revenue subject to U ≥ U₀ (one point of the frontier).</summary>
/// <param name="Status">The project's status; values are meaningful only when <see cref="SolveStatus.Optimal"/>, which
/// includes that the point reaches the floor to within 1e-9·OPT (<see cref="Shortfall"/>).</param>
/// <param name="SurplusFloor">U₀ as asked.</param>
/// <param name="Allocation">The optimal interim allocation (null unless Optimal).</param>
/// <param name="Lambda">λ = −dΠ/dU₀ ≥ 0, from the LP's dual on the surplus row (NaN unless Optimal, and NaN when the
/// backend has no duals: <see cref="LambdaUnavailable"/> says why).</param>
/// <param name="Feasibility">The re-check against the original constraints (null when nothing was returned).</param>
/// <param name="Note">A remark for the user (e.g. the floor was below the Myerson point), or null.</param>
/// <param name="BackendStatus">The LP backend's own status word.</param>
public sealed record SurplusSolve(SolveStatus Status, double SurplusFloor, InterimAllocation? Allocation, double Lambda,
    FeasibilityReport? Feasibility, string? Note, string BackendStatus)
{
    /// <summary>(Π, U) of the solution (NaNs unless Optimal).</summary>
    public FrontierPoint Point => Allocation is null ? new FrontierPoint(double.NaN, double.NaN) : FrontierPoint.Of(Allocation);

    /// <summary>How far the LP's point falls short of the floor, relative to OPT: max(0, min(U₀, U*) − U)/OPT. When Optimal
    /// it is at most 1e-9 (the solver tolerance, <see cref="Tolerances.SolverAgreement"/>); when the LP could not come that
    /// close the status is <see cref="SolveStatus.NumericalFailure"/> and this is the shortfall of the best point it did
    /// reach (the floor the hull proves reachable, less what the LP managed). NaN when no point was reached at all.</summary>
    public double Shortfall { get; init; }

    /// <summary>Why <see cref="Lambda"/> is NaN in an Optimal solve (the backend has no duals), or null.</summary>
    public string? LambdaUnavailable { get; init; }

    /// <summary>The LP's row multipliers (<see cref="LinearSolution.RowDuals"/>) when Optimal and the backend has them; else
    /// empty. They stay dual feasible when only the floor moves, so they bound the optimum at every other floor
    /// (<see cref="FrontierSolver.BoundAt"/>).</summary>
    public IReadOnlyList<double> RowDuals { get; init; } = [];
}

/// <summary>
/// Solves the Border LP on one <see cref="FrontierProblem"/> for surplus floors U₀, reusing one solver session
/// so that each re-solve only moves the surplus row's bound and warm-starts (method.md §4.4). Not thread-safe: one
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

    /// <summary>The largest grid (cells) on which OrSolver's entry points (`frontier`, `bargain`) run the simplex unless told
    /// otherwise; beyond it every point is certified for the LP by weak duality instead (<see cref="LpCertificate"/>,
    /// method.md §5.8), because a cold simplex solve grows as m² (docs/performance.md: 0.3 s at 2000 cells, 6 s at 10⁴,
    /// minutes at 5·10⁴). 5000 keeps the default grid (4000) on the simplex.</summary>
    public const int SimplexCellLimit = 5000;

    /// <summary>The problem being solved.</summary>
    public FrontierProblem Problem { get; }

    /// <summary>The LP loaded into the session.</summary>
    public BorderProgram Program => _program;

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

    /// <summary>Floors tried below the asked one (relative to OPT) when the LP reads it as infeasible, all within the solver
    /// tolerance of 1e-9·OPT: the hull's U* is exact on the grid, and the LP, whose constraints hold to its own tolerance
    /// only, may place its largest surplus a few ulps below it. The last leaves room for the LP's own 1e-10.</summary>
    private static readonly double[] BackOffs = [1e-12, 1e-11, 1e-10, 5e-10];

    /// <summary>Floors tried when none within the tolerance is reached, only to measure how far the LP falls short.</summary>
    private static readonly double[] ShortfallProbes = [1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1];

    private SurplusSolve SolveAt(double asked, double floor, string? note)
    {
        double opt = Problem.OptimalWelfare;
        // What the hull proves reachable: the asked floor, at most U*.
        double target = Math.Min(asked, Problem.OptimalSurplus);
        var reach = Tolerances.SolverAgreement.AtScale(opt);
        // At the Myerson point (the whole frontier when it is degenerate) the unconstrained revenue optimum is the answer
        // if the LP picks the revenue-optimal point with the most surplus, and it needs no floor, whose reading near U*
        // costs GLOP seconds (lomax(3), n = 10⁹). Taken as it is when it reaches the target to rounding, else kept in
        // reserve while the floor decides.
        var myerson = reach.AtMost(target, Problem.MyersonSurplus) ? Attempt(double.NegativeInfinity) : null;
        var attempt = myerson is not null && Reaches(myerson, target, Tolerances.Rounding.AtScale(opt)) ? myerson : Attempt(floor);
        for (int i = 0; !Reaches(attempt, target, reach) && attempt.Failure is null && i < BackOffs.Length; i++)
        {
            var lower = Attempt(floor - BackOffs[i] * opt);
            if (lower.Solution.Status == SolveStatus.Optimal) attempt = lower;
        }
        if (!Reaches(attempt, target, reach) && myerson is not null && Reaches(myerson, target, reach)) attempt = myerson;
        if (attempt.Solution.Status != SolveStatus.Optimal)
        {
            // Every floor up to U* is feasible (the hull's optimum meets it): an LP without a point near it has failed.
            var (reached, reachedNote) = BestReached(floor);
            return new SurplusSolve(SolveStatus.NumericalFailure, asked, null, double.NaN, null,
                Join(note, $"the LP finds no point at U₀ = {target:G12} ({attempt.Solution.Status}); {reachedNote}"), attempt.Solution.BackendStatus)
            {
                Shortfall = Math.Max(0, target - reached) / opt,
            };
        }
        var solution = attempt.Solution;
        var allocation = attempt.Allocation!;
        double shortfall = Math.Max(0, target - allocation.Surplus) / opt;
        if (attempt.Failure is { } failure)
            return new SurplusSolve(SolveStatus.NumericalFailure, asked, null, double.NaN, attempt.Feasibility, Join(note, failure), solution.BackendStatus)
            {
                Shortfall = double.NaN,
            };
        if (!Reaches(attempt, target, reach))
            return new SurplusSolve(SolveStatus.NumericalFailure, asked, null, double.NaN, attempt.Feasibility,
                Join(note, $"the LP reaches U = {allocation.Surplus:G12} only, {shortfall:G3}·OPT short of U₀ = {target:G12} (the solver tolerance is 1e-9·OPT)"),
                solution.BackendStatus)
            {
                Shortfall = shortfall,
            };

        if (solution.RowDuals.Count == 0)
            return new SurplusSolve(SolveStatus.Optimal, asked, allocation, double.NaN, attempt.Feasibility, note, solution.BackendStatus)
            {
                Shortfall = shortfall,
                LambdaUnavailable = solution.DualsUnavailable ?? "the LP backend reported no duals",
            };
        // RowDuals[r] is dΠ/d(binding bound); the surplus row binds at its floor U₀, so λ = −dΠ/dU₀, which is ≥ 0 on a
        // frontier that falls as U rises. A negative λ within the λ tolerance is the solver's rounding of 0; beyond it the
        // dual is not a Lagrange multiplier of this program, and the solve is not trusted.
        double lambda = -solution.RowDuals[_program.SurplusRow];
        if (lambda < 0)
        {
            if (!Tolerances.LambdaAgreement.Close(lambda, 0))
                return new SurplusSolve(SolveStatus.NumericalFailure, asked, null, double.NaN, attempt.Feasibility,
                    Join(note, $"the LP's dual on the surplus row has the wrong sign (λ = {lambda:G6})"), solution.BackendStatus)
                {
                    Shortfall = shortfall,
                };
            lambda = 0;
        }
        return new SurplusSolve(SolveStatus.Optimal, asked, allocation, lambda, attempt.Feasibility, note, solution.BackendStatus)
        {
            Shortfall = shortfall,
            RowDuals = solution.RowDuals,
        };
    }

    /// <summary>One LP solve at a floor, with its point re-checked against the original constraints.</summary>
    /// <param name="Solution">The LP's answer.</param>
    /// <param name="Allocation">The point when Optimal, else null.</param>
    /// <param name="Feasibility">The re-check of the point, or null.</param>
    /// <param name="Failure">Why the point is not trusted (a constraint violated, or U below the floor), or null.</param>
    private sealed record Outcome(LinearSolution Solution, InterimAllocation? Allocation, FeasibilityReport? Feasibility, string? Failure);

    private Outcome Attempt(double floor)
    {
        _session.SetRowBounds(_program.SurplusRow, floor, double.PositiveInfinity);
        var solution = _session.Solve();
        if (solution.Status != SolveStatus.Optimal) return new Outcome(solution, null, null, null);
        var allocation = _program.ReadAllocation(solution);
        var feasibility = allocation.CheckFeasibility(Tolerances.Feasibility);
        bool surplusHolds = double.IsNegativeInfinity(floor) || Tolerances.Feasibility.AtMost(floor, allocation.Surplus);
        string? failure = feasibility.Feasible && surplusHolds ? null
            : "the solver's point violates the constraints: "
                + (surplusHolds ? feasibility.ToString() : $"surplus {allocation.Surplus:G10} below the floor {floor:G10}; {feasibility}");
        return new Outcome(solution, allocation, feasibility, failure);
    }

    /// <summary>Whether an attempt's point is trusted and within the solver tolerance of the target surplus.</summary>
    private static bool Reaches(Outcome attempt, double target, Tolerance reach)
        => attempt.Failure is null && attempt.Allocation is { } allocation && reach.AtMost(target, allocation.Surplus);

    /// <summary>The best surplus the LP reaches below a floor it cannot meet: floors lowered step by step (relative to OPT)
    /// until one is met. Only the shortfall is reported; the point is not returned as a solution.</summary>
    private (double Surplus, string Note) BestReached(double floor)
    {
        foreach (double probe in ShortfallProbes)
        {
            double lower = floor - probe * Problem.OptimalWelfare;
            if (lower < Problem.MyersonSurplus) lower = double.NegativeInfinity;
            var attempt = Attempt(lower);
            if (attempt.Failure is null && attempt.Allocation is { } allocation)
                return (allocation.Surplus, $"the nearest point it reaches has U = {allocation.Surplus:G12}");
            if (double.IsNegativeInfinity(lower)) break;
        }
        return (double.NaN, "it reaches no point below either");
    }

    /// <summary>The bound on max Π subject to U ≥ <paramref name="floor"/> that <paramref name="solve"/>'s row multipliers give
    /// by weak duality (method.md §5.8): tight at the solve's own floor, and along the frontier segment it lies on.
    /// +∞ (with the reason) when the solve has no multipliers.</summary>
    public DualBound BoundAt(SurplusSolve solve, double floor)
    {
        ArgumentNullException.ThrowIfNull(solve);
        if (solve.RowDuals.Count == 0) return new DualBound(double.PositiveInfinity, double.PositiveInfinity, "the solve has no row multipliers");
        return _program.BoundAt(solve.RowDuals, floor);
    }

    private static string Join(string? note, string more) => note is null ? more : note + "; " + more;

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}
