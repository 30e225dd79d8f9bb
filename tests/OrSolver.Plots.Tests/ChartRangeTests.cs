using OrSolver.Core.Numerics;
using OrSolver.Plots;

namespace OrSolver.Plots.Tests;

/// <summary>A fixed x range overrides the automatic limits (in data units; log10 of them on a log axis).</summary>
public class ChartRangeTests
{
    [Fact]
    public void Fixed_x_range_sets_the_horizontal_limits()
    {
        var chart = new Chart("t", "x", "y").With("s", [0, 1, 2, 3], [0, 1, 4, 9]) with { XRange = (-0.5, 3.5) };
        var limits = chart.Render().Axes.GetLimits();
        Assert.True(Tolerances.Rounding.Close(-0.5, limits.Left), $"left {limits.Left:R}");
        Assert.True(Tolerances.Rounding.Close(3.5, limits.Right), $"right {limits.Right:R}");
    }

    [Fact]
    public void Fixed_x_range_on_a_log_axis_is_in_data_units()
    {
        var chart = new Chart("t", "n", "y") { LogX = true, XRange = (1, 1000) }.With("s", [10, 100], [1, 2]);
        var limits = chart.Render().Axes.GetLimits();
        Assert.True(Tolerances.Rounding.Close(0, limits.Left), $"left {limits.Left:R}");
        Assert.True(Tolerances.Rounding.Close(3, limits.Right), $"right {limits.Right:R}");
    }
}
