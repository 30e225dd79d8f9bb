using System.Globalization;

namespace OrSolver.Experiments.Analysis;

/// <summary>
/// Seeded random markets for the distribution-free claims (Theorems 4.1 (i) and 5.3 (i): "for any F"): every family of
/// the spec grammar with random parameters (truncations included), Example 4.2 itself, and mixtures of two or three
/// components, which make irregular and bimodal F; n uniform in [1, <c>maxBuyers</c>]. The same seed gives the same list.
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

    /// <summary><paramref name="count"/> markets from <paramref name="seed"/>: about half single families, a tenth
    /// Example 4.2 (n ≥ 2), the rest mixtures.</summary>
    /// <param name="count">How many. Range: ≥ 0.</param>
    /// <param name="seed">The seed of <see cref="Random"/>.</param>
    /// <param name="maxBuyers">The largest n. Range: ≥ 2.</param>
    public static IReadOnlyList<MarketCase> Generate(int count, int seed = Seed, int maxBuyers = 30)
    {
        var random = new Random(seed);
        var markets = new List<MarketCase>(count);
        for (int i = 0; i < count; i++)
        {
            long buyers = random.Next(1, maxBuyers + 1);
            double kind = random.NextDouble();
            string spec = kind < 0.1 && buyers >= 2
                ? $"example42({buyers.ToString(CultureInfo.InvariantCulture)})"
                : kind < 0.55 ? Components[random.Next(Components.Length)](random) : Mixture(random);
            markets.Add(new MarketCase(spec, buyers));
        }
        return markets;
    }

    /// <summary>A mixture of two or three distinct components with weights in hundredths (each ≥ 0.1, summing to 1).</summary>
    private static string Mixture(Random random)
    {
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
