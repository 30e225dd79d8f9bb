using OrSolver.Plots;
using SkiaSharp;

namespace OrSolver.Plots.Tests;

/// <summary>A series given a fixed colour (to match a figure of the paper) is drawn in that colour, and the series after it
/// keep the palette colours they would have had.</summary>
public class ChartColourTests
{
    private static readonly double[] Xs = [0, 1, 2, 3];
    private static readonly double[] Ys = [0, 1, 4, 9];

    /// <summary>Pixels within 40 per channel of <paramref name="colour"/> (antialiasing blends a line's edges).</summary>
    private static int Count(Chart chart, SKColor colour)
    {
        string path = Path.Combine(Path.GetTempPath(), $"orsolver-chart-colour-{Guid.NewGuid():N}.png");
        chart.Save(path, 600, 400);
        using var image = SKBitmap.Decode(File.ReadAllBytes(path));
        File.Delete(path);
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
        var pure = new SKColor(0, 0, 0xff);
        var fixedColour = new Chart("t", "x", "y").With("fixed", Xs, Ys, SeriesStyle.Line, "#0000ff");
        var palette = new Chart("t", "x", "y").With("palette", Xs, Ys, SeriesStyle.Line);
        // A 2-pixel line over a few hundred pixels, and the legend's sample, are blue; no palette colour is near it.
        Assert.True(Count(fixedColour, pure) > 200, "the fixed colour is not drawn");
        Assert.Equal(0, Count(palette, pure));
        // Category10's second colour (#ff7f0e) goes to the series after a fixed-colour one, as it would after any series.
        var orange = new SKColor(0xff, 0x7f, 0x0e);
        var second = new Chart("t", "x", "y").With("fixed", Xs, Ys, SeriesStyle.Line, "#0000ff").With("next", Xs, [.. Ys.Select(y => y / 2)]);
        Assert.True(Count(second, orange) > 200, "the next series lost its palette colour");
    }
}
