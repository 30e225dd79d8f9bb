using CsvHelper;
using OrSolver.Core.Auctions;
using OrSolver.Core.Bargaining;
using OrSolver.Core.Distributions;
using OrSolver.Core.Structures;

namespace OrSolver.Experiments.Analysis;

/// <summary>One vertex (extreme point) of the grid frontier and the auction that implements it, as a CSV row.</summary>
/// <param name="Surplus">U at the vertex.</param>
/// <param name="Revenue">Π at the vertex.</param>
/// <param name="Welfare">W = Π + U.</param>
/// <param name="Lambda">A λ at which it is a Lagrangian optimum (+∞ at the buyer-optimal end).</param>
/// <param name="Kind">second-price, second-price-with-reserve, indirect-vickrey or lottery.</param>
/// <param name="Reserve">The reserve price; v(1), the lowest value, when there is none.</param>
/// <param name="HasReserve">Whether a reserve excludes some values (reserve point before q = 1).</param>
/// <param name="Gaps">Number of bid-space gaps.</param>
/// <param name="GapLength">Total length in value of the gaps.</param>
/// <param name="Check">The route the vertex was checked by (hull+auction).</param>
/// <param name="Agrees">Whether its check passed.</param>
/// <param name="WorstGap">Its worst gap relative to OPT.</param>
[CsvRecord]
public sealed partial record VertexRow(
    [property: CsvColumn("surplus")] double Surplus,
    [property: CsvColumn("revenue")] double Revenue,
    [property: CsvColumn("welfare")] double Welfare,
    [property: CsvColumn("lambda")] double Lambda,
    [property: CsvColumn("kind")] string Kind,
    [property: CsvColumn("reserve")] double Reserve,
    [property: CsvColumn("has_reserve")] bool HasReserve,
    [property: CsvColumn("gaps")] int Gaps,
    [property: CsvColumn("gap_length")] double GapLength,
    [property: CsvColumn("check")] string Check,
    [property: CsvColumn("agrees")] bool Agrees,
    [property: CsvColumn("worst_gap")] double WorstGap) : IVerifiedRow;

/// <summary>One vertex of the grid frontier with its auction, as a CSV row of the mechanism-path experiments
/// (Theorems 3.5, 3.7 and the regimes outside them).</summary>
/// <param name="Surplus">U at the vertex.</param>
/// <param name="Revenue">Π at the vertex.</param>
/// <param name="Welfare">W = Π + U.</param>
/// <param name="Lambda">A λ at which it is a Lagrangian optimum (+∞ at the buyer-optimal end).</param>
/// <param name="SurplusShare">U/U*. Range: [0, 1].</param>
/// <param name="Kind">second-price, second-price-with-reserve, indirect-vickrey or lottery.</param>
/// <param name="Reserve">The reserve price; v(1), the lowest value, when there is none.</param>
/// <param name="ReserveRatio">Reserve over the lowest monopoly reserve.</param>
/// <param name="ReserveQuantile">The reserve's quantile q_r; 1 when there is no reserve.</param>
/// <param name="HasReserve">Whether a reserve excludes some values (reserve point before q = 1).</param>
/// <param name="SignificantReserve">Whether removing the reserve moves Π or U by more than the significance tolerance.</param>
/// <param name="Gaps">Number of bid-space gaps (pooled intervals) on the grid.</param>
/// <param name="SignificantGaps">Those whose removal moves Π or U by more than the significance tolerance
/// (<see cref="MechanismPath.Significance"/>).</param>
/// <param name="GapLength">Total length in value of the gaps (+∞ when a gap reaches an unbounded top value).</param>
/// <param name="GapMass">Total quantile mass of the pooled intervals, Σ (q_b − q_a). Range: [0, 1].</param>
/// <param name="SignificantGapMass">The same over the significant gaps only.</param>
/// <param name="Check">The route the vertex was checked by (hull+auction).</param>
/// <param name="Agrees">Whether its check passed.</param>
/// <param name="WorstGap">Its worst gap relative to OPT.</param>
[CsvRecord]
public sealed partial record MechanismRow(
    [property: CsvColumn("surplus")] double Surplus,
    [property: CsvColumn("revenue")] double Revenue,
    [property: CsvColumn("welfare")] double Welfare,
    [property: CsvColumn("lambda")] double Lambda,
    [property: CsvColumn("surplus_share")] double SurplusShare,
    [property: CsvColumn("kind")] string Kind,
    [property: CsvColumn("reserve")] double Reserve,
    [property: CsvColumn("reserve_ratio")] double ReserveRatio,
    [property: CsvColumn("reserve_quantile")] double ReserveQuantile,
    [property: CsvColumn("has_reserve")] bool HasReserve,
    [property: CsvColumn("significant_reserve")] bool SignificantReserve,
    [property: CsvColumn("gaps")] int Gaps,
    [property: CsvColumn("significant_gaps")] int SignificantGaps,
    [property: CsvColumn("gap_length")] double GapLength,
    [property: CsvColumn("gap_mass")] double GapMass,
    [property: CsvColumn("significant_gap_mass")] double SignificantGapMass,
    [property: CsvColumn("check")] string Check,
    [property: CsvColumn("agrees")] bool Agrees,
    [property: CsvColumn("worst_gap")] double WorstGap) : IVerifiedRow;

