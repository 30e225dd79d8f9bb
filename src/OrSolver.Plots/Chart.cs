using System.Globalization;
using OrSolver.Core;
using ScottPlot;

namespace OrSolver.Plots;

/// <summary>How a series is drawn.</summary>
public enum SeriesStyle
{
    /// <summary>A solid line through the points.</summary>
    Line,
    /// <summary>A dashed line through the points (bounds and reference curves).</summary>
    DashedLine,
    /// <summary>Markers only (measured points).</summary>
    Markers,
    /// <summary>A line with a marker on every point.</summary>
    LineAndMarkers,
}

/// <summary>Which corner of the data area holds the legend.</summary>
public enum LegendCorner
{
    /// <summary>Upper right.</summary>
    UpperRight,
    /// <summary>Upper left.</summary>
    UpperLeft,
    /// <summary>Lower right.</summary>
    LowerRight,
    /// <summary>Lower left.</summary>
    LowerLeft,
}

/// <summary>One named series of (x, y) points.</summary>
/// <param name="Legend">Its legend entry.</param>
/// <param name="X">Abscissae (on a log axis: the values themselves, not their logarithms).</param>
/// <param name="Y">Ordinates, one per abscissa; non-finite points are skipped.</param>
/// <param name="Style">How it is drawn.</param>
public sealed record ChartSeries(string Legend, IReadOnlyList<double> X, IReadOnlyList<double> Y, SeriesStyle Style)
{
    /// <summary>A fixed colour as a hex code (e.g. <c>#808080</c>), or null for the next colour of the palette.</summary>
    public string? Colour { get; init; }
}

/// <summary>A horizontal or vertical reference line with a legend entry (a bound, a threshold such as U⁺).</summary>
/// <param name="Legend">Its legend entry.</param>
/// <param name="Position">Where it is: a y for a horizontal line, an x for a vertical one.</param>
/// <param name="Vertical">Whether it is vertical.</param>
public sealed record ReferenceLine(string Legend, double Position, bool Vertical);

/// <summary>A shaded vertical band x ∈ [From, To] (pooled intervals of an allocation).</summary>
/// <param name="Legend">Its legend entry (bands with the same legend share one entry).</param>
/// <param name="From">Left end.</param>
/// <param name="To">Right end.</param>
public sealed record ShadedBand(string Legend, double From, double To);

/// <summary>A rectangle [Left, Right] × [Bottom, Top] shaded by <see cref="Shade"/> (a region of a plane: where a mechanism
/// trades, with its probability).</summary>
/// <param name="Left">Left edge (x).</param>
/// <param name="Right">Right edge (x). Range: ≥ Left.</param>
/// <param name="Bottom">Lower edge (y).</param>
/// <param name="Top">Upper edge (y). Range: ≥ Bottom.</param>
/// <param name="Shade">How dark: 0 leaves the background, 1 is the full colour. Range: [0, 1].</param>
public sealed record ShadedCell(double Left, double Right, double Bottom, double Top, double Shade)
{
    /// <summary>The right edge (see the record's parameter).</summary>
    public double Right { get; } = Right >= Left ? Right : throw new ArgumentOutOfRangeException(nameof(Right), Right, $"the right edge lies left of {Left}");

    /// <summary>The upper edge (see the record's parameter).</summary>
    public double Top { get; } = Top >= Bottom ? Top : throw new ArgumentOutOfRangeException(nameof(Top), Top, $"the upper edge lies below {Bottom}");

    /// <summary>The shade (see the record's parameter).</summary>
    public double Shade { get; } = Shade is >= 0 and <= 1 ? Shade : throw new ArgumentOutOfRangeException(nameof(Shade), Shade, "a shade lies in [0, 1]");
}

/// <summary>
/// A two-axis line chart, described as data and rendered by ScottPlot to PNG or SVG: every picture OrSolver draws has a
/// bold title, labelled axes and a legend. Immutable: the builder methods return a new chart.
/// </summary>
public sealed record Chart(string Title, string XLabel, string YLabel)
{
    /// <summary>Default picture size in pixels.</summary>
    public const int DefaultWidth = 900, DefaultHeight = 560;

    /// <summary>The series, drawn in order.</summary>
    public IReadOnlyList<ChartSeries> Series { get; init; } = [];

    /// <summary>Reference lines.</summary>
    public IReadOnlyList<ReferenceLine> References { get; init; } = [];

    /// <summary>Shaded vertical bands, drawn under the series.</summary>
    public IReadOnlyList<ShadedBand> Bands { get; init; } = [];

    /// <summary>Whether the x axis is logarithmic (base 10); every x must then be positive.</summary>
    public bool LogX { get; init; }

    /// <summary>Fixed y range, or null for automatic.</summary>
    public (double Low, double High)? YRange { get; init; }

