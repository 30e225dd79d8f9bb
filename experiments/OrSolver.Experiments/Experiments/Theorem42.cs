using System.Globalization;
using OrSolver.Core.Welfare;
using OrSolver.Experiments.Analysis;
using OrSolver.Plots;

namespace OrSolver.Experiments.Experiments;

/// <summary>
/// Theorem 4.2 and Figure 2: with m identical units and n ≥ m unit-demand buyers with MHR values, the KS solution keeps at
/// least Ψ(m/n) of OPT (the sum of the top m values; method.md §9.3). Measured on MHR distributions for every m = 1..n; the
/// verdict holds each ratio to Ψ(m/n) up to <see cref="Core.Numerics.Tolerances.GridWelfareRatio"/> (the proof goes
/// through Bulow–Klemperer and Myerson's welfare, which a grid meets only to its O(h²)). Figure 2 is redrawn with the
/// measured points over it, and the paper's remark that welfare should peak at intermediate supply is reported as an
/// exploration (the paper predicts it, it does not prove it).
/// </summary>
internal sealed class Theorem42 : Experiment
{
    /// <summary>MHR distributions: uniform, exponential (the MHR boundary, where Lemma C.6 is tight), Weibull(2) and
    /// Example 4.2 for n = 20 (the single-unit worst case).</summary>
    private static readonly string[] Distributions = ["uniform(0, 1)", "exponential(1)", "weibull(2)", "example42(20)"];

    private const string Grey = "#8c8c8c", Black = "#000000";

    public override string Id => "thm4.2";

    public override string Title => "Multi-unit KS welfare against Ψ(m/n) for MHR values (Theorem 4.2, Figure 2)";

    public override void Run(ExperimentContext context)
    {
        int buyers = context.Choose(8, 20);
        var units = context.Choose<IReadOnlyList<int>>([1, 2, 4, 8], [.. Enumerable.Range(1, buyers)]);
        var specs = context.Choose(Distributions.Take(2).ToList(), [.. Distributions]);
        var markets = specs.SelectMany(spec => units.Select(m => new MarketCase(spec, buyers, m))).ToList();
        var measured = WelfareMeasurement.MeasureAll(markets, context.Choose(300, 1000), refined: false, context);
        static double Tau(WelfareMeasurement m) => (double)m.Case.Units / m.Case.Buyers;
        context.WriteCsv("multi-unit.csv", measured.Select(m => m.Row(SupplyBound.Psi(Tau(m)), double.NaN, double.NaN)));

        var taus = Enumerable.Range(1, 200).Select(i => i / 200.0).ToList();
        var chart = new Chart($"Theorem 4.2 / Figure 2: KS welfare with m units, n = {buyers} MHR buyers", "supply ratio τ = m/n", "KS welfare W / OPT")
            .With("(2 − ln τ)/(2 − 2 ln τ)", taus, [.. taus.Select(SupplyBound.LotteryCase)], SeriesStyle.DashedLine, Grey)
            .With("(e − 1)/e + 1/(e + e²τ)", taus, [.. taus.Select(SupplyBound.MyersonCase)], SeriesStyle.Line, Grey)
            .With("Ψ(τ)", taus, [.. taus.Select(SupplyBound.Psi)], SeriesStyle.Line, Black);
        foreach (var group in measured.GroupBy(m => m.Case.Spec))
            chart = chart.With($"KS, {group.Key}", [.. group.Select(Tau)], [.. group.Select(m => m.KalaiSmorodinsky)], SeriesStyle.Markers);
        string plot = context.SavePlot("figure2.png", chart with { YRange = (0.45, 1.02), Legend = LegendCorner.LowerRight });

        var check = WelfareStudies.AtLeast(measured.Select(m => ($"{m.Case.Spec}, n = {m.Case.Buyers}, m = {m.Case.Units}", m.KalaiSmorodinsky, SupplyBound.Psi(Tau(m)))));
        var notMhr = measured.Where(m => !m.Shape.MonotoneHazardRate).Select(m => m.Case.Spec).Distinct().ToList();
        context.Theorem("Theorem 4.2",
            "With m units and n ≥ m unit-demand buyers with i.i.d. MHR values, the KS solution's welfare is at least Ψ(m/n) of OPT.",
            $"{string.Join("; ", specs)}; n = {buyers}, m = {string.Join(", ", units.Select(m => m.ToString(CultureInfo.InvariantCulture)))}; grid {measured[0].Grid}; tolerance {Core.Numerics.Tolerances.GridWelfareRatio.Absolute:G2}",
            $"{check.Describe("KS")}; {(notMhr.Count == 0 ? "every F MHR on the grid" : $"not MHR on the grid: {string.Join(", ", notMhr)}")}.",
            check.Holds && notMhr.Count == 0, plot);

        PsiShape(context, plot);
        SupplyShape(context, measured, plot);
    }

