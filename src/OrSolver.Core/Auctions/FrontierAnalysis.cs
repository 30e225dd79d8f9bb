using OrSolver.Core.Bargaining;
using OrSolver.Core.Characterization;
using OrSolver.Core.Discretisation;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.Mechanisms;
using OrSolver.Core.Pareto;

namespace OrSolver.Core.Auctions;

/// <summary>How the sampled points of a frontier are computed.</summary>
public enum FrontierMethod
{
    /// <summary>One warm-started LP per point, each checked against the hull and the re-evaluated auction.</summary>
    Lp,
    /// <summary>Read off the exact frontier (hull vertices and randomisations between them), each checked against the
    /// re-evaluated auction.</summary>
    Hull,
    /// <summary>Both: the LP's point, checked by the LP route and the hull point at the same U by the hull route.</summary>
    Both,
}

/// <summary>The i.i.d. auction market's reported points: <see cref="CheckedPoint{TMechanism}"/> with the auction behind each,
/// and the role of the plain second-price auction.</summary>
public static class AuctionPoints
{
    /// <summary>The second-price auction without reserve (U⁺, Thm 3.7).</summary>
    public static readonly PointRole SecondPrice = new("second-price");

    /// <summary>The point of an LP solve: analysed by the LP route when optimal, otherwise a failed check naming the status.</summary>
    public static CheckedPoint<RecoveredMechanism> FromSolve(PointRole role, SurplusSolve solve, Func<SurplusSolve, PointAnalysis> analyse)
    {
        ArgumentNullException.ThrowIfNull(solve);
        ArgumentNullException.ThrowIfNull(analyse);
        if (solve.Status != SolveStatus.Optimal || solve.Allocation is null)
            return new CheckedPoint<RecoveredMechanism>(role, solve.SurplusFloor, double.NaN, double.NaN, null, PointCheck.NotSolved(CheckRoutes.LpHullAuction, WhyNotSolved(solve)));
        var analysis = analyse(solve);
        return new CheckedPoint<RecoveredMechanism>(role, solve.Point.Surplus, solve.Point.Revenue, analysis.Check.LambdaHull, analysis.Mechanism, analysis.Check);
    }

    /// <summary>Why an LP solve gave no point: its status, the backend's word and the solver's note (e.g. the shortfall).</summary>
    public static string WhyNotSolved(SurplusSolve solve)
    {
        ArgumentNullException.ThrowIfNull(solve);
        return $"the LP returned {StatusWords.Of(solve.Status)} (backend: {solve.BackendStatus}){(solve.Note is null ? "" : ": " + solve.Note)}";
    }

    /// <summary>The point of the exact frontier at <paramref name="surplus"/> (or at a vertex within the solver tolerance of
    /// it), checked by the hull route.</summary>
    /// <param name="role">What the point is.</param>
    /// <param name="frontier">The exact frontier.</param>
    /// <param name="surplus">The level.</param>
    /// <param name="program">The frontier LP: when given, the point is certified optimal for it too
    /// (<see cref="CheckRoutes.CertificateHullAuction"/>).</param>
    public static CheckedPoint<RecoveredMechanism> FromHull(PointRole role, ExactVertices frontier, double surplus, BorderProgram? program = null)
    {
        ArgumentNullException.ThrowIfNull(frontier);
        var location = frontier.Locate(surplus);
        return Of(role, location, DualityChecker.AnalyseHullPoint(location, surplus, frontier.Market, program));
    }

    /// <summary>The point of the exact frontier at <paramref name="surplus"/>, proven optimal by the multipliers of an LP
    /// solved at another floor of the same segment (<see cref="CheckRoutes.LpDualHullAuction"/>).</summary>
    public static CheckedPoint<RecoveredMechanism> FromLpDual(PointRole role, ExactVertices frontier, double surplus, FrontierSolver lp, SurplusSolve anchor)
    {
        ArgumentNullException.ThrowIfNull(frontier);
        var location = frontier.Locate(surplus);
        return Of(role, location, DualityChecker.AnalyseHullPointByLpDual(location, surplus, lp, anchor));
    }

