using OrSolver.Core.Discretisation;

namespace OrSolver.Core.Tests.Discretisation;

public class GridBuilderTests
{
    [Theory]
    [InlineData("uniform(0, 1)", 1)]
    [InlineData("exponential(1)", 10)]
    [InlineData("pareto(2, cap=50)", 1000)]
    [InlineData("example42(1000000000)", 1000000000)]
    public void Grid_contains_breakpoints_forced_points_and_resolves_one_over_n(string spec, long n)
    {
        var market = Support.Market(spec, n);
        double forced = 0.123456789;
        var grid = GridBuilder.Build(market, 1000, [forced]);
        Assert.Equal(0, grid[0]);
        Assert.Equal(1, grid[grid.Cells]);
        for (int k = 1; k <= grid.Cells; k++) Assert.True(grid[k] > grid[k - 1]);
        Assert.Contains(forced, grid.Points);
        foreach (double b in market.Distribution.Breakpoints) Assert.Contains(b, grid.Points);
        // The market scale: X̂' = (1-q)^{n-1} falls by e over Δq ≈ 1/n; at least 50 points must lie below 5/n.
        int below = grid.Points.Count(q => q > 0 && q < 5.0 / n);
        Assert.True(below >= 50 || n == 1, $"only {below} grid points below 5/n");
    }

    [Fact]
    public void Too_small_a_grid_is_bad_input()
        => Assert.Throws<InputException>(() => GridBuilder.Build(Support.Market("uniform(0,1)", 2), 3, []));

    [Fact]
    public void Unbounded_values_are_graded_geometrically_towards_zero()
    {
        var grid = GridBuilder.Build(Support.Market("exponential(1)", 5), 1000, []);
        Assert.True(grid[1] < 1e-9, $"first point {grid[1]} is not graded towards 0");
    }
}
