using OrSolver.Core.Mechanisms;
using OrSolver.Core.Structures;
using OrSolver.Experiments.Analysis;
using OrSolver.Plots;

namespace OrSolver.Experiments.Experiments;

/// <summary>
/// Theorem 3.5 and Corollary 3.6 (anti-MHR F, not necessarily regular): every extreme point of the frontier is an
/// indirect Vickrey auction with a reserve no larger than the lowest monopoly reserve; as U grows the reserve does not
/// rise and the bid space expands (B‡ ⊇ B†, Def. 2.4); any point randomises two such auctions, the second refining the
/// first. Measured on the exact grid frontier (Appendix B's hull route): every vertex's canonical auction, re-evaluated
/// from its rules at a sample of vertices, and the LP solved in the middle of a sample of segments.
/// <para>
/// On the grid every mechanism is an indirect Vickrey auction whose bids are grid values (method.md §3.3), so claim (i) is
/// substantive in its reserve bound, in the auction reproducing the vertex's (Π, U) from its own rules, and in the
/// buyer-optimal end being the second-price auction (Prop. 3.12). "The bid space expands" is inclusion of the grid bid
/// points (<see cref="RecoveredMechanism.BidPoints"/>) from each vertex to the next, which by transitivity covers every
/// pair of extreme points (Thm 3.5 (ii)).
/// </para>
/// </summary>
internal sealed class Theorem35 : Experiment
{
    public override string Id => "thm3.5";

    public override string Title => "Anti-MHR, not regular: indirect Vickrey auctions whose bid space expands (Theorem 3.5, Corollary 3.6)";

    /// <summary>Anti-MHR and not regular. Weibull and gamma with shape &lt; 1 are DFR (anti-MHR) and their revenue curve
    /// is convex near q = 1 only beyond the monopoly quantile (Weibull(0.5): R_λ'' &gt; 0 exactly for q &gt; e^{−(1−λ)},
    /// past R_λ's maximum at e^{−2(1−λ)}), so their frontier needs no ironing: the bid-space part of the theorem is
    /// vacuous there, and the exponential mixtures (DFR as every mixture of exponentials; two humps of R: monopoly prices
    /// near 1/rate₁ and 1/rate₂) are what makes it bite.</summary>
    private static readonly (string Spec, long Buyers)[] Markets =
    [
        ("weibull(0.5)", 3),
        ("gamma(0.5, 1)", 4),
        ("weibull(0.7, 2)", 5),
        ("mixture(0.5*exponential(1), 0.5*exponential(0.05))", 3),
        ("mixture(0.7*exponential(2), 0.3*exponential(0.2))", 5),
    ];

