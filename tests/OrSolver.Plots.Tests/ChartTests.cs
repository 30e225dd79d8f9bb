using OrSolver.Plots;
using SkiaSharp;

namespace OrSolver.Plots.Tests;

/// <summary>
/// ScottPlot draws text only where it finds a font (README, Set up and run): a chart must come out as a PNG whose title, axis labels and
/// legend are actually drawn. Measured by pixels: the same chart with and without its text differs in many pixels, and
/// the bold title differs from a regular one.
/// </summary>
public class ChartTests
{
    private static readonly double[] Xs = [0, 1, 2, 3];
    private static readonly double[] Ys = [0, 1, 4, 9];

    private static SKBitmap Render(Chart chart, string name)
    {
        string path = Path.Combine(Path.GetTempPath(), $"orsolver-chart-{name}-{Environment.ProcessId}.png");
        chart.Save(path, 600, 400);
        byte[] bytes = File.ReadAllBytes(path);
        File.Delete(path);
        Assert.True(bytes.Length > 8 && bytes[1] == (byte)'P' && bytes[2] == (byte)'N' && bytes[3] == (byte)'G', "not a PNG");
        return SKBitmap.Decode(bytes);
    }

    private static int DifferentPixels(SKBitmap a, SKBitmap b)
    {
        Assert.Equal(a.Width, b.Width);
        Assert.Equal(a.Height, b.Height);
        int count = 0;
        for (int y = 0; y < a.Height; y++)
            for (int x = 0; x < a.Width; x++)
                if (a.GetPixel(x, y) != b.GetPixel(x, y)) count++;
        return count;
    }

    [Fact]
    public void Fonts_are_found()
    {
        Assert.NotNull(PlotFonts.Locate());
        PlotFonts.Register();
    }

    [Fact]
    public void Title_axis_labels_and_legend_are_drawn_as_text()
    {
        var withText = new Chart("A title with words", "an x label", "a y label").With("a legend entry", Xs, Ys);
        var withoutText = new Chart("", "", "").With("", Xs, Ys);
        using var a = Render(withText, "text");
        using var b = Render(withoutText, "blank");
        // Each glyph of DejaVu Sans at ScottPlot's sizes covers tens of pixels; 60 characters of text cover well over 1000.
        Assert.True(DifferentPixels(a, b) > 1000, "the text left too few pixels: are fonts registered?");
    }

    [Fact]
    public void A_chart_is_not_an_empty_image()
    {
        using var image = Render(new Chart("t", "x", "y").With("s", Xs, Ys), "nonempty");
        var background = image.GetPixel(0, 0);
        int drawn = 0;
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
                if (image.GetPixel(x, y) != background) drawn++;
        Assert.True(drawn > 2000, $"only {drawn} pixels drawn");
    }

    [Fact]
    public void Log_axis_skips_non_positive_abscissae_and_svg_is_written()
    {
        var chart = new Chart("log", "n", "ratio") { LogX = true }.With("r", [0, 10, 100, 1000], [1, 0.9, 0.8, 0.7]);
        string path = Path.Combine(Path.GetTempPath(), $"orsolver-chart-log-{Environment.ProcessId}.svg");
        chart.Save(path);
        string svg = File.ReadAllText(path);
        File.Delete(path);
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
        Assert.Contains("ratio", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_picture_format_is_bad_input()
    {
        var chart = new Chart("t", "x", "y").With("s", Xs, Ys);
        Assert.Throws<OrSolver.Core.InputException>(() => chart.Save(Path.Combine(Path.GetTempPath(), "x.jpg")));
    }

    /// <summary>Pixels within 40 per channel of <paramref name="colour"/> (antialiasing blends a line's edges).</summary>
    private static int Near(SKBitmap image, SKColor colour)
    {
        int count = 0;
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
            {
                var p = image.GetPixel(x, y);
                if (Math.Abs(p.Red - colour.Red) <= 40 && Math.Abs(p.Green - colour.Green) <= 40 && Math.Abs(p.Blue - colour.Blue) <= 40) count++;
            }
        return count;
    }

    [Fact]
    public void A_fixed_colour_is_drawn_and_the_palette_order_is_kept()
    {
        var blue = new SKColor(0, 0, 0xff);
        using var fixedColour = Render(new Chart("t", "x", "y").With("fixed", Xs, Ys, SeriesStyle.Line, "#0000ff"), "fixed-colour");
        using var palette = Render(new Chart("t", "x", "y").With("palette", Xs, Ys, SeriesStyle.Line), "palette-colour");
        // A 2-pixel line over a few hundred pixels, and the legend's sample, are blue; no palette colour is near it.
        Assert.True(Near(fixedColour, blue) > 200, "the fixed colour is not drawn");
        Assert.Equal(0, Near(palette, blue));
        // Category10's second colour (#ff7f0e) goes to the series after a fixed-colour one, as it would after any series.
        using var second = Render(new Chart("t", "x", "y").With("fixed", Xs, Ys, SeriesStyle.Line, "#0000ff").With("next", Xs, [.. Ys.Select(y => y / 2)]), "next-colour");
        Assert.True(Near(second, new SKColor(0xff, 0x7f, 0x0e)) > 200, "the next series lost its palette colour");
    }

    /// <summary>Pixels exactly within <paramref name="slack"/> per channel of <paramref name="colour"/>, counted separately in
    /// the left and the right half of the image.</summary>
    private static (int Left, int Right) Halves(SKBitmap image, SKColor colour, int slack)
    {
        int left = 0, right = 0;
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
            {
                var p = image.GetPixel(x, y);
                if (Math.Abs(p.Red - colour.Red) > slack || Math.Abs(p.Green - colour.Green) > slack || Math.Abs(p.Blue - colour.Blue) > slack) continue;
                if (x < image.Width / 2) left++; else right++;
            }
        return (left, right);
    }

    [Fact]
    public void Shaded_cells_fill_their_rectangle_with_the_shade_blended_over_white()
    {
        // Two cells side by side, full and half shade, over the left part of a fixed [0, 4] × [0, 1] frame; the right part
        // stays empty. A shade s of Category10's first colour (#1f77b4) over white is 255 − s·(255 − c) per channel.
        var cells = new[] { new ShadedCell(0, 1, 0, 1, 1), new ShadedCell(1, 1.8, 0, 1, 0.5) };
        var chart = new Chart("", "", "") { XRange = (0, 4), YRange = (0, 1) }.WithCells("", cells);
        using var image = Render(chart, "cells");
        var full = new SKColor(0x1f, 0x77, 0xb4);
        static byte Half(byte c) => (byte)Math.Round(255 - 0.5 * (255 - c));
        var half = new SKColor(Half(0x1f), Half(0x77), Half(0xb4));
        var (fullLeft, fullRight) = Halves(image, full, 2);
        var (halfLeft, halfRight) = Halves(image, half, 3);
        // Each cell covers about a quarter (full) and a fifth (half) of the data area's width, its whole height: at 600×400
        // with margins, well over 10,000 pixels; none of either colour lies in the right half.
        Assert.True(fullLeft > 10_000, $"full-shade cell: {fullLeft} pixels");
        Assert.True(halfLeft > 10_000, $"half-shade cell: {halfLeft} pixels");
        Assert.Equal((0, 0), (fullRight, halfRight));
    }

    [Fact]
    public void A_shade_outside_zero_to_one_or_an_inverted_cell_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ShadedCell(0, 1, 0, 1, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ShadedCell(1, 0, 0, 1, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ShadedCell(0, 1, 1, 0, 0.5));
    }
}