    /// <summary>Fixed x range (in data units; on a log axis, the values themselves), or null for automatic.</summary>
    public (double Low, double High)? XRange { get; init; }

    /// <summary>Where the legend goes (pick the corner the data leave empty).</summary>
    public LegendCorner Legend { get; init; } = LegendCorner.UpperRight;

    /// <summary>Category labels for the x axis at x = 0, 1, 2, …, or null for numeric ticks.</summary>
    public IReadOnlyList<string>? XCategories { get; init; }

    /// <summary>Category labels for the y axis at y = 0, 1, 2, …, or null for numeric ticks.</summary>
    public IReadOnlyList<string>? YCategories { get; init; }

    /// <summary>Adds a series.</summary>
    public Chart With(string legend, IReadOnlyList<double> x, IReadOnlyList<double> y, SeriesStyle style = SeriesStyle.Line)
    {
        if (x.Count != y.Count) throw new ArgumentException($"series '{legend}' has {x.Count} x and {y.Count} y values");
        return this with { Series = [.. Series, new ChartSeries(legend, x, y, style)] };
    }

    /// <summary>Adds a series in a fixed colour (a hex code such as <c>#808080</c>), e.g. to match a figure of the paper.</summary>
    public Chart With(string legend, IReadOnlyList<double> x, IReadOnlyList<double> y, SeriesStyle style, string colour)
    {
        var chart = With(legend, x, y, style);
        return chart with { Series = [.. Series, chart.Series[^1] with { Colour = colour }] };
    }

    /// <summary>Adds a horizontal reference line y = <paramref name="y"/>.</summary>
    public Chart WithHorizontal(string legend, double y) => this with { References = [.. References, new ReferenceLine(legend, y, false)] };

    /// <summary>Adds a vertical reference line x = <paramref name="x"/>.</summary>
    public Chart WithVertical(string legend, double x) => this with { References = [.. References, new ReferenceLine(legend, x, true)] };

    /// <summary>Shaded rectangles drawn under everything else, with one legend entry (<see cref="CellsLegend"/>).</summary>
    public IReadOnlyList<ShadedCell> Cells { get; init; } = [];

    /// <summary>The legend entry of <see cref="Cells"/>; empty for none.</summary>
    public string CellsLegend { get; init; } = "";

    /// <summary>Adds shaded rectangles (a region of the plane) with one legend entry; cells of shade 0 are not drawn.</summary>
    public Chart WithCells(string legend, IEnumerable<ShadedCell> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        return this with { Cells = [.. Cells, .. cells], CellsLegend = legend };
    }

    /// <summary>Adds a shaded vertical band over x ∈ [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public Chart WithBand(string legend, double from, double to) => this with { Bands = [.. Bands, new ShadedBand(legend, from, to)] };

