using OrSolver.Core.Mechanisms;
using OrSolver.Core.Numerics;
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

    private static readonly Tolerance ReserveAgreement = Tolerances.SolverAgreement;

    public override void Run(ExperimentContext context)
    {
        int grid = context.Choose(400, 4000);
        int segments = context.Choose(3, 8);
        var charts = new PathCharts("Theorem 3.7", "MHR");
        var (uPlusX, uPlusReserve) = (new List<double>(), new List<double>());
        var (below, above, together, randomisation) = (new ClaimEvidence(), new ClaimEvidence(), new ClaimEvidence(), new ClaimEvidence());
        var segmentRows = new List<SegmentRow>();
        var solver = context.NewSolver();
        foreach (var (spec, buyers, mean) in Markets)
        {
            var path = MechanismPath.Compute(context, spec, buyers, grid);
            var structure = path.Structure;
            var problem = structure.Problem;
            var market = problem.Discretised;
            var mechanisms = structure.Mechanisms;
            var vertices = structure.Vertices;
            var values = Tolerances.SolverAgreement.AtScale(structure.Scale);
            var rounding = structure.Rounding;
            double uPlus = structure.SecondPriceSurplus, lowest = market.Value(market.Cells);
            string label = $"{spec} n = {buyers}";
            var shape = structure.Shape;
            below.Require(shape.MonotoneHazardRate, $"{label}: classified {shape} on the grid, not MHR");
            above.Require(shape.MonotoneHazardRate, $"{label}: classified {shape} on the grid, not MHR");
            var (reserved, zeroReserve) = (new List<int>(), new List<int>());
            int secondPrice = 0;
            double closestBelow = double.PositiveInfinity, closestAbove = double.PositiveInfinity;
            for (int i = 0; i < vertices.Count; i++)
            {
                var mechanism = mechanisms[i];
                string at = $"{label} vertex {i} ({mechanism.KindName}, U = {Format.G(vertices[i].Surplus, 10)}, U⁺ = {Format.G(uPlus, 10)})";
                together.Require(!(structure.HasReserve(i) && mechanism.Gaps.Count > 0), $"{at}: reserve {Format.G(mechanism.Reserve)} and {mechanism.Gaps.Count} gaps");
                if (mechanism.Kind == MechanismKind.SecondPrice)
                {
                    secondPrice++;
                    below.Require(values.Close(vertices[i].Surplus, uPlus), $"{at}: the plain second-price auction away from U⁺");
                }
                else if (structure.HasReserve(i))
                {
                    reserved.Add(i);
                    closestBelow = Math.Min(closestBelow, uPlus - vertices[i].Surplus);
                    below.Require(rounding.AtMost(vertices[i].Surplus, uPlus), $"{at}: a reserve above U⁺");
                    below.Require(mechanism.Kind == MechanismKind.SecondPriceWithReserve, $"{at}: not a second-price auction with a reserve");
                    below.Require(ReserveAgreement.AtMost(mechanism.Reserve, problem.Monopoly.Reserve), $"{at}: reserve above the monopoly reserve");
                    below.Require(i == 0 || mechanism.Reserve < mechanisms[i - 1].Reserve, $"{at}: the reserve did not fall");
                }
                else
                {
                    zeroReserve.Add(i);
                    closestAbove = Math.Min(closestAbove, vertices[i].Surplus - uPlus);
                    above.Require(rounding.AtMost(uPlus, vertices[i].Surplus), $"{at}: zero reserve below U⁺");
                    above.Require(mechanism.Kind is MechanismKind.IndirectVickrey or MechanismKind.Lottery && mechanism.Reserve == lowest,
                        $"{at}: not an indirect Vickrey auction with zero reserve");
                }
            }
            // (iv): from each zero-reserve vertex to the next the bid space shrinks (the first one after U⁺ follows the SPA or a
            // vertex with a reserve, whose bid space is not compared).
            var notShrinking = path.NotShrinking(zeroReserve.Where(i => i > 0 && !structure.HasReserve(i - 1)), significantOnly: false);
            above.Require(notShrinking.Count == 0, $"{label}: the bid space grows at zero-reserve vertices {Format.Indices(notShrinking)}");
            // The SPA is on the frontier at U⁺; the buyer-optimal end is the lottery with U* = E[v] and Π = 0.
            double frontierAtUPlus = structure.Frontier.Locate(uPlus).Revenue;
            below.Require(values.Close(frontierAtUPlus, problem.SecondPrice.Revenue),
                $"{label}: frontier at U⁺ has Π = {Format.G(frontierAtUPlus, 10)}, the SPA {Format.G(problem.SecondPrice.Revenue, 10)}");
            above.Require(mechanisms[^1].Kind == MechanismKind.Lottery, $"{label}: the last vertex is a {mechanisms[^1].KindName}, not the lottery");
            above.Require(Tolerances.ClosedForm.Close(vertices[^1].Surplus, mean), $"{label}: U* = {Format.G(vertices[^1].Surplus, 10)}, E[v] = {Format.G(mean, 10)}");
            above.Require(values.Close(vertices[^1].Revenue, 0), $"{label}: the lottery's Π = {Format.G(vertices[^1].Revenue)}");
            below.Require(reserved.Count > 0, $"{label}: no vertex below U⁺ (nothing measured)");
            above.Require(zeroReserve.Count > 0, $"{label}: no vertex above U⁺ (nothing measured)");

            below.Measured($"{label}: {reserved.Count} vertices, reserve {Format.G(mechanisms[0].Reserve)} → {Format.G(reserved.Count > 0 ? mechanisms[reserved[^1]].Reserve : double.NaN)}, U⁺ − U ≥ {Format.G(closestBelow / structure.Scale, 2)}·OPT");
            above.Measured($"{label}: {zeroReserve.Count} vertices{(zeroReserve.Count == 1 ? " (the lottery only: above U⁺ the frontier is one segment from the SPA)" : "")}, pooled mass {Format.G(zeroReserve.Count > 0 ? path.GapMass(zeroReserve[0]) : double.NaN, 3)} → {Format.G(path.GapMass(vertices.Count - 1), 3)}, U − U⁺ ≥ {Format.G(closestAbove / structure.Scale, 2)}·OPT, U* = {Format.G(vertices[^1].Surplus, 7)}");
            together.Measured($"{label}: {reserved.Count} with a reserve, {zeroReserve.Count} with gaps, {secondPrice} plain SPA");

            // Cor. 3.8: segments wholly above U⁺ (from a zero-reserve vertex or the SPA) randomise two zero-reserve auctions.
            var points = SegmentRandomisation.Solve(structure, SegmentRandomisation.Pick(structure, i => !structure.HasReserve(i), segments), solver);
            segmentRows.AddRange(SegmentRandomisation.Rows(structure, points));
            foreach (string failure in SegmentRandomisation.Failures(label, structure, points)) randomisation.Fail(failure);
            foreach (var point in points.Where(p => p.Randomises))
            {
                var (first, second) = point.Pair!.Value;
                randomisation.Require(first.ReservePoint == market.Cells && second.ReservePoint == market.Cells, $"{label} segment {point.Segment}: an auction with a reserve");
                randomisation.Require(second.BidPoints().IsSubsetOf(first.BidPoints()), $"{label} segment {point.Segment}: the lower-U auction's bid space does not refine the other's");
            }
            randomisation.Require(points.Count > 0, $"{label}: no segment above U⁺ wide enough to randomise");
            randomisation.Measured($"{label}: {points.Count} segments, {SegmentRandomisation.Describe(structure, points)}");

            charts.Add(label, path);
            uPlusX.Add(uPlus / problem.OptimalSurplus);
            uPlusReserve.Add(lowest / problem.Monopoly.Reserve);
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
