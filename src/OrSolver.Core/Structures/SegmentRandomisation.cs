using OrSolver.Core.Auctions;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.Mechanisms;
using OrSolver.Core.Numerics;
using OrSolver.Core.Output;

namespace OrSolver.Core.Structures;

/// <summary>One segment's middle, solved by the LP and read through the hull (<see cref="DualityChecker"/>).</summary>
/// <param name="Segment">The segment's left vertex index.</param>
/// <param name="Solve">The LP's outcome.</param>
/// <param name="Analysis">Mechanism, re-evaluation and check; null unless the LP was optimal.</param>
public sealed record SegmentPoint(int Segment, SurplusSolve Solve, PointAnalysis? Analysis)
{
    /// <summary>The two randomised auctions (lower U first), or null when the point is not a randomisation.</summary>
    public (RecoveredMechanism First, RecoveredMechanism Second)? Pair =>
        Analysis?.Mechanism is { Kind: MechanismKind.Randomization, Components: [var a, var b] } ? (a.Mechanism, b.Mechanism) : null;

    /// <summary>Whether the LP was optimal and its point randomises two auctions with 0 &lt; ν &lt; 1.</summary>
    public bool Randomises => Solve.Status == SolveStatus.Optimal && Pair is not null && Analysis!.Mechanism.Components[0].Probability is > 0 and < 1;

    /// <summary>How far the two randomised auctions, re-evaluated from their rules, are from the exact frontier at the
    /// LP's U: max(|Π(auctions) − Π(hull)|, |U(auctions) − U(LP)|) relative to <paramref name="scale"/> (OPT); +∞ when the
    /// LP was not optimal. Hull and auctions are two independent routes to the same point (method.md §5.7).</summary>
    public double MechanismGap(double scale) => Analysis is { } a
        ? Math.Max(Math.Abs(a.Reevaluated.Revenue - a.Location.Revenue), Math.Abs(a.Reevaluated.Surplus - Solve.Point.Surplus)) / scale
        : double.PositiveInfinity;

    /// <summary>(Π(hull) − Π(LP)) relative to <paramref name="scale"/>: how far the LP's point falls short of the grid
    /// optimum (GLOP stops at its own tolerances; a negative value beyond rounding would mean the LP beat the hull, i.e. a
    /// bug). NaN when the LP was not optimal. The LP's dual is not compared: on a segment it is pinned to the slope only
    /// up to GLOP's dual tolerance, and Cor. 3.6/3.8 are about the mechanisms, not λ.</summary>
    public double LpShortfall(double scale) => Analysis is { } a ? (a.Location.Revenue - Solve.Point.Revenue) / scale : double.NaN;
}

/// <summary>
/// Points between two vertices of the grid frontier (Cor. 3.6 and 3.8: a randomisation of two indirect Vickrey auctions):
/// the LP is solved at the middle of a segment and its point read through the hull, which names the two auctions and ν,
/// and re-evaluated from the auctions' rules, so that LP, closed form and auction must agree (method.md §5.6–5.7).
/// </summary>
public static class SegmentRandomisation
{
    /// <summary>Segments narrower than this many times the solver tolerance (1e-9·OPT) are skipped: their middle is within
    /// <see cref="Core.Characterization.ExactVertices.Locate"/>'s snapping distance of a vertex (near U⁺ and U* vertices
    /// can be 1e-12 apart).</summary>
    private const double WidthInTolerances = 100;

    /// <summary>Up to <paramref name="count"/> segments (left vertex indices), evenly spread over those that satisfy
    /// <paramref name="include"/> and are wide enough to randomise (the first of them when <paramref name="count"/> is 1).</summary>
    public static IReadOnlyList<int> Pick(FrontierStructure structure, Func<int, bool> include, int count)
    {
        ArgumentNullException.ThrowIfNull(structure);
        ArgumentNullException.ThrowIfNull(include);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var v = structure.Vertices;
        double width = WidthInTolerances * Tolerances.SolverAgreement.Relative * structure.Scale;
        var wide = Enumerable.Range(0, Math.Max(0, v.Count - 1)).Where(i => v[i + 1].Surplus - v[i].Surplus > width && include(i)).ToList();
        return [.. EvenSample.Indices(wide.Count, count).Select(k => wide[k])];
    }