    /// <summary>The paper's remark on Ψ: above 1/2 on all of (0, 1], rising then falling. Checked on a fine log grid of τ.</summary>
    private static void PsiShape(ExperimentContext context, string plot)
    {
        var taus = Enumerable.Range(0, 6001).Select(i => Math.Pow(10, -6 + i / 1000.0)).ToList();
        var psi = taus.Select(SupplyBound.Psi).ToList();
        int peak = psi.IndexOf(psi.Max());
        bool rises = Enumerable.Range(1, peak).All(i => psi[i] >= psi[i - 1]);
        bool falls = Enumerable.Range(peak + 1, psi.Count - peak - 1).All(i => psi[i] <= psi[i - 1]);
        double lowest = psi.Min();
        context.Theorem("Figure 2 (Ψ)",
            "Ψ(τ) > 1/2 for every τ ∈ (0, 1], and it first increases then decreases in τ.",
            "Ψ evaluated at 6001 points τ = 10^-6 … 1, evenly spaced in log τ",
            $"lowest Ψ {Format.G(lowest, 6)} at τ = 10^-6 (it tends to 1/2 only as τ → 0: the first part is 1/2 + 1/(2 − 2 ln τ)); "
            + $"peak {Format.G(psi[peak], 4)} at τ = {Format.G(taus[peak], 3)} where the two parts cross; Ψ(1) = {Format.G(psi[^1], 4)}; "
            + $"{(rises && falls ? "rising before the peak and falling after it" : "not single-peaked")}.",
            lowest > 0.5 && rises && falls, plot);
    }

    /// <summary>Where the measured KS welfare peaks in τ, per distribution: the paper expects an interior peak.</summary>
    private static void SupplyShape(ExperimentContext context, IReadOnlyList<WelfareMeasurement> measured, string plot)
    {
        var parts = new List<string>();
        foreach (var group in measured.GroupBy(m => m.Case.Spec))
        {
            var points = group.OrderBy(m => m.Case.Units).ToList();
            var best = points.MaxBy(m => m.KalaiSmorodinsky)!;
            var ratios = points.Select(m => m.KalaiSmorodinsky).ToList();
            bool rising = WelfareStudies.Rises([.. ratios.Select(r => -r)]).Count == 0, falling = WelfareStudies.Rises(ratios).Count == 0;
            string shape = rising ? "rising in m" : falling ? "falling in m"
                : best.Case.Units != points[0].Case.Units && best.Case.Units != points[^1].Case.Units ? "not monotone: an interior peak" : "not monotone";
            parts.Add($"{group.Key}: {Format.G(ratios[0])} at m = {points[0].Case.Units}, {Format.G(ratios[^1])} at m = {points[^1].Case.Units}, "
                + $"highest {Format.G(best.KalaiSmorodinsky)} at m = {best.Case.Units} ({shape})");
        }
        context.Outside("Section 4, after Theorem 4.2",
            "The paper expects KS welfare to peak at intermediate supply τ (seller dominant when τ is small, buyers when τ is near 1), without proving it.",
            $"as for Theorem 4.2 (n = {measured[0].Case.Buyers})",
            string.Join("; ", parts) + ".",
            plot);
    }
}
