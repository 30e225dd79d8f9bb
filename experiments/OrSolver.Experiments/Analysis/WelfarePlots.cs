using OrSolver.Plots;

namespace OrSolver.Experiments.Analysis;

/// <summary>The welfare-ratio pictures Theorems 4.1, 5.1–5.3 and Table 1 share: one solution's W/OPT over random markets,
/// over n on regular ∩ anti-MHR markets, and over n on Example 4.2 (measured, and the proofs' bounds far beyond).</summary>
public static class WelfarePlots
{
    /// <summary>W/OPT of one solution on the random markets against n, regular and irregular F apart, with the bound.</summary>
    public static Chart RandomMarkets(string title, IReadOnlyList<WelfareMeasurement> measurements, Func<WelfareMeasurement, double> ratio,
        string solution, double bound, string boundLegend)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        var chart = new Chart(title, "buyers n", $"{solution} welfare W / OPT");
        foreach (bool regular in new[] { true, false })
        {
            var group = measurements.Where(m => m.Shape.Regular == regular).ToList();
            if (group.Count == 0) continue;
            chart = chart.With($"{solution}, {(regular ? "regular" : "irregular")} F ({group.Count})",
                [.. group.Select(m => (double)m.Case.Buyers)], [.. group.Select(ratio)], SeriesStyle.Markers);
        }
        double lowest = measurements.Min(ratio);
        return chart.WithHorizontal(boundLegend, bound) with { YRange = (Math.Min(bound, lowest) - 0.05, 1.02), Legend = LegendCorner.LowerRight };
    }

    /// <summary>W/OPT of one solution against n for each regular ∩ anti-MHR distribution, with the bound b(n) dashed.</summary>
    public static Chart BySize(string title, IReadOnlyList<WelfareMeasurement> measurements, Func<WelfareMeasurement, double> ratio,
        string solution, Func<long, double> bound, string boundLegend)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        ArgumentNullException.ThrowIfNull(bound);
        var chart = new Chart(title, "buyers n", $"{solution} welfare W / OPT");
        foreach (var group in measurements.GroupBy(m => m.Case.Spec))
        {
            var points = group.OrderBy(m => m.Case.Buyers).ToList();
            chart = chart.With(group.Key, [.. points.Select(m => (double)m.Case.Buyers)], [.. points.Select(ratio)], SeriesStyle.LineAndMarkers);
        }
        var sizes = measurements.Select(m => m.Case.Buyers).Distinct().Order().ToList();
        var dense = Enumerable.Range((int)sizes[0], (int)(sizes[^1] - sizes[0] + 1)).Select(n => (long)n).ToList();
        chart = chart.With(boundLegend, [.. dense.Select(n => (double)n)], [.. dense.Select(bound)], SeriesStyle.DashedLine);
        double low = Math.Min(dense.Min(bound), measurements.Min(ratio));
        return chart with { YRange = (Math.Max(0, low - 0.05), 1.02), Legend = LegendCorner.LowerRight };
    }

    /// <summary>Measured W/OPT on Example 4.2 against n (log axis, 10 to 10⁹) with extra curves and the limit.</summary>
    public static Chart Example42(string title, IReadOnlyList<Example42Point> points, IEnumerable<(string Legend, Func<Example42Point, double> Value, SeriesStyle Style)> series,
        string limitLegend, double limit)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(series);
        var chart = new Chart(title, "buyers n (K = √(ln n)/2)", "welfare W / OPT") { LogX = true };
        double[] sizes = [.. points.Select(p => (double)p.Measurement.Case.Buyers)];
        foreach (var (legend, value, style) in series) chart = chart.With(legend, sizes, [.. points.Select(value)], style);
        return chart.WithHorizontal(limitLegend, limit) with { YRange = (0, 1.02), Legend = LegendCorner.LowerLeft };
    }

    /// <summary>The proofs' finite-n bound on Example 4.2 out to n = 10³⁰⁰ (from the continuous landmarks), the measured
    /// W/OPT where a grid reaches (n ≤ 10⁹), and the limit. The bound is drawn where it says something (≤ 1.1).</summary>
    public static Chart FarBounds(string title, IReadOnlyList<ChainBoundRow> far, Func<ChainBoundRow, double> bound, IReadOnlyList<Example42Point> points,
        Func<Example42Point, double> measured, string solution, string limitLegend, double limit, IEnumerable<(string Legend, Func<ChainBoundRow, double> Value)>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(far);
        ArgumentNullException.ThrowIfNull(points);
        double[] sizes = [.. far.Select(r => Math.Pow(10, r.Log10Buyers))];
        var chart = new Chart(title, "buyers n", "welfare W / OPT") { LogX = true };
        chart = chart.With($"bound from the proof ({solution})", sizes, [.. far.Select(bound)], SeriesStyle.Line);
        foreach (var (legend, value) in extra ?? []) chart = chart.With(legend, sizes, [.. far.Select(value)], SeriesStyle.DashedLine);
        chart = chart.With($"{solution}, measured on the grid", [.. points.Select(p => (double)p.Measurement.Case.Buyers)], [.. points.Select(measured)], SeriesStyle.Markers);
        return chart.WithHorizontal(limitLegend, limit) with { YRange = (0, 1.1), Legend = LegendCorner.LowerLeft };
    }
}
