using OrSolver.Core.Distributions;

namespace OrSolver.Core.Tests.Distributions;

/// <summary>The random market generator: the same seed gives the same markets, every market parses, and every family of
/// the grammar that needs no data file occurs.</summary>
public class RandomMarketsTests
{
    [Fact]
    public void Random_markets_are_reproducible_valid_and_varied()
    {
        var first = RandomMarkets.Generate(400);
        Assert.Equal(first, RandomMarkets.Generate(400));
        Assert.NotEqual(first, RandomMarkets.Generate(400, RandomMarkets.Seed + 1));
        foreach (var market in first)
        {
            Assert.InRange(market.Buyers, 1, 30);
            _ = market.ToMarket(); // parses and validates: throws InputException on a bad spec
        }
        Assert.Contains(first, m => m.Spec.StartsWith("mixture(", StringComparison.Ordinal));
        Assert.Contains(first, m => m.Spec.StartsWith("example42(", StringComparison.Ordinal));
        // Every parametric family; empirical and quantiles read their values from a file, which random markets do not make,
        // and piecewise value functions are Appendix E's instances, not random markets.
        foreach (string family in DistributionSpec.Families.Where(f => f is not ("mixture" or "example42" or "empirical" or "quantiles" or "piecewise")))
            Assert.Contains(first, m => m.Spec.StartsWith(family + "(", StringComparison.Ordinal));
    }

    [Fact]
    public void Components_and_mixtures_from_a_seed_parse_to_sane_distributions()
    {
        var random = new Random(7);
        for (int i = 0; i < 200; i++)
        {
            Fuzz.AssertSane(DistributionSpec.Parse(RandomMarkets.Component(random)), "component");
            var mixture = (MixtureDistribution)DistributionSpec.Parse(RandomMarkets.Mixture(random));
            Assert.InRange(mixture.Components.Count, 2, 3);
        }
    }
}
