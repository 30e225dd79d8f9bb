namespace OrSolver.Cli.Tests;

/// <summary><c>--plot</c> (README, Commands) on frontier, solve and bargain draws PNG and SVG pictures next to the data, with
/// their labels as text, and a failed command draws nothing.</summary>
public class PlotTests
{
    private static void AssertPicture(string directory, string name, params string[] texts)
    {
        byte[] png = File.ReadAllBytes(Path.Combine(directory, name + ".png"));
        Assert.True(png.Length > 10_000 && png[1] == (byte)'P' && png[2] == (byte)'N' && png[3] == (byte)'G', $"{name}.png: not a drawn PNG ({png.Length} bytes)");
        string svg = File.ReadAllText(Path.Combine(directory, name + ".svg"));
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
        // SkiaSharp's SVG canvas writes text as <text> elements: the labels must be there.
        foreach (string text in texts) Assert.Contains(text, svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Frontier_plot_is_written_next_to_the_csv()
    {
        using var directory = new TemporaryDirectory(create: false);
        Cli.RunOk("frontier", "--dist", "exponential(1)", "--buyers", "3", "--grid", "400", "--method", "hull", "--points", "5",
            "--format", "csv", "--out", directory.Path, "--plot");
        Assert.Equal(["frontier.csv", "frontier.png", "frontier.svg"], directory.Entries);
        AssertPicture(directory.Path, "frontier", "buyers", "revenue", "Myerson", "Kalai");
    }

    [Fact]
    public void Solve_plot_draws_the_allocation_and_the_mixed_curve()
    {
        using var directory = new TemporaryDirectory(create: false);
        Cli.RunOk("solve", "--dist", "weibull(0.5)", "--buyers", "3", "--surplus", "2.5", "--grid", "400", "--format", "json", "--out", directory.Path, "--plot");
        Assert.Equal(["allocation.png", "allocation.svg", "mixed-curve.png", "mixed-curve.svg", "solve.json"], directory.Entries);
        AssertPicture(directory.Path, "allocation", "quantile", "allocation");
        AssertPicture(directory.Path, "mixed-curve", "hull");
    }

    [Fact]
    public void Bargain_plot_marks_the_three_solutions_and_draws_the_ks_auction()
    {
        using var directory = new TemporaryDirectory(create: false);
        Cli.RunOk("bargain", "--dist", "uniform(0,1)", "--buyers", "2", "--grid", "400", "--format", "json", "--out", directory.Path, "--plot");
        Assert.Equal(["allocation-ks.png", "allocation-ks.svg", "bargain.json", "frontier.png", "frontier.svg"], directory.Entries);
        AssertPicture(directory.Path, "frontier", "Kalai", "Nash", "cross-side Nash");
        AssertPicture(directory.Path, "allocation-ks", "Kalai");
    }

    [Fact]
    public void Table_output_says_where_the_plots_are()
    {
        using var directory = new TemporaryDirectory(create: false);
        var result = Cli.RunOk("frontier", "--dist", "exponential(1)", "--buyers", "2", "--grid", "400", "--method", "hull", "--points", "3", "--out", directory.Path, "--plot");
        Assert.Contains(Path.Combine(directory.Path, "frontier.png"), result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Failed_command_with_plot_draws_nothing()
    {
        using var directory = new TemporaryDirectory(create: false);
        var result = Cli.Run("frontier", "--dist", "uniform(0)", "--grid", "400", "--out", directory.Path, "--plot");
        Cli.AssertBadInput(result);
        Assert.Empty(directory.Entries);
    }
}
