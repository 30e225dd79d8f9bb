using OrSolver.Core.Numerics;

namespace OrSolver.Core.Tests.Numerics;

public class ToleranceTests
{
    [Fact]
    public void Close_is_relative_or_absolute_whichever_is_larger()
    {
        var tolerance = new Tolerance(1e-6, 1e-9);
        Assert.True(tolerance.Close(1_000_000, 1_000_000.9));
        Assert.False(tolerance.Close(1_000_000, 1_000_001.1));
        Assert.True(tolerance.Close(0, 5e-10));
        Assert.False(tolerance.Close(0, 2e-9));
    }

    [Fact]
    public void NaN_is_close_to_nothing_and_infinities_only_to_themselves()
    {
        var tolerance = new Tolerance(1, 1);
        Assert.False(tolerance.Close(double.NaN, double.NaN));
        Assert.False(tolerance.Close(double.NaN, 0));
        Assert.True(tolerance.Close(double.PositiveInfinity, double.PositiveInfinity));
        Assert.False(tolerance.Close(double.PositiveInfinity, double.MaxValue));
        Assert.False(tolerance.AtMost(double.NaN, 1));
        Assert.True(tolerance.AtMost(2, 1.5));
    }
}