/// <summary>One distribution of the <c>outside</c> report, as a CSV row.</summary>
/// <param name="Distribution">The distribution's spec.</param>
/// <param name="Buyers">n.</param>
/// <param name="Grid">m, the number of grid cells.</param>
/// <param name="Regular">R concave on the grid.</param>
/// <param name="Mhr">MHR on the grid.</param>
/// <param name="AntiMhr">Anti-MHR on the grid.</param>
/// <param name="TopAtom">Mass of an atom at the top value (a cap), 0 if none.</param>
/// <param name="Vertices">Number of frontier vertices.</param>
/// <param name="WithReserve">Vertices with a significant reserve (<see cref="MechanismPath.HasSignificantReserve"/>).</param>
/// <param name="WithGaps">Vertices with a bid-space gap (raw).</param>
/// <param name="WithSignificantGaps">Vertices with a significant gap (<see cref="MechanismPath.Significance"/>).</param>
/// <param name="ReserveAndGaps">Vertices with a reserve and a gap (raw: any reserve point before q = 1, any pooled interval).</param>
/// <param name="ReserveAndSignificantGaps">Vertices with a significant reserve and a significant gap.</param>
/// <param name="TogetherFrom">U/U* of the first vertex with a significant reserve and gap (NaN if none).</param>
/// <param name="TogetherTo">U/U* of the last one (NaN if none).</param>
/// <param name="ReserveIncreases">Steps along the frontier where the (significant) reserve rises.</param>
/// <param name="NotExpanding">Steps where the bid space (significant gaps) loses a bid.</param>
/// <param name="NotShrinking">Steps where the bid space (significant gaps) gains a bid.</param>
/// <param name="SecondPriceShare">U⁺/U*, the plain second-price auction's place.</param>
/// <param name="LastKind">The buyer-optimal vertex's mechanism.</param>
/// <param name="KalaiSmorodinsky">W/OPT of the Kalai–Smorodinsky solution.</param>
/// <param name="Nash">W/OPT of the Nash solution.</param>
/// <param name="CrossSideNash">W/OPT of the cross-side Nash solution.</param>
/// <param name="Structure">The plain sentence: where the structure differs from Theorems 3.4–3.7.</param>
[CsvRecord]
public sealed partial record StructureRow(
    [property: CsvColumn("distribution")] string Distribution,
    [property: CsvColumn("buyers")] long Buyers,
    [property: CsvColumn("grid")] int Grid,
    [property: CsvColumn("regular")] bool Regular,
    [property: CsvColumn("mhr")] bool Mhr,
    [property: CsvColumn("anti_mhr")] bool AntiMhr,
    [property: CsvColumn("top_atom")] double TopAtom,
    [property: CsvColumn("vertices")] int Vertices,
    [property: CsvColumn("with_reserve")] int WithReserve,
    [property: CsvColumn("with_gaps")] int WithGaps,
    [property: CsvColumn("with_significant_gaps")] int WithSignificantGaps,
    [property: CsvColumn("reserve_and_gaps")] int ReserveAndGaps,
    [property: CsvColumn("reserve_and_significant_gaps")] int ReserveAndSignificantGaps,
    [property: CsvColumn("together_from")] double TogetherFrom,
    [property: CsvColumn("together_to")] double TogetherTo,
    [property: CsvColumn("reserve_increases")] int ReserveIncreases,
    [property: CsvColumn("not_expanding")] int NotExpanding,
    [property: CsvColumn("not_shrinking")] int NotShrinking,
    [property: CsvColumn("second_price_share")] double SecondPriceShare,
    [property: CsvColumn("last_kind")] string LastKind,
    [property: CsvColumn("ks_welfare_ratio")] double KalaiSmorodinsky,
    [property: CsvColumn("nash_welfare_ratio")] double Nash,
    [property: CsvColumn("cross_side_nash_welfare_ratio")] double CrossSideNash,
    [property: CsvColumn("structure")] string Structure);

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

