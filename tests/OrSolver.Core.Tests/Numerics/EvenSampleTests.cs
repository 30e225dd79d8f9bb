using OrSolver.Core.Numerics;

namespace OrSolver.Core.Tests.Numerics;

public class EvenSampleTests
{
    [Theory]
    [InlineData(5, 3, new[] { 0, 2, 4 })]     // k·(5 − 1)/2 = 0, 2, 4
    [InlineData(10, 4, new[] { 0, 3, 6, 9 })]  // k·9/3 = 0, 3, 6, 9
    [InlineData(11, 3, new[] { 0, 5, 10 })]
    [InlineData(4, 4, new[] { 0, 1, 2, 3 })]   // count = total: every index
    [InlineData(3, 7, new[] { 0, 1, 2 })]      // count > total: every index
    [InlineData(6, 1, new[] { 0 })]
    [InlineData(6, 0, new int[0])]
    [InlineData(0, 3, new int[0])]
    public void Picks_evenly_spread_indices_with_both_ends(int total, int count, int[] expected) =>
        Assert.Equal(expected, EvenSample.Indices(total, count));

    [Fact]
    public void Rounding_never_repeats_an_index()
    {
        // k·(total − 1)/(count − 1) steps by at least 1 when count ≤ total, so rounding keeps the indices distinct.
        for (int total = 1; total <= 60; total++)
            for (int count = 0; count <= total + 2; count++)
            {
                var picked = EvenSample.Indices(total, count);
                Assert.Equal(Math.Min(count, total), picked.Count);
                Assert.True(picked.Zip(picked.Skip(1)).All(p => p.First < p.Second));
                if (picked.Count >= 2) Assert.Equal((0, total - 1), (picked[0], picked[^1]));
            }
    }

    [Fact]
    public void Negative_sizes_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EvenSample.Indices(-1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => EvenSample.Indices(3, -2));
    }
}