    /// <summary>Solves the LP at the middle of each of <paramref name="segments"/> (one warm-started solver).</summary>
    public static IReadOnlyList<SegmentPoint> Solve(FrontierStructure structure, IReadOnlyList<int> segments, ILinearSolver solver)
    {
        ArgumentNullException.ThrowIfNull(structure);
        ArgumentNullException.ThrowIfNull(segments);
        if (segments.Count == 0) return [];
        var v = structure.Vertices;
        using var frontierSolver = new FrontierSolver(structure.Problem, solver);
        return [.. segments.Select(i =>
        {
            var solve = frontierSolver.Solve(0.5 * (v[i].Surplus + v[i + 1].Surplus));
            return new SegmentPoint(i, solve, solve.Status == SolveStatus.Optimal ? DualityChecker.Analyse(solve, structure.Frontier) : null);
        })];
    }

    /// <summary>How far the points' auctions and LP are from the hull (<see cref="SegmentAgreement"/>).</summary>
    public static SegmentAgreement Agreement(FrontierStructure structure, IReadOnlyList<SegmentPoint> points)
    {
        ArgumentNullException.ThrowIfNull(structure);
        ArgumentNullException.ThrowIfNull(points);
        double scale = structure.Scale;
        return new SegmentAgreement(points.Select(p => p.MechanismGap(scale)).DefaultIfEmpty(0).Max(),
            points.Select(p => Math.Abs(p.LpShortfall(scale))).Where(double.IsFinite).DefaultIfEmpty(0).Max(),
            points.Count(p => p.LpShortfall(scale) > Tolerances.SolverAgreement.Relative), points.Count);
    }
}

/// <summary>How the LP points solved in the middle of frontier segments agree with the hull. Validates itself.</summary>
/// <param name="MechanismGap">The largest <see cref="SegmentPoint.MechanismGap"/>: the randomised auctions, re-evaluated
/// from their rules, against the hull, relative to OPT (0 when there are no points). Range: [0, ∞].</param>
/// <param name="LpGap">The largest |<see cref="SegmentPoint.LpShortfall"/>|: the LP's Π against the hull's, relative to
/// OPT. Range: [0, ∞).</param>
/// <param name="LpShortCount">Points where the LP stops short of the hull by more than
/// <see cref="Tolerances.SolverAgreement"/> (GLOP's accuracy, not the structure's). Range: [0, <paramref name="Count"/>].</param>
/// <param name="Count">Points compared. Range: ≥ 0.</param>
public sealed record SegmentAgreement(double MechanismGap, double LpGap, int LpShortCount, int Count)
{
    /// <summary>The largest mechanism gap (see the record's parameter).</summary>
    public double MechanismGap { get; } = MechanismGap >= 0 ? MechanismGap : throw new ArgumentOutOfRangeException(nameof(MechanismGap), MechanismGap, "a gap is ≥ 0");

    /// <summary>The largest LP gap (see the record's parameter).</summary>
    public double LpGap { get; } = LpGap >= 0 ? LpGap : throw new ArgumentOutOfRangeException(nameof(LpGap), LpGap, "a gap is ≥ 0");

    /// <summary>Points where the LP stops short (see the record's parameter).</summary>
    public int LpShortCount { get; } = LpShortCount >= 0 && LpShortCount <= Count
        ? LpShortCount : throw new ArgumentOutOfRangeException(nameof(LpShortCount), LpShortCount, "a count among the points compared");

    /// <summary>"auctions = hull to …·OPT, LP = hull to …·OPT", and where GLOP stopped short of the grid optimum.</summary>
    public override string ToString() =>
        $"auctions = hull to {NumberText.Significant(MechanismGap, 2)}·OPT, LP = hull to {NumberText.Significant(LpGap, 2)}·OPT"
        + (LpShortCount > 0 ? $" (GLOP stops short of the grid optimum by more than 1e-9·OPT at {LpShortCount} of {Count}: an LP accuracy issue, not the corollary's)" : "");
}