/// <summary>The CSV rows of the structure experiments (thm3.4, thm3.5, thm3.7, outside), read off the library's
/// <see cref="FrontierStructure"/>, <see cref="MechanismPath"/>, <see cref="StructureSummary"/> and segment points.</summary>
public static class StructureRows
{
    /// <summary>Computes the grid frontier of <paramref name="spec"/> with <paramref name="buyers"/> buyers on
    /// <paramref name="grid"/> cells with its mechanism path, and logs its size (it writes nothing: markets may be computed
    /// at once, <see cref="ExperimentContext.Map{TItem, TResult}"/>; <see cref="WritePath"/> writes the rows after).</summary>
    public static MechanismPath ComputePath(ExperimentContext context, string spec, long buyers, int grid) => new(Compute(context, spec, buyers, grid));

    /// <summary>Writes the vertex rows of <paramref name="path"/>, the frontier of <paramref name="spec"/>, to
    /// <c>&lt;spec stem&gt;.csv</c>.</summary>
    public static string WritePath(ExperimentContext context, string spec, MechanismPath path)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.WriteCsv($"{Format.FileName(spec)}.csv", Mechanisms(path));
    }

    /// <summary>Computes the grid frontier of <paramref name="spec"/> with <paramref name="buyers"/> buyers on
    /// <paramref name="grid"/> cells and logs its size.</summary>
    public static FrontierStructure Compute(ExperimentContext context, string spec, long buyers, int grid)
    {
        ArgumentNullException.ThrowIfNull(context);
        var structure = FrontierStructure.Compute(new Core.Market(DistributionSpec.Parse(spec), buyers), grid);
        context.Log($"{structure}: {structure.Vertices.Count} vertices");
        return structure;
    }

    /// <summary>One row per vertex.</summary>
    public static IEnumerable<VertexRow> Vertices(FrontierStructure structure)
    {
        ArgumentNullException.ThrowIfNull(structure);
        return structure.Vertices.Select((v, i) =>
        {
            var (m, check) = (structure.Mechanisms[i], structure.Checks[i]);
            return new VertexRow(v.Surplus, v.Revenue, v.Welfare, v.Lambda, m.KindName, m.Reserve, structure.HasReserve(i), m.Gaps.Count, m.GapLength,
                check.Route, check.Agrees, check.WorstGap);
        });
    }

    /// <summary>One row per vertex, with the significance of its gaps and reserve.</summary>
    public static IEnumerable<MechanismRow> Mechanisms(MechanismPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var structure = path.Structure;
        double uStar = structure.Problem.OptimalSurplus, monopoly = structure.Problem.Monopoly.Reserve;
        return structure.Vertices.Select((v, i) =>
        {
            var (m, check) = (structure.Mechanisms[i], structure.Checks[i]);
            return new MechanismRow(v.Surplus, v.Revenue, v.Welfare, v.Lambda, v.Surplus / uStar, m.KindName, m.Reserve, m.Reserve / monopoly,
                m.ReserveQuantile, structure.HasReserve(i), path.HasSignificantReserve(i), m.Gaps.Count, path.SignificantPools(i).Count, m.GapLength,
                path.GapMass(i), path.SignificantGapMass(i), check.Route, check.Agrees, check.WorstGap);
        });
    }

    /// <summary>One row per segment point.</summary>
    public static IEnumerable<SegmentRow> Segments(FrontierStructure structure, IEnumerable<SegmentPoint> points)
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

    /// <summary>The <c>outside</c> row of one frontier, with the three bargaining solutions' welfare ratios.</summary>
    public static StructureRow Summary(StructureSummary summary, BargainingSolutions solutions)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(solutions);
        var s = summary.Path.Structure;
        var shape = s.Shape;
        var together = summary.Together;
        double uStar = s.Problem.OptimalSurplus;
        return new StructureRow(s.Problem.Market.Distribution.Spec, s.Problem.Market.Buyers, s.Problem.Discretised.Cells, shape.Regular,
            shape.MonotoneHazardRate, shape.AntiMonotoneHazardRate, summary.TopAtom, s.Vertices.Count, summary.ReserveVertices.Count,
            s.Mechanisms.Count(m => m.Gaps.Count > 0), summary.GapVertices.Count, s.ReserveWithGaps().Count, together.Count,
            together.Count > 0 ? s.Vertices[together[0]].Surplus / uStar : double.NaN,
            together.Count > 0 ? s.Vertices[together[^1]].Surplus / uStar : double.NaN,
            summary.ReserveIncreases.Count, summary.NotExpanding.Count, summary.NotShrinking.Count, s.SecondPriceSurplus / uStar, s.Mechanisms[^1].KindName,
            solutions.KalaiSmorodinsky.WelfareRatio, solutions.Nash.WelfareRatio, solutions.CrossSideNash.WelfareRatio, summary.Describe());
    }
}
