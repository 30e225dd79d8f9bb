using CsvHelper;
using OrSolver.Core.Distributions;
using OrSolver.Core.Welfare;
using OrSolver.Experiments.Analysis;
using OrSolver.Plots;

namespace OrSolver.Experiments.Experiments;

/// <summary>One cell of Table 1: the paper's asymptotic claim and what was measured.</summary>
/// <param name="Class">The distribution class (the table's row).</param>
/// <param name="Solution">KS, Nash or cross-side Nash (the table's column).</param>
/// <param name="Paper">The paper's entry.</param>
/// <param name="Measured">The measured W/OPT that stands for it.</param>
/// <param name="Where">Where it was measured.</param>
[CsvRecord]
public sealed partial record Table1Row(
    [property: CsvColumn("class")] string Class,
    [property: CsvColumn("solution")] string Solution,
    [property: CsvColumn("paper")] string Paper,
    [property: CsvColumn("measured")] double Measured,
    [property: CsvColumn("where")] string Where);

/// <summary>
/// Table 1: the asymptotic welfare guarantees (n → ∞) of the three bargaining solutions on three distribution classes,
/// with measured numbers next to each entry. General F: the lowest W/OPT over the seeded random markets (KS and
/// cross-side Nash held to 1/2, Theorems 4.1 (i), 5.3 (i); Nash has no constant guarantee, which the MHR row shows).
/// MHR worst case: Example 4.2 at the largest n, judged as Theorems 4.1 (iii), 5.1, 5.3 (iii) are (falling with n, under
/// the proofs' finite-n bounds). Regular ∩ anti-MHR: every ratio at or above its finite-n bound (n/(n+1), (n−1)/n), which
/// tends to 1; measured at n = 50 on four such F and on exponential(1) up to n = 10⁹.
/// </summary>
internal sealed class Table1 : Experiment
{
    public override string Id => "table1";

    public override string Title => "Table 1: asymptotic welfare of KS, Nash and cross-side Nash on general, MHR and regular ∩ anti-MHR F";

    private static readonly SolutionKind[] Solutions = [SolutionKind.KalaiSmorodinsky, SolutionKind.Nash, SolutionKind.CrossSideNash];

    public override void Run(ExperimentContext context)
    {
        var random = WelfareStudies.RandomInstances(context);
        var points = WelfareStudies.Example42Sweep(context);
        var far = WelfareStudies.FarChainBounds();
        long largest = context.Choose(10L, 50L);
        var regular = WelfareMeasurement.MeasureAll([.. WelfareStudies.RegularAntiMhr.Select(s => new MarketCase(s, largest))], context.Choose(300, 1000), refined: false, context);
        var exponential = WelfareMeasurement.MeasureAll([.. WelfareStudies.Example42Buyers(context).Select(n => new MarketCase("exponential(1)", n))],
            context.Choose(300, 1000), refined: false, context);
        var rows = new List<Table1Row>();

        var chart = new Chart("Table 1: welfare of the three solutions, Example 4.2 (MHR) and exponential (regular ∩ anti-MHR)", "buyers n", "welfare W / OPT") { LogX = true };
        // One colour per solution; Example 4.2 solid with markers, exponential dashed (its three ratios overlap near 1).
        string[] colours = ["#1f77b4", "#ff7f0e", "#2ca02c"];
        for (int i = 0; i < Solutions.Length; i++)
        {
            var solution = Solutions[i];
            chart = chart.With($"{solution.Name}, Example 4.2", [.. points.Select(p => (double)p.Measurement.Case.Buyers)], [.. points.Select(p => solution.Ratio(p.Measurement))],
                SeriesStyle.LineAndMarkers, colours[i]);
        }
        for (int i = 0; i < Solutions.Length; i++)
        {
            var solution = Solutions[i];
            chart = chart.With($"{solution.Name}, exponential(1) (≈ 1, overlapping)", [.. exponential.Select(m => (double)m.Case.Buyers)], [.. exponential.Select(solution.Ratio)],
                SeriesStyle.DashedLine, colours[i]);
        }
        string plot = context.SavePlot("table1.png", chart.WithHorizontal("1/2", 0.5) with { YRange = (0, 1.05), Legend = LegendCorner.LowerLeft });

        General(context, random, rows, plot);
        WorstCase(context, points, far, rows, plot);
        RegularAntiMhr(context, regular, exponential, rows, plot);
        context.WriteCsv("table1.csv", rows);
        context.WriteCsv("random-markets.csv", random.Select(m => m.Row(0.5, double.NaN, 0.5)));
        context.WriteCsv("example42.csv", points.Select(p => p.Row()));
        context.WriteCsv("regular-anti-mhr.csv", regular.Concat(exponential).Select(m => m.Row(Ks(m.Case.Buyers), Nash(m.Case.Buyers), Nash(m.Case.Buyers))));
    }