    private static CheckedPoint<RecoveredMechanism> Of(PointRole role, FrontierLocation location, PointAnalysis analysis)
        => new(role, location.Surplus, location.Revenue, location.Lambda, analysis.Mechanism, analysis.Check);
}

/// <summary>What <see cref="FrontierAnalysis.Run"/> computes. Validates itself.</summary>
public sealed record FrontierAnalysisOptions
{
    /// <summary>The most sampled points accepted (each is an LP solve on the LP route).</summary>
    public const int MaximumPoints = 100_000;

    /// <summary>Number of points evenly spaced in U from the Myerson point to U*. Range: 2..<see cref="MaximumPoints"/>.</summary>
    public int Points
    {
        get => _points;
        init => _points = value is >= 2 and <= MaximumPoints
            ? value
            : throw new InputException($"a frontier needs between 2 and {MaximumPoints} points (got {value})");
    }

    private readonly int _points = 11;

    /// <summary>How the sampled points are computed.</summary>
    public FrontierMethod Method { get; init; } = FrontierMethod.Lp;

    /// <summary>The largest grid (cells) on which <see cref="FrontierMethod.Lp"/> runs the simplex; beyond it every point is
    /// certified for the LP instead (<see cref="CheckRoutes.CertificateHullAuction"/>). <see cref="FrontierMethod.Both"/>
    /// always runs it. Range: ≥ 0; default <see cref="FrontierSolver.SimplexCellLimit"/>.</summary>
    public int SimplexCellLimit
    {
        get => _simplexCellLimit;
        init => _simplexCellLimit = value >= 0 ? value : throw new InputException($"the simplex cell limit must be ≥ 0 (got {value})");
    }

    private readonly int _simplexCellLimit = FrontierSolver.SimplexCellLimit;

    /// <summary>Whether the sampled points are solved by the simplex on a grid of <paramref name="cells"/> cells:
    /// <see cref="FrontierMethod.Both"/> always (both routes were asked for by name), <see cref="FrontierMethod.Lp"/> up to
    /// <see cref="SimplexCellLimit"/>, <see cref="FrontierMethod.Hull"/> never.</summary>
    public bool RunsSimplex(int cells) => Method == FrontierMethod.Both || (Method == FrontierMethod.Lp && cells <= SimplexCellLimit);

    /// <summary>Whether to report every vertex of the exact frontier.</summary>
    public bool Vertices { get; init; } = true;

    /// <summary>Whether to compute the three bargaining solutions on this grid (without refinement).</summary>
    public bool Bargaining { get; init; } = true;
}

/// <summary>
/// The frontier of one market, verified: the landmarks, the sampled points, the exact vertices and the bargaining
/// solutions, each with its mechanism and its check (<see cref="CheckedPoint{TMechanism}.Check"/>). The one entry point for a
/// frontier: nothing it returns is unchecked, and <see cref="Failures"/> lists what did not pass.
/// </summary>
public sealed class FrontierAnalysis
{
    private FrontierAnalysis(FrontierProblem problem, ExactVertices exact, IReadOnlyList<CheckedPoint<RecoveredMechanism>> landmarks, IReadOnlyList<CheckedPoint<RecoveredMechanism>> samples,
        IReadOnlyList<CheckedPoint<RecoveredMechanism>> vertices, BargainingSolutions? bargaining, IReadOnlyList<CheckedPoint<RecoveredMechanism>> bargainingPoints)
    {
        Problem = problem;
        Exact = exact;
        Landmarks = landmarks;
        Samples = samples;
        Vertices = vertices;
        Bargaining = bargaining;
        BargainingPoints = bargainingPoints;
    }

    /// <summary>The discretised market and its landmarks.</summary>
    public FrontierProblem Problem { get; }

    /// <summary>The exact grid frontier (every vertex).</summary>
    public ExactVertices Exact { get; }

