using OrSolver.Core.Mechanisms;
using OrSolver.Core.Numerics;
using OrSolver.Core.Structures;
using OrSolver.Experiments.Analysis;
using OrSolver.Plots;

namespace OrSolver.Experiments.Experiments;

/// <summary>
/// Theorem 3.7 and Corollary 3.8 (MHR F), with U⁺ the surplus of the plain second-price auction: for U ≤ U⁺ the frontier
/// is run by second-price auctions with a reserve (no bid restriction) that falls as U grows; for U ≥ U⁺ its extreme
/// points are indirect Vickrey auctions with zero reserve whose bid space shrinks as U grows, ending at the lottery
/// (Hartline–Roughgarden); a reserve and a restricted bid space never occur together (the remark before the theorem); a
/// point above U⁺ between two vertices randomises two zero-reserve auctions, the lower-U one refining the other.
/// <para>
/// Measured on the exact grid frontier. Each vertex is classified by its mechanism and then its U is checked against U⁺
/// at rounding accuracy (1e-12·OPT): around U⁺ the SPA, second-price auctions with tiny reserves and zero-reserve auctions
/// with tiny gaps differ in Π and U by less than 1e-9, so the SPA itself need not be a vertex; what is claimed is the order
/// of the others around it. "Zero reserve" is the reserve point at the last grid point, q = 1 (the reserve is then v(1),
/// the lowest value). "Shrinks" is inclusion of the grid bid points (<see cref="RecoveredMechanism.BidPoints"/>) from each
/// zero-reserve vertex in the next one's predecessor. For Uniform[0,1], R_λ = q − (1 − λ/2)q² is linear at λ = 2, so
/// above U⁺ the frontier is the single segment SPA–lottery: its only vertex above U⁺ is the lottery.
/// </para>
/// </summary>
internal sealed class Theorem37 : Experiment
{
    public override string Id => "thm3.7";

    public override string Title => "MHR: a falling reserve below U⁺, a shrinking bid space above it (Theorem 3.7, Corollary 3.8)";

    /// <summary>MHR instances with the closed-form mean E[v] = U* (the lottery's surplus): Uniform[0,1] 1/2, Weibull(2)
    /// Γ(3/2) = √π/2, Gamma(3, 1) 3, Beta(2, 2) 1/2, and a normal(1, 0.3) truncated to [0, 2], symmetric about 1.</summary>
    private static readonly (string Spec, long Buyers, double Mean)[] Markets =
    [
        ("uniform(0, 1)", 3, 0.5),
        ("weibull(2)", 3, 0.886226925452758),
        ("gamma(3, 1)", 4, 3),
        ("beta(2, 2)", 5, 0.5),
        ("normal(1, 0.3, 0, 2)", 3, 1),
    ];

