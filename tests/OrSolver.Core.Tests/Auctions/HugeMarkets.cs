using System.Collections.Concurrent;
using System.Globalization;
using OrSolver.Core.Auctions;
using OrSolver.Core.Characterization;
using OrSolver.Core.Distributions;

namespace OrSolver.Core.Tests.Auctions;

/// <summary>
/// Markets with 10⁹ to 10¹² buyers on a modest grid (600 cells: the discretisation error does not matter when LP, hull and
/// auction are compared on the same grid), each with its exact frontier, built once per process.
/// <c>example42(N)</c> stands for the paper's Example 4.2 built for the market's own n.
/// </summary>
internal static class HugeMarkets
{
    public const int Grid = 600;

    public static readonly long[] Buyers = [1_000_000_000, 100_000_000_000, 1_000_000_000_000];

    public static readonly string[] Families = ["exponential(1)", "lomax(3)", "uniform(0, 1)", "example42(N)"];

    private static readonly ConcurrentDictionary<(string, long, int), Lazy<(FrontierProblem, ExactVertices)>> Cache = new();

    /// <summary>Every family at every n.</summary>
    public static TheoryData<string, long> Cases()
    {
        var data = new TheoryData<string, long>();
        foreach (string family in Families)
            foreach (long n in Buyers) data.Add(family, n);
        return data;
    }

    public static Market Market(string family, long buyers, int units = 1)
        => new(DistributionSpec.Parse(family.Replace("N", buyers.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)), buyers, units);

    /// <summary>The problem on <see cref="Grid"/> cells and its exact frontier.</summary>
    public static (FrontierProblem Problem, ExactVertices Frontier) Get(string family, long buyers, int units = 1)
        => Cache.GetOrAdd((family, buyers, units), key => new Lazy<(FrontierProblem, ExactVertices)>(() =>
        {
            var problem = new FrontierProblem(Market(key.Item1, key.Item2, key.Item3), Grid);
            return (problem, ExactVertices.Compute(problem.Discretised));
        })).Value;
}