    /// <summary>Writes the chart to <paramref name="path"/>: PNG for <c>.png</c>, SVG for <c>.svg</c>.</summary>
    public void Save(string path, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(path);
        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".png" or ".svg")) throw new InputException($"a plot is written as .png or .svg, not '{extension}' ({path})");
        var plot = Render(vector: extension == ".svg");
        if (extension == ".png") plot.SavePng(path, width, height);
        else plot.SaveSvg(path, width, height);
    }

    /// <summary>Builds the ScottPlot figure (fonts registered, title bold, legend shown).</summary>
    /// <param name="vector">For SVG: SkiaSharp's SVG canvas has no dash effects (it prints "Unsupported path effect" and
    /// draws nothing), so dashed and dotted lines become thinner, lighter solid lines.</param>
    public Plot Render(bool vector = false)
    {
        PlotFonts.Register();
        var plot = new Plot();
        plot.Font.Set(PlotFonts.Family);
        plot.Title(Title);
        plot.Axes.Title.Label.Bold = true;
        plot.XLabel(XLabel);
        plot.YLabel(YLabel);
        var palette = new ScottPlot.Palettes.Category10();
        int colour = 0;
        var bandColour = palette.GetColor(7).WithAlpha(0.15);
        var labelled = new HashSet<string>();
        foreach (var band in Bands)
        {
            double from = LogX ? Math.Log10(band.From) : band.From, to = LogX ? Math.Log10(band.To) : band.To;
            var span = plot.Add.HorizontalSpan(from, to);
            span.FillStyle.Color = bandColour;
            span.LineStyle.Width = 0;
            // One legend entry per label, however many bands carry it.
            if (labelled.Add(band.Legend)) span.LegendText = band.Legend;
        }
        var cellColour = palette.GetColor(0);
        bool cellLabelled = false;
        foreach (var cell in Cells.Where(c => c.Shade > 0))
        {
            var rectangle = plot.Add.Rectangle(cell.Left, cell.Right, cell.Bottom, cell.Top);
            rectangle.FillStyle.Color = cellColour.WithAlpha(cell.Shade);
            rectangle.LineStyle.Width = 0;
            if (!cellLabelled && CellsLegend.Length > 0)
            {
                rectangle.LegendText = CellsLegend;
                cellLabelled = true;
            }
        }
        if (Cells.Count > 0) colour++;
        MarkerShape[] shapes = [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond,
            MarkerShape.OpenCircle, MarkerShape.OpenSquare, MarkerShape.Cross, MarkerShape.OpenTriangleUp, MarkerShape.Eks];
        int markers = 0;
        foreach (var series in Series)
        {
            var (xs, ys) = Finite(series);
            var scatter = plot.Add.Scatter(xs, ys);
            scatter.LegendText = series.Legend;
            // A fixed colour still takes its turn in the palette, so later series and reference lines keep theirs.
            var next = palette.GetColor(colour++);
            scatter.Color = series.Colour is { } fixedColour ? Color.FromHex(fixedColour) : next;
            scatter.LineWidth = series.Style is SeriesStyle.Markers ? 0 : 2;
            scatter.MarkerSize = series.Style is SeriesStyle.Markers or SeriesStyle.LineAndMarkers ? 9 : 0;
            // Distinct shapes, so that coinciding points (SPA = buyer-optimal for exponential) stay visible.
            if (series.Style is SeriesStyle.Markers or SeriesStyle.LineAndMarkers) scatter.MarkerShape = shapes[markers++ % shapes.Length];
            if (series.Style == SeriesStyle.DashedLine)
            {
                if (vector) scatter.Color = scatter.Color.WithAlpha(0.6);
                else scatter.LinePattern = LinePattern.Dashed;
            }
        }
        foreach (var reference in References)
        {
            double at = reference.Vertical && LogX ? Math.Log10(reference.Position) : reference.Position;
            var line = reference.Vertical ? (ScottPlot.Plottables.AxisLine)plot.Add.VerticalLine(at) : plot.Add.HorizontalLine(at);
            line.LegendText = reference.Legend;
            line.Color = palette.GetColor(colour++);
            line.LineWidth = vector ? 1 : 2;
            if (!vector) line.LinePattern = LinePattern.Dotted;
        }
        if (LogX) LogTicks(plot);
        if (XCategories is { } xCategories) plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, xCategories.Count).Select(i => (double)i)], [.. xCategories]);
        if (YCategories is { } yCategories) plot.Axes.Left.SetTicks([.. Enumerable.Range(0, yCategories.Count).Select(i => (double)i)], [.. yCategories]);
        plot.Axes.AutoScale();
        if (Bands.Count > 0 && Series.Count > 0)
        {
            // Spans are infinite in y: scale to the series only.
            var ys = Series.SelectMany(x => x.Y).Where(double.IsFinite).ToList();
            if (ys.Count > 0)
            {
                double low = ys.Min(), high = ys.Max(), pad = 0.05 * Math.Max(high - low, 1e-12);
                plot.Axes.SetLimitsY(low - pad, high + pad);
            }
        }
        if (YRange is { } range) plot.Axes.SetLimitsY(range.Low, range.High);
        if (XRange is { } xRange) plot.Axes.SetLimitsX(LogX ? Math.Log10(xRange.Low) : xRange.Low, LogX ? Math.Log10(xRange.High) : xRange.High);
        plot.ShowLegend(Legend switch
        {
            LegendCorner.UpperLeft => Alignment.UpperLeft,
            LegendCorner.LowerRight => Alignment.LowerRight,
            LegendCorner.LowerLeft => Alignment.LowerLeft,
            _ => Alignment.UpperRight,
        });
        return plot;
    }

    private (double[] X, double[] Y) Finite(ChartSeries series)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        for (int i = 0; i < series.X.Count; i++)
        {
            double x = series.X[i], y = series.Y[i];
            if (!double.IsFinite(x) || !double.IsFinite(y) || (LogX && x <= 0)) continue;
            xs.Add(LogX ? Math.Log10(x) : x);
            ys.Add(y);
        }
        return ([.. xs], [.. ys]);
    }

    // ScottPlot 5 draws a log axis as log10 of the data with log-spaced minor ticks and 10^k labels.
    private static void LogTicks(Plot plot)
    {
        var ticks = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = exponent => PowerOfTen(exponent),
        };
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Grid.XAxisStyle.MinorLineStyle.Width = 0.5f;
    }

    private static string PowerOfTen(double exponent)
    {
        int k = (int)Math.Round(exponent);
        return k switch
        {
            0 => "1",
            1 => "10",
            _ => "10^" + k.ToString(CultureInfo.InvariantCulture),
        };
    }
}