    /// <summary>The Myerson point, the second-price auction and the buyer-optimal point, each checked by the hull route.</summary>
    public IReadOnlyList<CheckedPoint<RecoveredMechanism>> Landmarks { get; }

    /// <summary>The evenly spaced points, in increasing U.</summary>
    public IReadOnlyList<CheckedPoint<RecoveredMechanism>> Samples { get; }

    /// <summary>Every vertex of the exact frontier (empty unless asked for), each checked by the hull route.</summary>
    public IReadOnlyList<CheckedPoint<RecoveredMechanism>> Vertices { get; }

    /// <summary>The bargaining solutions (null unless asked for).</summary>
    public BargainingSolutions? Bargaining { get; }

    /// <summary>The bargaining solutions as checked points (KS, Nash, cross-side Nash; empty unless asked for).</summary>
    public IReadOnlyList<CheckedPoint<RecoveredMechanism>> BargainingPoints { get; }

    /// <summary>Every reported point.</summary>
    public IEnumerable<CheckedPoint<RecoveredMechanism>> All => Landmarks.Concat(Samples).Concat(Vertices).Concat(BargainingPoints);

    /// <summary>The points whose check failed (none when everything agrees).</summary>
    public IReadOnlyList<CheckedPoint<RecoveredMechanism>> Failures => [.. All.Where(p => !p.Check.Agrees)];

    /// <summary>Computes and verifies the frontier of <paramref name="problem"/>.</summary>
    /// <param name="problem">The discretised market.</param>
    /// <param name="solver">The LP backend (used by the LP route and the bargaining solutions' checks).</param>
    /// <param name="options">What to compute.</param>
    /// <param name="progress">Told the number of sampled points done after each (LP route).</param>
    public static FrontierAnalysis Run(FrontierProblem problem, ILinearSolver solver, FrontierAnalysisOptions options, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(solver);
        ArgumentNullException.ThrowIfNull(options);
        var market = problem.Discretised;
        var exact = ExactVertices.Compute(market);
        var landmarks = CheckLandmarks(problem);
        var levels = FrontierSolver.Levels(problem.MyersonSurplus, problem.OptimalSurplus, options.Points);

        bool simplex = options.RunsSimplex(market.Cells);
        // The bargaining solutions (one cold LP for KS where the simplex runs) do not depend on the samples: on the second
        // core meanwhile.
        var bargainingTask = options.Bargaining ? Task.Run(() => AuctionBargaining.Solve(problem, exact, simplex ? solver : null)) : null;
        using var lp = simplex ? new FrontierSolver(problem, solver) : null;
        var program = lp?.Program ?? BorderProgram.Build(market);
        List<CheckedPoint<RecoveredMechanism>> samples;
        if (lp is null)
        {
            samples = [];
            foreach (double u in levels)
            {
                samples.Add(AuctionPoints.FromHull(PointRole.Sample, exact, u, program));
                progress?.Report(samples.Count);
            }
        }
        else if (options.Method == FrontierMethod.Lp)
        {
            samples = LpSamples(lp, exact, levels, progress);
        }
        else
        {
            samples = [.. lp.Sweep(options.Points, progress).Select(solve => AuctionPoints.FromSolve(PointRole.Sample, solve, s => DualityChecker.Analyse(s, exact)))];
            samples = [.. samples.Select(p => double.IsNaN(p.Revenue)
                ? p
                : p with { Check = p.Check.Combine(AuctionPoints.FromHull(PointRole.Sample, exact, p.Surplus).Check) })];
        }

        // Every vertex is certified for the LP (one pass over its non-zeros each), on every core: the vertices are
        // independent, and on the grids of empirical data there are thousands.
        var vertices = options.Vertices
            ? exact.Vertices.AsParallel().AsOrdered().Select(v => AuctionPoints.FromHull(PointRole.Vertex, exact, v.Surplus, program)).ToList()
            : [];

        BargainingSolutions? bargaining = null;
        List<CheckedPoint<RecoveredMechanism>> bargainingPoints = [];
        if (options.Bargaining)
        {
            bargaining = bargainingTask!.GetAwaiter().GetResult();
            bargainingPoints = lp is null
                ? [.. BargainingAnalysis.Certify(bargaining, program)]
                : [.. BargainingAnalysis.Verify(bargaining, lp, exact)];
        }
        return new FrontierAnalysis(problem, exact, landmarks, samples, vertices, bargaining, bargainingPoints);
    }

