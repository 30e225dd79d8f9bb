using OrSolver.Core.Auctions;
using OrSolver.Core.Bargaining;
using OrSolver.Core.Structures;
using OrSolver.Experiments.Analysis;
using OrSolver.Plots;

namespace OrSolver.Experiments.Experiments;

/// <summary>
/// Regimes the paper leaves open (footnote 4: without regularity, MHR or anti-MHR "Pareto-optimal mechanisms may exhibit
/// significantly more complex forms"): lognormal (regular, neither MHR nor anti-MHR), gamma with shape &lt; 1 (anti-MHR and
/// irregular, so Theorem 3.5 does cover it: thm3.5 checks it as stated), bimodal mixtures (irregular, neither class) and
/// heavy tails near α = 1 with a cap (an atom at the cap). For each: the grid class, the number of frontier vertices,
/// whether a reserve and a bid-space restriction co-occur (at which vertices), whether the reserve falls and the bid
/// space expands or shrinks along U, and the welfare W/OPT of the Kalai–Smorodinsky, Nash and cross-side Nash solutions.
/// The verdict is "outside theory"; the measured text says in a plain sentence where the structure differs from
/// Theorems 3.4–3.7 (<see cref="StructureSummary.Describe"/>). Gaps count only when significant
/// (<see cref="MechanismPath"/>: un-pooling them moves Π or U by more than 1e-9·OPT), so that pooled intervals of
/// width 1e-8 left near q = 1 by the mixtures' root-found v(q) are not reported as structure; raw counts are in the CSV.
/// </summary>
internal sealed class Outside : Experiment
{
    public override string Id => "outside";

    public override string Title => "Outside the theory: lognormal, gamma shape < 1, bimodal mixtures, capped heavy tails (footnote 4)";

    private static readonly (string Spec, long Buyers, string Short)[] Markets =
    [
        ("lognormal(0, 1)", 4, "lognormal σ=1"),
        ("lognormal(0, 1.5)", 3, "lognormal σ=1.5"),
        ("gamma(0.5, 1)", 5, "gamma(0.5)"),
        ("mixture(0.5*normal(1, 0.2, 0, 3), 0.5*normal(4, 0.3, 0, 8))", 4, "normal bimodal"),
        ("mixture(0.5*beta(2, 8), 0.5*beta(8, 2))", 3, "beta bimodal"),
        ("lomax(1.05, 1, cap=1000)", 5, "lomax 1.05, cap"),
        ("pareto(1.1, cap=10000)", 3, "pareto 1.1, cap"),
    ];

    public override void Run(ExperimentContext context)
    {
        int grid = context.Choose(400, 4000);
        var rows = new List<StructureRow>();
        var claims = new List<(string Reference, string Statement, string Setting, string Measured, List<string> Plots)>();
        // The markets are independent: their frontiers and bargaining solutions computed over the workers, then read in order.
        var frontiers = context.Map(Markets, (market, solver) =>
        {
            var path = StructureRows.ComputePath(context, market.Spec, market.Buyers, grid);
            // Read off the exact grid frontier (method.md §8) without the local refinement of §8.3: it moves W/OPT by less
            // than 2e-4 even at m = 400 (lognormal(0, 1), n = 4), below the four digits reported, and would not fit the full mode's time.
            return (Path: path, Summary: new StructureSummary(path), Solutions: AuctionBargaining.Solve(path.Structure.Problem, path.Structure.Frontier, solver));
        });
        foreach (var ((spec, buyers, _), (path, summary, solutions)) in Markets.Zip(frontiers))
        {
            StructureRows.WritePath(context, spec, path);
            var structure = path.Structure;
            var row = StructureRows.Summary(summary, solutions);
            rows.Add(row);
            string name = Format.FileName(spec);
            string title = $"{spec}, n = {buyers}";
            var plots = new List<string> { context.SavePlot($"{name}.png", Chart(structure, path, solutions, title, double.NegativeInfinity)) };
            // Where the phase above U⁺ is a sliver of the frontier (heavy tails: U⁺/U* = 0.9998), a second plot zooms on it.
            if (ZoomStart(structure, path) is { } zoom)
                plots.Add(context.SavePlot($"{name}-near-u-star.png", Chart(structure, path, solutions, $"{title} (near U*)", zoom)));
            claims.Add(($"Footnote 4: {spec}, n = {buyers}",
                "Outside regular ∩ anti-MHR, anti-MHR and MHR the paper characterises nothing and conjectures that Pareto-optimal mechanisms may be significantly more complex (footnote 4).",
                $"{spec}, n = {buyers}; exact grid frontier, m = {grid}, bargaining solutions on it; gaps and reserves counted when removing them moves Π or U by more than 1e-9·OPT",
                $"{summary.Describe()} Before the significance filter: gaps at {row.WithGaps} vertices, {row.ReserveAndGaps} of them with a reserve point before q = 1. W/OPT: KS {Format.G(row.KalaiSmorodinsky)}, Nash {Format.G(row.Nash)}, cross-side Nash {Format.G(row.CrossSideNash)}.",
                plots));
        }
        context.WriteCsv("summary.csv", rows);
        string welfare = context.SavePlot("welfare-ratios.png", WelfareChart(rows));
        foreach (var (reference, statement, setting, measured, plots) in claims)
            context.Outside(reference, statement, setting, measured, [.. plots, welfare]);
    }