    public override void Run(ExperimentContext context)
    {
        int grid = context.Choose(400, 4000);
        int segments = context.Choose(3, 8);
        var charts = new PathCharts("Theorem 3.7", "MHR");
        var (uPlusX, uPlusReserve) = (new List<double>(), new List<double>());
        var (below, above, together, randomisation) = (new ClaimEvidence(), new ClaimEvidence(), new ClaimEvidence(), new ClaimEvidence());
        var segmentRows = new List<SegmentRow>();
        // The markets' frontiers and segment LPs are independent: computed over the workers, then read in order.
        var measured = context.Map(Markets, (market, solver) =>
        {
            var path = StructureRows.ComputePath(context, market.Spec, market.Buyers, grid);
            var structure = path.Structure;
            // Cor. 3.8: segments wholly above U⁺ (from a zero-reserve vertex or the SPA) randomise two zero-reserve auctions.
            return (Path: path, Points: SegmentRandomisation.Solve(structure, SegmentRandomisation.Pick(structure, i => !structure.HasReserve(i), segments), solver));
        });
        foreach (var ((spec, buyers, mean), (path, points)) in Markets.Zip(measured))
        {
            StructureRows.WritePath(context, spec, path);
            var structure = path.Structure;
            var problem = structure.Problem;
            var mechanisms = structure.Mechanisms;
            var vertices = structure.Vertices;
            double uPlus = structure.SecondPriceSurplus;
            string label = $"{spec} n = {buyers}";
            var shape = structure.Shape;
            var mhr = TheoremStructure.Theorem37(path);
            below.Require(shape.MonotoneHazardRate, $"{label}: classified {shape} on the grid, not MHR");
            above.Require(shape.MonotoneHazardRate, $"{label}: classified {shape} on the grid, not MHR");
            below.Require(label, mhr.BelowSecondPrice);
            above.Require(label, mhr.AboveSecondPrice);
            together.Require(label, mhr.NoReserveWithGaps);
            // U* = E[v] against the closed form of the mean (the check above compares it with the distribution's own V(1)).
            above.Require(Tolerances.ClosedForm.Close(vertices[^1].Surplus, mean), $"{label}: U* = {Format.G(vertices[^1].Surplus, 10)}, E[v] = {Format.G(mean, 10)}");
            var (reserved, zeroReserve) = (mhr.WithReserve, mhr.ZeroReserve);
            below.Require(reserved.Count > 0, $"{label}: no vertex below U⁺ (nothing measured)");
            above.Require(zeroReserve.Count > 0, $"{label}: no vertex above U⁺ (nothing measured)");

            below.Measured($"{label}: {reserved.Count} vertices, reserve {Format.G(mechanisms[0].Reserve)} → {Format.G(reserved.Count > 0 ? mechanisms[reserved[^1]].Reserve : double.NaN)}, U⁺ − U ≥ {Format.G(mhr.ClosestBelow / structure.Scale, 2)}·OPT");
            above.Measured($"{label}: {zeroReserve.Count} vertices{(zeroReserve.Count == 1 ? " (the lottery only: above U⁺ the frontier is one segment from the SPA)" : "")}, pooled mass {Format.G(zeroReserve.Count > 0 ? path.GapMass(zeroReserve[0]) : double.NaN, 3)} → {Format.G(path.GapMass(vertices.Count - 1), 3)}, U − U⁺ ≥ {Format.G(mhr.ClosestAbove / structure.Scale, 2)}·OPT, U* = {Format.G(vertices[^1].Surplus, 7)}");
            together.Measured($"{label}: {reserved.Count} with a reserve, {zeroReserve.Count} with gaps, {mhr.PlainSecondPrice} plain SPA");

            // Cor. 3.8 (the segments solved above).
            segmentRows.AddRange(StructureRows.Segments(structure, points));
            randomisation.Require(label, TheoremStructure.Corollary38(structure, points));
            randomisation.Require(points.Count > 0, $"{label}: no segment above U⁺ wide enough to randomise");
            randomisation.Measured($"{label}: {points.Count} segments, {SegmentRandomisation.Agreement(structure, points)}");

            charts.Add(label, path);
            uPlusX.Add(uPlus / problem.OptimalSurplus);
            uPlusReserve.Add(structure.LowestValue / problem.Monopoly.Reserve);
        }
        string segmentsFile = context.WriteCsv("segments.csv", segmentRows);
        const string uPlusLegend = "U⁺ (plain second-price auction)";
        string reservePlot = context.SavePlot("reserve-vs-surplus.png",
            charts.Reserve.With(uPlusLegend, uPlusX, uPlusReserve, SeriesStyle.Markers) with { YRange = (-0.02, 1.05), Legend = LegendCorner.UpperRight });
        string gapPlot = context.SavePlot("gaps-vs-surplus.png",
            charts.Gaps.With(uPlusLegend, uPlusX, [.. uPlusX.Select(_ => 0.0)], SeriesStyle.Markers) with { YRange = (-0.02, 1.05), Legend = LegendCorner.UpperLeft });
        string setting = $"{string.Join("; ", Markets.Select(m => $"{m.Spec} n = {m.Buyers}"))}; exact grid frontier, m = {grid}";

        below.Record(context, "Theorem 3.7 (i)-(ii)",
            "For MHR F and U_Mye ≤ U ≤ U⁺ (the plain second-price auction's surplus), the frontier is run by second-price auctions with a reserve at most the lowest monopoly reserve, the reserve falling as U grows.",
            setting,
            "Every vertex with a reserve is a second-price auction (no gap) at U ≤ U⁺, reserve ≤ monopoly reserve and strictly falling, and the frontier passes through the SPA at U⁺",
            reservePlot, gapPlot);
        above.Record(context, "Theorem 3.7 (iii)-(iv)",
            "For MHR F and U⁺ ≤ U ≤ U*, every extreme point is an indirect Vickrey auction with zero reserve whose bid space shrinks as U grows, ending at the lottery (U* = E[v]).",
            setting,
            "Every zero-reserve vertex is at U ≥ U⁺ and restricts the bid space, each one's bids a subset of the previous one's, the last the lottery with Π = 0 and U* = E[v] (closed form, 1e-6)",
            gapPlot, reservePlot);
        together.Record(context, "Theorem 3.7 (no reserve with gaps)",
            "For MHR F no Pareto-optimal extreme point needs both a reserve and a restricted bid space.",
            setting,
            "No vertex has both a reserve and a bid-space gap",
            reservePlot, gapPlot);
        randomisation.Record(context, "Corollary 3.8",
            "For MHR F, every point with U ≥ U⁺ randomises two zero-reserve indirect Vickrey auctions, the lower-U one's bid space refining the other's.",
            $"{setting}; LP solved at the middle of up to {segments} segments above U⁺ each, read through the hull, the two auctions re-evaluated from their rules ({segmentsFile})",
            "Every segment middle is a randomisation 0 < ν < 1 of two zero-reserve auctions with nested bid spaces",
            gapPlot);
    }
}