    /// <summary>
    /// The LP route on the sampled levels (method.md §5.8): levels are taken in increasing U, and an LP is solved (warm
    /// started) at the first level of each segment of the exact frontier that holds levels, checked against the hull and
    /// the re-evaluated auction (<see cref="CheckRoutes.LpHullAuction"/>). The LP's multipliers there stay dual feasible
    /// at every other floor, so the other levels of the segment are the hull's points proven optimal by the bound they
    /// give (<see cref="CheckRoutes.LpDualHullAuction"/>). A level at a vertex is a segment of its own. Where the LP has
    /// no point, no multipliers or a failed check, or its bound does not prove a level to the solver tolerance, the next
    /// level solves its own LP.
    /// </summary>
    private static List<CheckedPoint<RecoveredMechanism>> LpSamples(FrontierSolver lp, ExactVertices exact, IReadOnlyList<double> levels, IProgress<int>? progress)
    {
        var samples = new List<CheckedPoint<RecoveredMechanism>>(levels.Count);
        SurplusSolve? anchor = null;
        (FrontierVertex Left, FrontierVertex Right)? segment = null;
        foreach (double u in levels)
        {
            var location = exact.Locate(u);
            var here = (location.Left, location.Right);
            if (anchor is not null && !location.AtVertex && segment is { } known
                && ReferenceEquals(known.Left, here.Left) && ReferenceEquals(known.Right, here.Right))
            {
                // The LP's multipliers are exact only to its tolerances, and the bound they give drifts from the segment
                // by that error times the distance from the floor they were solved at: once it no longer proves the
                // point to the solver tolerance, the LP is solved here and anchors what follows.
                var byDual = AuctionPoints.FromLpDual(PointRole.Sample, exact, u, lp, anchor);
                if (byDual.Check.Agrees)
                {
                    samples.Add(byDual);
                    progress?.Report(samples.Count);
                    continue;
                }
            }
            var solve = lp.Solve(u);
            var point = AuctionPoints.FromSolve(PointRole.Sample, solve, s => DualityChecker.Analyse(s, exact));
            samples.Add(point);
            // Only an LP point that passed its own check vouches for the rest of its segment.
            anchor = point.Check.Agrees && solve.RowDuals.Count > 0 ? solve : null;
            segment = here;
            progress?.Report(samples.Count);
        }
        return samples;
    }

    /// <summary>The Myerson point, the second-price auction and the buyer-optimal point, each against its auction
    /// re-evaluated from the rules.</summary>
    public static IReadOnlyList<CheckedPoint<RecoveredMechanism>> CheckLandmarks(FrontierProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var market = problem.Discretised;
        CheckedPoint<RecoveredMechanism> Of(PointRole role, RecoveredMechanism mechanism, InterimAllocation allocation, double lambda)
        {
            var (_, check) = DualityChecker.CheckMechanism(mechanism, allocation, CheckRoutes.HullAuction);
            return new CheckedPoint<RecoveredMechanism>(role, allocation.Surplus, allocation.Revenue, lambda, mechanism, check with { LambdaHull = lambda });
        }
        var secondPrice = MechanismRecovery.FromBidPoints(market, Enumerable.Range(1, market.Cells));
        return
        [
            Of(PointRole.RevenueOptimal, MechanismRecovery.FromOptimum(problem.RevenueOptimal), problem.RevenueOptimal.Allocation, 0),
            Of(AuctionPoints.SecondPrice, secondPrice, problem.SecondPrice, 1),
            Of(PointRole.SurplusOptimal, MechanismRecovery.FromOptimum(problem.SurplusOptimal), problem.SurplusOptimal.Allocation, double.PositiveInfinity),
        ];
    }
}
