using CsvHelper;
using OrSolver.Core.Frontier;
using OrSolver.Core.Mechanisms;
using OrSolver.Core.Numerics;
using OrSolver.Core.Program;

namespace OrSolver.Experiments.Analysis;

/// <summary>The LP solved in the middle of one frontier segment and the randomisation behind it (Cor. 3.6 / 3.8), as a
/// CSV row.</summary>
/// <param name="Distribution">The distribution's spec.</param>
/// <param name="Buyers">n.</param>
/// <param name="Segment">The segment's left vertex index.</param>
/// <param name="Surplus">U₀ asked (the segment's middle).</param>
/// <param name="Status">The LP's status.</param>
/// <param name="LpRevenue">Π of the LP.</param>
/// <param name="HullRevenue">Π of the exact frontier at the LP's U.</param>
/// <param name="ReevaluatedRevenue">Π of the randomised auctions, from their rules.</param>
/// <param name="ReevaluatedSurplus">U of the randomised auctions, from their rules.</param>
/// <param name="Probability">ν, the weight of the first (lower-U) auction.</param>
/// <param name="FirstKind">Kind of the first auction.</param>
/// <param name="FirstReserve">Its reserve.</param>
/// <param name="SecondKind">Kind of the second (higher-U) auction.</param>
/// <param name="SecondReserve">Its reserve.</param>
/// <param name="LpLambda">The LP's dual on the surplus row.</param>
/// <param name="HullLambda">The segment's slope on the exact frontier.</param>
/// <param name="Check">The route of the check (lp+hull+auction).</param>
/// <param name="Agrees">Whether LP, hull and re-evaluated auction agree in Π and U (1e-9·OPT) and strong duality holds at
/// the LP's λ (<see cref="DualityChecker"/>); false when the LP returned no optimum.</param>
/// <param name="WorstGap">The check's worst gap relative to OPT (+∞ when the LP returned no optimum).</param>
[CsvRecord]
public sealed partial record SegmentRow(
    [property: CsvColumn("distribution")] string Distribution,
    [property: CsvColumn("buyers")] long Buyers,
    [property: CsvColumn("segment")] int Segment,
    [property: CsvColumn("surplus")] double Surplus,
    [property: CsvColumn("status")] string Status,
    [property: CsvColumn("lp_revenue")] double LpRevenue,
    [property: CsvColumn("hull_revenue")] double HullRevenue,
    [property: CsvColumn("reevaluated_revenue")] double ReevaluatedRevenue,
    [property: CsvColumn("reevaluated_surplus")] double ReevaluatedSurplus,
    [property: CsvColumn("probability")] double Probability,
    [property: CsvColumn("first_kind")] string FirstKind,
    [property: CsvColumn("first_reserve")] double FirstReserve,
    [property: CsvColumn("second_kind")] string SecondKind,
    [property: CsvColumn("second_reserve")] double SecondReserve,
    [property: CsvColumn("lp_lambda")] double LpLambda,
    [property: CsvColumn("hull_lambda")] double HullLambda,
    [property: CsvColumn("check")] string Check,
    [property: CsvColumn("agrees")] bool Agrees,
    [property: CsvColumn("worst_gap")] double WorstGap) : IVerifiedRow;

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
    /// LP was not optimal. Hull and auctions are two independent routes to the same point (SPEC §4-5).</summary>
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
/// and re-evaluated from the auctions' rules, so that LP, closed form and auction must agree (SPEC §4-5).
/// </summary>
public static class SegmentRandomisation
{
    /// <summary>Segments narrower than this many times the solver tolerance (1e-9·OPT) are skipped: their middle is within
    /// <see cref="Core.Characterization.ExactFrontier.Locate"/>'s snapping distance of a vertex (near U⁺ and U* vertices
    /// can be 1e-12 apart).</summary>
    private const double WidthInTolerances = 100;