    private static double Ks(long n) => n / (n + 1.0);

    private static double Nash(long n) => (n - 1.0) / n;

    private static void General(ExperimentContext context, IReadOnlyList<WelfareMeasurement> random, List<Table1Row> rows, string plot)
    {
        const string row = "General";
        var ks = WelfareStudies.AtLeast(random.Select(m => (m.Case.ToString(), m.KalaiSmorodinsky, 0.5)));
        var crossSide = WelfareStudies.AtLeast(random.Select(m => (m.Case.ToString(), m.CrossSideNash, 0.5)));
        var nash = random.MinBy(m => m.Nash)!;
        rows.Add(new Table1Row(row, "KS", "≥ 1/2", ks.LowestRatio, ks.LowestWhere));
        rows.Add(new Table1Row(row, "Nash", "o(1)", nash.Nash, nash.Case.ToString()));
        rows.Add(new Table1Row(row, "cross-side Nash", "≥ 1/2", crossSide.LowestRatio, crossSide.LowestWhere));
        context.Theorem("Table 1: general F",
            "For any F, KS and cross-side Nash keep at least 1/2 of OPT; Nash has no constant guarantee (o(1)).",
            $"{random.Count} seeded random markets (seed {RandomMarkets.Seed}), n in 1..30, grid {random[0].Grid}",
            $"KS ≥ 1/2: lowest {Format.G(ks.LowestRatio)}; Nash o(1): lowest {Format.G(nash.Nash)} (no bound to meet; the MHR row shows it vanish); "
            + $"cross-side Nash ≥ 1/2: lowest {Format.G(crossSide.LowestRatio)}; {ks.Violations + crossSide.Violations} markets below 1/2.",
            ks.Holds && crossSide.Holds, plot);
    }

    private static void WorstCase(ExperimentContext context, IReadOnlyList<Example42Point> points, IReadOnlyList<ChainBoundRow> far, List<Table1Row> rows, string plot)
    {
        const string row = "MHR (worst case)";
        var last = points[^1];
        var m = last.Measurement;
        var problems = new List<string>();
        foreach (var (solution, floor, source) in new[] { (SolutionKind.KalaiSmorodinsky, 0.5, "Theorem 4.1 (i)"), (SolutionKind.Nash, 0.0, "W ≥ 0"), (SolutionKind.CrossSideNash, 0.5, "Theorem 5.3 (i)") })
            problems.AddRange(WelfareStudies.Example42Problems(points, p => solution.Ratio(p.Measurement), solution.Chain, floor, source).Select(p => $"{solution.Name}: {p}"));
        string where = $"example42, n = {Format.Buyers(m.Case.Buyers)}";
        rows.Add(new Table1Row(row, "KS", "≤ 1/2 + o(1)", m.KalaiSmorodinsky, where));
        rows.Add(new Table1Row(row, "Nash", "o(1)", m.Nash, where));
        rows.Add(new Table1Row(row, "cross-side Nash", "≤ 1/2 + o(1)", m.CrossSideNash, where));
        context.Asymptotic("Table 1: MHR (worst case)",
            "On Example 4.2 (MHR), as n → ∞: KS ≤ 1/2 + o(1), Nash o(1), cross-side Nash ≤ 1/2 + o(1) of OPT.",
            WelfareStudies.Example42Setting(points, far),
            $"At n = {Format.Buyers(m.Case.Buyers)} (K = {Format.G(last.Cap, 3)}): KS ≤ 1/2 + o(1): {Format.G(m.KalaiSmorodinsky, 3)}; Nash o(1): {Format.G(m.Nash, 3)}; "
            + $"cross-side Nash ≤ 1/2 + o(1): {Format.G(m.CrossSideNash, 3)}; the o(1) terms shrink like 1/K = 2/√(ln n). "
            + $"The proofs' finite-n bounds there: {Format.G(last.Chain.KalaiSmorodinsky, 3)}, {Format.G(last.Chain.Nash, 3)}, {Format.G(last.Chain.CrossSideNash, 3)}; "
            + $"at 10^{far[^1].Log10Buyers}: {Format.G(far[^1].KalaiSmorodinsky, 3)}, {Format.G(far[^1].Nash, 3)}, {Format.G(far[^1].CrossSideNash, 3)}. "
            + (problems.Count == 0 ? "All three fall with n and stay within them." : string.Join("; ", problems) + "."),
            problems.Count == 0, plot);
    }