    /// <summary>Reserve and pooled mass along the frontier of one distribution from U/U* = <paramref name="from"/> on, with
    /// U⁺ and the bargaining solutions marked where they fall in that range.</summary>
    private static Chart Chart(FrontierStructure structure, MechanismPath path, BargainingSolutions solutions, string title, double from)
    {
        double uStar = structure.Problem.OptimalSurplus, monopoly = structure.Problem.Monopoly.Reserve;
        var shares = path.SurplusShares;
        // The vertex before the window too, so that the lines enter it.
        int first = Math.Max(0, Array.FindIndex(shares, x => x >= from) - 1);
        var shown = Enumerable.Range(first, path.Count - first).ToList();
        double[] x = [.. shown.Select(i => shares[i])];
        // Gaps of a few 1e-4 of the mass (capped tails) would lie flat on the axis: magnified by a power of ten, and said so.
        double largest = shown.Max(path.SignificantGapMass);
        int decades = largest is > 0 and < 0.05 ? (int)Math.Ceiling(Math.Log10(0.5 / largest)) : 0;
        double magnify = Math.Pow(10, decades);
        string massLegend = "pooled quantile mass of significant gaps" + (decades > 0 ? $" × 10^{decades}" : "");
        var chart = new Chart($"Outside the theory: {title}", "buyers' surplus U / U*", "reserve / monopoly reserve; pooled quantile mass")
            .With("reserve / monopoly reserve (significant reserves)", x, [.. shown.Select(i => path.EffectiveReserve(i) / monopoly)], SeriesStyle.LineAndMarkers)
            .With(massLegend, x, [.. shown.Select(i => magnify * path.SignificantGapMass(i))], SeriesStyle.LineAndMarkers);
        foreach (var (legend, u) in new[] { ("U⁺ (plain second-price auction)", structure.SecondPriceSurplus), ("Kalai–Smorodinsky", solutions.KalaiSmorodinsky.Surplus), ("Nash", solutions.Nash.Surplus) })
            if (u / uStar >= x[0]) chart = chart.WithVertical(legend, u / uStar);
        return from <= shares[0]
            ? chart with { YRange = (-0.02, 1.5), Legend = LegendCorner.UpperLeft }
            : chart with { XRange = (from, 1 + 0.02 * (1 - from)), Legend = LegendCorner.UpperLeft };
    }

    /// <summary>Where a zoom on the phase above U⁺ starts (U/U*), or null when that phase is no narrower than a tenth of
    /// the frontier (the full plot shows it) or has no significant gap.</summary>
    private static double? ZoomStart(FrontierStructure structure, MechanismPath path)
    {
        double uStar = structure.Problem.OptimalSurplus;
        double start = structure.Vertices[0].Surplus / uStar, plus = structure.SecondPriceSurplus / uStar;
        bool gapsAbove = Enumerable.Range(0, path.Count).Any(i => structure.Vertices[i].Surplus > structure.SecondPriceSurplus && path.HasSignificantGaps(i));
        return gapsAbove && 10 * (1 - plus) < 1 - start ? plus - 2 * (1 - plus) : null;
    }

    /// <summary>W/OPT of the three bargaining solutions per distribution (Theorem 4.1 (i)'s bound for KS, 1/2, is far
    /// below every value and is left out so that the differences show).</summary>
    private static Chart WelfareChart(List<StructureRow> rows)
    {
        double[] x = [.. Enumerable.Range(0, rows.Count).Select(i => (double)i)];
        double lowest = rows.Min(r => Math.Min(r.KalaiSmorodinsky, Math.Min(r.Nash, r.CrossSideNash)));
        return new Chart("Outside the theory: welfare of the bargaining solutions", "distribution and number of buyers", "welfare W / OPT")
            .With("Kalai–Smorodinsky", x, [.. rows.Select(r => r.KalaiSmorodinsky)], SeriesStyle.Markers)
            .With("Nash", x, [.. rows.Select(r => r.Nash)], SeriesStyle.Markers)
            .With("cross-side Nash", x, [.. rows.Select(r => r.CrossSideNash)], SeriesStyle.Markers) with
            {
                XCategories = [.. Markets.Select(m => $"{m.Short}\nn = {m.Buyers}")],
                XRange = (-0.6, rows.Count - 0.4),
                YRange = (lowest - 0.4 * (1 - lowest), 1 + 0.05 * (1 - lowest)),
                Legend = LegendCorner.LowerLeft,
            };
    }
}