    /// <summary>Up to <paramref name="count"/> segments (left vertex indices), evenly spread over those that satisfy
    /// <paramref name="include"/> and are wide enough to randomise.</summary>
    public static IReadOnlyList<int> Pick(FrontierStructure structure, Func<int, bool> include, int count)
    {
        ArgumentNullException.ThrowIfNull(structure);
        ArgumentNullException.ThrowIfNull(include);
        var v = structure.Vertices;
        double width = WidthInTolerances * Tolerances.SolverAgreement.Relative * structure.Scale;
        var wide = Enumerable.Range(0, Math.Max(0, v.Count - 1)).Where(i => v[i + 1].Surplus - v[i].Surplus > width && include(i)).ToList();
        if (wide.Count <= count) return wide;
        return [.. Enumerable.Range(0, count).Select(k => wide[(int)Math.Round(k * (wide.Count - 1.0) / (count - 1))]).Distinct()];
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

    /// <summary>The CSV rows of <paramref name="points"/>.</summary>
    public static IEnumerable<SegmentRow> Rows(FrontierStructure structure, IEnumerable<SegmentPoint> points)
    {
        ArgumentNullException.ThrowIfNull(structure);
        ArgumentNullException.ThrowIfNull(points);
        var market = structure.Problem.Market;
        return points.Select(p =>
        {
            var pair = p.Pair;
            return new SegmentRow(market.Distribution.Spec, market.Buyers, p.Segment, p.Solve.SurplusFloor, p.Solve.Status.ToString(),
                p.Solve.Point.Revenue, p.Analysis?.Location.Revenue ?? double.NaN, p.Analysis?.Reevaluated.Revenue ?? double.NaN,
                p.Analysis?.Reevaluated.Surplus ?? double.NaN, p.Analysis?.Mechanism.Components is [var first, ..] ? first.Probability : double.NaN,
                pair?.First.KindName ?? "", pair?.First.Reserve ?? double.NaN, pair?.Second.KindName ?? "", pair?.Second.Reserve ?? double.NaN,
                p.Solve.Lambda, p.Analysis?.Check.LambdaHull ?? double.NaN, "lp+hull+auction", p.Analysis?.Check.Agrees ?? false,
                p.Analysis?.Check.WorstGap ?? double.PositiveInfinity);
        });
    }

    /// <summary>The largest <see cref="SegmentPoint.MechanismGap"/> and |<see cref="SegmentPoint.LpShortfall"/>| over
    /// <paramref name="points"/> (0 when there are none).</summary>
    public static (double Mechanism, double Lp) WorstGaps(FrontierStructure structure, IReadOnlyList<SegmentPoint> points)
    {
        ArgumentNullException.ThrowIfNull(structure);
        ArgumentNullException.ThrowIfNull(points);
        return (points.Select(p => p.MechanismGap(structure.Scale)).DefaultIfEmpty(0).Max(),
            points.Select(p => Math.Abs(p.LpShortfall(structure.Scale))).Where(double.IsFinite).DefaultIfEmpty(0).Max());
    }

    /// <summary>"auctions = hull to …·OPT, LP short by at most …·OPT" for the measured text.</summary>
    public static string Describe(FrontierStructure structure, IReadOnlyList<SegmentPoint> points)
    {
        var (mechanism, shortfall) = WorstGaps(structure, points);
        int shortCount = points.Count(p => p.LpShortfall(structure.Scale) > Tolerances.SolverAgreement.Relative);
        return $"auctions = hull to {Format.G(mechanism, 2)}·OPT, LP = hull to {Format.G(shortfall, 2)}·OPT"
            + (shortCount > 0 ? $" (GLOP stops short of the grid optimum by more than 1e-9·OPT at {shortCount} of {points.Count}: an LP accuracy issue, not the corollary's)" : "");
    }

    /// <summary>One message per point of <paramref name="points"/> that is not what Cor. 3.6/3.8 need before their
    /// structure is looked at: the LP not optimal, the point not a randomisation of two auctions (0 &lt; ν &lt; 1), the
    /// auctions re-evaluated from their rules off the hull, or the LP above the hull, by more than
    /// <see cref="Tolerances.SolverAgreement"/> at OPT's scale. An LP point below the hull is GLOP stopping short of the
    /// optimum, reported by <see cref="Describe"/>, not a failure of the corollary.</summary>
    public static IEnumerable<string> Failures(string label, FrontierStructure structure, IEnumerable<SegmentPoint> points)
    {
        ArgumentNullException.ThrowIfNull(structure);
        ArgumentNullException.ThrowIfNull(points);
        foreach (var point in points)
        {
            string at = $"{label} segment {point.Segment}";
            if (!point.Randomises) yield return $"{at}: {point.Solve.Status}, not a randomisation of two auctions";
            else if (!(point.MechanismGap(structure.Scale) <= Tolerances.SolverAgreement.Relative))
                yield return $"{at}: the auctions re-evaluated from their rules are {Format.G(point.MechanismGap(structure.Scale), 2)}·OPT off the hull";
            else if (point.LpShortfall(structure.Scale) < -Tolerances.SolverAgreement.Relative)
                yield return $"{at}: the LP's Π is {Format.G(-point.LpShortfall(structure.Scale), 2)}·OPT above the hull optimum";
        }
    }
}