    private static void RegularAntiMhr(ExperimentContext context, IReadOnlyList<WelfareMeasurement> regular, IReadOnlyList<WelfareMeasurement> exponential,
        List<Table1Row> rows, string plot)
    {
        const string row = "Regular ∩ anti-MHR";
        var all = regular.Concat(exponential).ToList();
        var ks = WelfareStudies.AtLeast(all.Select(m => (m.Case.ToString(), m.KalaiSmorodinsky, Ks(m.Case.Buyers))));
        var nash = WelfareStudies.AtLeast(all.Select(m => (m.Case.ToString(), m.Nash, Nash(m.Case.Buyers))));
        var crossSide = WelfareStudies.AtLeast(all.Select(m => (m.Case.ToString(), m.CrossSideNash, Nash(m.Case.Buyers))));
        var misclassified = all.Where(m => !m.Shape.Regular || !m.Shape.AntiMonotoneHazardRate).Select(m => m.Case.ToString()).Distinct().ToList();
        long n = regular[0].Case.Buyers;
        string where = $"lowest over {string.Join(", ", regular.Select(m => m.Case.Spec))} at n = {n}";
        double Lowest(SolutionKind s) => regular.Min(s.Ratio);
        rows.Add(new Table1Row(row, "KS", "1 − o(1)", Lowest(SolutionKind.KalaiSmorodinsky), where));
        rows.Add(new Table1Row(row, "Nash", "1 − o(1)", Lowest(SolutionKind.Nash), where));
        rows.Add(new Table1Row(row, "cross-side Nash", "1 − o(1)", Lowest(SolutionKind.CrossSideNash), where));
        var top = exponential[^1];
        context.Asymptotic("Table 1: regular ∩ anti-MHR",
            "For regular and anti-MHR F, KS, Nash and cross-side Nash all keep 1 − o(1) of OPT as n → ∞ (Theorems 4.1 (ii), 5.2, 5.3 (ii): ≥ n/(n+1), (n−1)/n, (n−1)/n).",
            $"{string.Join("; ", regular.Select(m => m.Case.Spec))} at n = {n}; exponential(1) at n = {string.Join(", ", exponential.Select(m => Format.Buyers(m.Case.Buyers)))}; grid {regular[0].Grid}",
            $"At n = {n} (lowest over the four F): KS {Format.G(Lowest(SolutionKind.KalaiSmorodinsky), 6)} (bound {Format.G(Ks(n), 3)}), Nash {Format.G(Lowest(SolutionKind.Nash), 6)}, "
            + $"cross-side Nash {Format.G(Lowest(SolutionKind.CrossSideNash), 6)} (bound {Format.G(Nash(n), 3)}); exponential(1) at n = {Format.Buyers(top.Case.Buyers)}: "
            + $"{Format.G(top.KalaiSmorodinsky, 6)}, {Format.G(top.Nash, 6)}, {Format.G(top.CrossSideNash, 6)}; "
            + $"{ks.Violations + nash.Violations + crossSide.Violations} of {3 * all.Count} ratios below their finite-n bound"
            + (misclassified.Count == 0 ? "." : $"; not regular and anti-MHR on the grid: {string.Join("; ", misclassified)}."),
            ks.Holds && nash.Holds && crossSide.Holds && misclassified.Count == 0, plot);
    }
}