    public override void Run(ExperimentContext context)
    {
        int grid = context.Choose(400, 4000);
        int reevaluated = context.Choose(10, 40);
        int segments = context.Choose(3, 8);
        var charts = new PathCharts("Theorem 3.5", "anti-MHR, not regular");
        var (extreme, order, randomisation) = (new ClaimEvidence(), new ClaimEvidence(), new ClaimEvidence());
        var segmentRows = new List<SegmentRow>();
        // The markets' frontiers and segment LPs are independent: computed over the workers, then read in order.
        var measured = context.Map(Markets, (market, solver) =>
        {
            var path = StructureRows.ComputePath(context, market.Spec, market.Buyers, grid);
            var structure = path.Structure;
            var mechanisms = structure.Mechanisms;
            var picked = SegmentRandomisation.Pick(structure, i => mechanisms[i].Gaps.Count > 0 || mechanisms[i + 1].Gaps.Count > 0, segments / 2)
                .Concat(SegmentRandomisation.Pick(structure, _ => true, segments - segments / 2)).Distinct().Order().ToList();
            return (Path: path, Points: SegmentRandomisation.Solve(structure, picked, solver));
        });
        foreach (var ((spec, buyers), (path, points)) in Markets.Zip(measured))
        {
            StructureRows.WritePath(context, spec, path);
            var structure = path.Structure;
            var problem = structure.Problem;
            var mechanisms = structure.Mechanisms;
            var vertices = structure.Vertices;
            string label = $"{spec} n = {buyers}";
            var shape = structure.Shape;

            // (i): indirect Vickrey auctions (never a randomisation at a vertex), reserve ≤ monopoly reserve, realised by
            // the auction's own rules, the λ = 0 end at the monopoly reserve and the buyer-optimal end the SPA (Prop. 3.12).
            var verdict = TheoremStructure.Theorem35Extreme(path, reevaluated);
            extreme.Require(verdict.Applies && !shape.Regular, $"{label}: classified {shape} on the grid, not anti-MHR and irregular");
            extreme.Require(label, verdict);
            var reevaluation = path.Reevaluate(reevaluated);
            int withGaps = mechanisms.Count(m => m.Gaps.Count > 0);
            int withSignificantGaps = Enumerable.Range(0, mechanisms.Count).Count(path.HasSignificantGaps);
            extreme.Measured($"{label}: {vertices.Count} vertices ({withGaps} with gaps, {withSignificantGaps} significant), reserve {Format.G(mechanisms[0].Reserve)} → {Format.G(mechanisms[^1].Reserve)} (monopoly {Format.G(problem.Monopoly.Reserve)}), last vertex {mechanisms[^1].KindName}{(mechanisms[^1].Gaps.Count > 0 && !path.HasSignificantGaps(vertices.Count - 1) ? " with insignificant gaps" : "")}, {reevaluation.Checked} re-evaluated to {Format.G(reevaluation.Worst, 2)}·OPT");

            // (ii): the reserve never rises, the bid space expands from each vertex to the next.
            order.Require(label, TheoremStructure.Theorem35Order(path));
            order.Measured($"{label}: {vertices.Count - 1} steps, largest pooled mass {Format.G(path.GapMasses.Max(), 3)}");

            // Cor. 3.6: between vertices, ν·M† + (1−ν)·M‡ with B‡ ⊇ B†, r‡ ≤ r† ≤ monopoly reserve; hull = auctions (= LP).
            segmentRows.AddRange(StructureRows.Segments(structure, points));
            randomisation.Require(label, TheoremStructure.Corollary36(structure, points));
            int segmentsWithGaps = points.Count(p => p.Pair is { } pair && (pair.First.Gaps.Count > 0 || pair.Second.Gaps.Count > 0));
            randomisation.Measured($"{label}: {points.Count} segments ({segmentsWithGaps} with gaps), {SegmentRandomisation.Agreement(structure, points)}");
            charts.Add(label, path);
        }
        string segmentsFile = context.WriteCsv("segments.csv", segmentRows);
        string reservePlot = context.SavePlot("reserve-vs-surplus.png", charts.Reserve with { YRange = (0, 1.05), Legend = LegendCorner.LowerLeft });
        string gapPlot = context.SavePlot("gaps-vs-surplus.png", charts.Gaps with { Legend = LegendCorner.UpperLeft });
        string setting = $"{string.Join("; ", Markets.Select(m => $"{m.Spec} n = {m.Buyers}"))}; exact grid frontier, m = {grid}";

        extreme.Record(context, "Theorem 3.5 (i)",
            "For anti-MHR F, every extreme point of the Pareto frontier is realised by an indirect Vickrey auction with a reserve at most the lowest monopoly reserve.",
            $"{setting}; auctions re-evaluated from their rules at {reevaluated} vertices each",
            "Every vertex is one indirect Vickrey auction with reserve ≤ monopoly reserve, from the monopoly reserve at the Myerson point to the second-price auction's payoffs at U* (Prop. 3.12)",
            reservePlot, gapPlot);
        order.Record(context, "Theorem 3.5 (ii)",
            "For anti-MHR F, as U grows along the extreme points the reserve does not rise and the bid space expands (the higher-U auction's bid space refines the lower-U one's).",
            setting,
            "From every vertex to the next the reserve never rises and every grid bid of the earlier auction stays allowed (pooled intervals only shrink or split)",
            reservePlot, gapPlot);
        randomisation.Record(context, "Corollary 3.6",
            "For anti-MHR F, every point of the frontier randomises two indirect Vickrey auctions with reserves at most the monopoly reserve, the second (higher-U, lower reserve) refining the first's bid space.",
            $"{setting}; LP solved at the middle of up to {segments} segments each (half of them next to a vertex with gaps), read through the hull, the two auctions re-evaluated from their rules ({segmentsFile})",
            "Every segment middle is a randomisation 0 < ν < 1 of two auctions, reserves ordered and bid spaces nested",
            reservePlot, gapPlot);
    }
}
