using System.Globalization;

namespace OrSolver.Core.Distributions;

/// <summary>A drawn market: a distribution spec as the grammar writes it and the number of buyers. Validates itself.</summary>
/// <param name="Spec">A spec of <see cref="DistributionSpec"/>, parameters written with three significant digits.</param>
/// <param name="Buyers">n. Range: 1 ≤ n ≤ <see cref="Market.MaximumBuyers"/>.</param>
public sealed record RandomMarket(string Spec, long Buyers)
{
    /// <summary>The spec (see the record's parameter).</summary>
    public string Spec { get; } = !string.IsNullOrWhiteSpace(Spec) ? Spec : throw new ArgumentException("a market needs a distribution spec", nameof(Spec));

    /// <summary>n (see the record's parameter).</summary>
    public long Buyers { get; } = Buyers is >= 1 and <= Market.MaximumBuyers
        ? Buyers : throw new ArgumentOutOfRangeException(nameof(Buyers), Buyers, $"n must lie in [1, {Market.MaximumBuyers}]");

    /// <summary>The market: the spec parsed, one item.</summary>
    public Market ToMarket() => new(DistributionSpec.Parse(Spec), Buyers);

    /// <summary>"spec, n = …".</summary>
    public override string ToString() => $"{Spec}, n = {Buyers.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>
/// Seeded random markets for claims about every F (Theorems 4.1 (i) and 5.3 (i)) and for property tests: every parametric
/// family of the spec grammar with random parameters, truncations included, Example 4.2 itself, and mixtures of two or
/// three components, which make irregular and bimodal F. The same seed gives the same list on every machine
/// (<see cref="Random"/> with a seed is deterministic). Parameters are drawn uniformly (U) or log-uniformly (log U) and
/// written with three significant digits, so that the spec parses back to the very same numbers:
/// <list type="bullet">
/// <item><c>uniform(low, low + w)</c>: low ~ U[0, 2], w ~ U[0.2, 3].</item>
/// <item><c>exponential(rate)</c>: rate ~ log U[0.3, 3].</item>
/// <item><c>weibull(shape, scale)</c>: shape ~ log U[0.4, 4], scale ~ U[0.5, 2].</item>
/// <item><c>gamma(shape, rate)</c>: shape ~ log U[0.3, 6], rate ~ U[0.5, 3].</item>
/// <item><c>pareto(alpha, scale)</c>: alpha ~ U[1.1, 4], scale ~ U[0.5, 2]; <c>lomax(alpha, scale)</c>: alpha ~ U[1.1, 5],
/// scale ~ U[0.5, 3]; <c>lognormal(mu, sigma)</c>: mu ~ U[−1, 1], sigma ~ U[0.2, 1.5]; each capped with probability 1/2
/// at max(second parameter, 1) times U[3, 60] (an atom at the cap).</item>
/// <item><c>equalrevenue(cap)</c>: cap ~ log U[2, 200].</item>
/// <item><c>normal(mean, sd, 0, high)</c>: mean ~ U[0, 3], sd ~ U[0.2, 2], high = ∞ or mean + U[1, 4]·sd with probability 1/2 each.</item>
/// <item><c>beta(a, b, low, low + w)</c>: a, b ~ log U[0.5, 5], low ~ U[0, 2], w ~ U[0.5, 3].</item>
/// </list>
/// </summary>
public static class RandomMarkets
{
    /// <summary>The seed the experiments use.</summary>
    public const int Seed = 4153;

    /// <summary>One-component families, each a generator of a spec with random parameters.</summary>
    private static readonly Func<Random, string>[] Components =
    [
        r => { double low = Range(r, 0, 2); return Spec("uniform", low, low + Range(r, 0.2, 3)); },
        r => Spec("exponential", LogRange(r, 0.3, 3)),
        r => Spec("weibull", LogRange(r, 0.4, 4), Range(r, 0.5, 2)),
        r => Spec("gamma", LogRange(r, 0.3, 6), Range(r, 0.5, 3)),
        r => WithCap(r, "pareto", Range(r, 1.1, 4), Range(r, 0.5, 2)),
        r => WithCap(r, "lomax", Range(r, 1.1, 5), Range(r, 0.5, 3)),
        r => WithCap(r, "lognormal", Range(r, -1, 1), Range(r, 0.2, 1.5)),
        r => Spec("equalrevenue", LogRange(r, 2, 200)),
        r =>
        {
            double mean = Range(r, 0, 3), sd = Range(r, 0.2, 2);
            return Spec("normal", mean, sd, 0, r.NextDouble() < 0.5 ? double.PositiveInfinity : Round(mean + Range(r, 1, 4) * sd));
        },
        r =>
        {
            double a = LogRange(r, 0.5, 5), b = LogRange(r, 0.5, 5), low = Range(r, 0, 2);
            return Spec("beta", a, b, low, Round(low + Range(r, 0.5, 3)));
        },
    ];

