using OrSolver.Core.Classes;
using OrSolver.Core.Discretisation;
using OrSolver.Core.Numerics;
using Xunit.Abstractions;

namespace OrSolver.Core.Tests.Classes;

/// <summary>The market validates itself, and the certificate's search for K ≥ 3 finds what exhaustive enumeration finds.</summary>
public sealed class ClassMarketTests(ITestOutputHelper output)
{
    [Fact]
    public void Bad_markets_are_refused_with_one_clear_message()
    {
        Assert.Throws<InputException>(() => ClassMarket.Parse());
        Assert.Throws<InputException>(() => ClassMarket.Parse((0, "uniform(0,1)")));
        Assert.Throws<InputException>(() => ClassMarket.Parse([.. Enumerable.Repeat((1L, "uniform(0,1)"), ClassMarket.MaximumClasses + 1)]));
        var tooMany = Assert.Throws<InputException>(() => ClassMarket.Parse((ClassMarket.MaximumBuyers, "uniform(0,1)"), (1, "uniform(0,2)")));
        Assert.Contains($"{ClassMarket.MaximumBuyers}", tooMany.Message, StringComparison.Ordinal);
        Assert.Throws<InputException>(() => ClassMarket.Parse((long.MaxValue, "uniform(0,1)"), (long.MaxValue, "uniform(0,2)")));
        Assert.Equal(5, ClassMarket.Parse((2, "uniform(0,1)"), (3, "exponential(1)")).TotalBuyers);
    }

    /// <summary>Seeded random non-increasing allocations on three classes, most of which exceed Border somewhere inside: the
    /// certificate's search (sorted candidates and coordinate-wise maximisation) finds the exhaustive maximum excess.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void The_search_certificate_finds_the_worst_threshold(int seed)
    {
        var market = ClassMarket.Parse((1, "uniform(0,1)"), (2, "uniform(0,3)"), (1, "exponential(1)"));
        var grids = market.Discretise([.. Enumerable.Range(0, 3).Select(c => new QuantileGrid([.. Enumerable.Range(0, 13 + c).Select(i => (double)i / (12 + c))]))]);
        var random = new Random(seed);
        // Steep random shapes (cubes of sorted uniforms), all scaled so that the whole market's load is 0.98: the cap at
        // t = 1 then holds with room, and the violations, if any, are at interior thresholds.
        var shapes = grids.Classes.Select(m => Enumerable.Range(0, m.Cells).Select(_ => Math.Pow(random.NextDouble(), 3)).OrderDescending().ToArray()).ToList();
        double load = shapes.Select((x, c) => grids.Classes[c].Buyers * x.Select((v, j) => v * grids.Classes[c].Width(j + 1)).Sum()).Sum();
        var classes = shapes.Select((x, c) => new InterimAllocation(grids.Classes[c], [.. x.Select(v => v * 0.98 / load)])).ToList();
        var allocation = new ClassAllocation(grids, classes);
        var exhaustive = ClassBorder.Exhaustive(allocation);
        var search = ClassBorder.Certify(allocation);
        output.WriteLine($"worst excess {exhaustive.Worst.Violation:G4} at [{string.Join(',', exhaustive.Worst.Points)}] of {exhaustive.Thresholds}; search evaluated {search.Thresholds}");
        Assert.Equal("sorted candidates + coordinate search", search.Method);
        Assert.True(Tolerances.Rounding.Close(exhaustive.Worst.Violation, search.Worst.Violation),
            $"exhaustive {exhaustive.Worst.Violation} at [{string.Join(',', exhaustive.Worst.Points)}], search {search.Worst.Violation} at [{string.Join(',', search.Worst.Points)}]");
        Assert.Equal(exhaustive.Holds, search.Holds);
    }
}