    /// <summary>Families with a log-concave density, each a generator of a spec with random parameters: MHR as values
    /// ((1 − F)/f non-increasing) and as costs (G/g non-decreasing) at once, the hypothesis of Theorem D.1 on both sides of
    /// bilateral trade. Supports start anywhere in [0, 2] for the families that take a lower end, so that two draws overlap
    /// or are shifted against each other.</summary>
    private static readonly Func<Random, string>[] LogConcaveFamilies =
    [
        r => { double low = Range(r, 0, 2); return Spec("uniform", low, Round(low + Range(r, 0.2, 3))); },
        r => Spec("exponential", LogRange(r, 0.3, 3)),
        r =>
        {
            double mean = Range(r, 0, 3), sd = Range(r, 0.2, 2), low = Round(Math.Max(0, mean - Range(r, 0, 3) * sd));
            return Spec("normal", mean, sd, low, r.NextDouble() < 0.5 ? double.PositiveInfinity : Round(mean + Range(r, 0.5, 4) * sd));
        },
        r => Spec("weibull", LogRange(r, 1, 4), Range(r, 0.5, 2)),
        r => Spec("gamma", LogRange(r, 1, 6), Range(r, 0.5, 3)),
        r =>
        {
            double low = Range(r, 0, 2);
            return Spec("beta", LogRange(r, 1, 5), LogRange(r, 1, 5), low, Round(low + Range(r, 0.5, 3)));
        },
    ];

    /// <summary>One family with a log-concave density (uniform, exponential, truncated normal, Weibull and gamma with shape
    /// ≥ 1, beta with a, b ≥ 1), chosen uniformly, with random parameters: a distribution that is MHR both as a buyer's
    /// values and as a seller's costs (Appendix D.4).</summary>
    public static string LogConcave(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return LogConcaveFamilies[random.Next(LogConcaveFamilies.Length)](random);
    }

    /// <summary><paramref name="count"/> markets from <paramref name="seed"/>: n uniform in [1, <paramref name="maxBuyers"/>];
    /// about 45% one family (<see cref="Component"/>), 10% Example 4.2 with that n (when n ≥ 2), the rest mixtures
    /// (<see cref="Mixture"/>).</summary>
    /// <param name="count">How many. Range: ≥ 0.</param>
    /// <param name="seed">The seed of <see cref="Random"/>.</param>
    /// <param name="maxBuyers">The largest n. Range: ≥ 1.</param>
    public static IReadOnlyList<RandomMarket> Generate(int count, int seed = Seed, int maxBuyers = 30)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBuyers, 1);
        var random = new Random(seed);
        var markets = new List<RandomMarket>(count);
        for (int i = 0; i < count; i++)
        {
            long buyers = random.Next(1, maxBuyers + 1);
            double kind = random.NextDouble();
            string spec = kind < 0.1 && buyers >= 2
                ? $"example42({buyers.ToString(CultureInfo.InvariantCulture)})"
                : kind < 0.55 ? Component(random) : Mixture(random);
            markets.Add(new RandomMarket(spec, buyers));
        }
        return markets;
    }

    /// <summary>One parametric family, chosen uniformly, with random parameters (the ranges above).</summary>
    public static string Component(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Components[random.Next(Components.Length)](random);
    }

    /// <summary>A mixture of two or three distinct families (<see cref="Component"/>'s ranges) with weights in hundredths,
    /// each at least 0.1, summing to 1.</summary>
    public static string Mixture(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        int components = random.Next(2, 4);
        var families = Enumerable.Range(0, Components.Length).OrderBy(_ => random.Next()).Take(components).ToList();
        var hundredths = new int[components];
        int left = 100;
        for (int i = 0; i < components - 1; i++)
        {
            hundredths[i] = random.Next(10, left - 10 * (components - 1 - i) + 1);
            left -= hundredths[i];
        }
        hundredths[^1] = left;
        var parts = families.Select((f, i) => $"{(hundredths[i] / 100.0).ToString("0.00", CultureInfo.InvariantCulture)}*{Components[f](random)}");
        return $"mixture({string.Join(", ", parts)})";
    }

    private static string WithCap(Random random, string family, double first, double second)
    {
        // Half the time truncated (an atom at the cap), at 3 to 60 times the scale.
        double cap = random.NextDouble() < 0.5 ? double.PositiveInfinity : Round(Math.Max(second, 1) * Range(random, 3, 60));
        return double.IsPositiveInfinity(cap) ? Spec(family, first, second) : Spec(family, first, second, cap);
    }

    private static double Range(Random random, double low, double high) => Round(low + (high - low) * random.NextDouble());

    private static double LogRange(Random random, double low, double high) => Round(low * Math.Pow(high / low, random.NextDouble()));

    // Three significant digits: the spec stays short and parses back to the very same numbers.
    private static double Round(double value) => double.Parse(value.ToString("G3", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Spec(string family, params double[] parameters)
        => $"{family}({string.Join(", ", parameters.Select(Number))})";

    private static string Number(double value) => double.IsPositiveInfinity(value) ? "inf" : value.ToString("G3", CultureInfo.InvariantCulture);
}
