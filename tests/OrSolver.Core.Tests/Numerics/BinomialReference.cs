using MathNet.Numerics;

namespace OrSolver.Core.Tests.Numerics;

/// <summary>
/// Binomial and Poisson sums computed independently of the production code (<c>Binomial</c>, the k-unit Border cap), for
/// n up to 10¹² and i up to a few thousand.
/// Each probability comes from its logarithm, ln P(Bin(n, q) = i) = ln((n)_i) − ln Γ(i + 1) + i·ln q + (n − i)·ln(1 − q),
/// with the falling factorial summed term by term as i·ln n + Σ_{t&lt;i} ln(1 − t/n) (no large cancelling ln Γ(n)), and the
/// sums are taken over the side of the distribution that is small, so that nothing cancels: E[min(k, B)] is
/// n·q − Σ_{i&gt;k} (i − k)·P(B = i) while n·q ≤ k and k − Σ_{i&lt;k} (k − i)·P(B = i) beyond. Each logarithm carries
/// ≈ 1e-12 of rounding at i ≈ 10³ (terms of size i·ln(nq) ≈ 10⁴), hence the 1e-10 of the tests.
/// </summary>
internal static class BinomialReference
{
    /// <summary>E[min(k, B)] for B ~ Bin(n, q), 0 &lt; q &lt; 1, k ≥ 1.</summary>
    public static double ExpectedServed(double n, double q, int k)
    {
        if (k >= n) return n * q;
        double mean = n * q;
        return mean <= k
            ? mean - SumAbove(LogBinomials(n, q, k + 1), k + 1, i => i - k)
            : k - SumBelow(LogBinomials(n, q, 0), k, i => k - i);
    }

    /// <summary>P(Bin(n, q) ≤ j) for 0 ≤ j &lt; n.</summary>
    public static double AtMost(double n, double q, int j) => SumBelow(LogBinomials(n, q, 0), j + 1, _ => 1);

    /// <summary>P(Bin(n, q) ≥ j) for n·q &lt; j ≤ n (the small side: the terms fall from j on).</summary>
    public static double AtLeast(double n, double q, int j) => SumAbove(LogBinomials(n, q, j), j, _ => 1);

    /// <summary>P(Bin(n, q) = i) for 0 ≤ i ≤ n.</summary>
    public static double Probability(double n, double q, int i) => Math.Exp(LogBinomials(n, q, i).First());

    /// <summary>E[min(k, P)] for P ~ Poisson(μ).</summary>
    public static double ExpectedServedPoisson(double mean, int k)
        => mean <= k
            ? mean - SumAbove(LogPoissons(mean, k + 1), k + 1, i => i - k)
            : k - SumBelow(LogPoissons(mean, 0), k, i => k - i);

    /// <summary>ln P(Bin(n, q) = i) for i = first, first + 1, …, n.</summary>
    private static IEnumerable<double> LogBinomials(double n, double q, int first)
    {
        // Σ_{t<i} ln(1 − t/n), the falling factorial's correction to i·ln n, kept up to date as i grows.
        double correction = 0;
        for (int t = 1; t < first; t++) correction += SpecialFunctions.Log1p(-t / n);
        double logNq = Math.Log(n * q), logMiss = SpecialFunctions.Log1p(-q);
        for (int i = first; i <= n; i++)
        {
            yield return i * logNq + correction - SpecialFunctions.GammaLn(i + 1.0) + (n - i) * logMiss;
            correction += SpecialFunctions.Log1p(-i / n);
        }
    }

    /// <summary>ln P(Poisson(μ) = i) for i = first, first + 1, ….</summary>
    private static IEnumerable<double> LogPoissons(double mean, int first)
    {
        for (int i = first; ; i++) yield return -mean + i * Math.Log(mean) - SpecialFunctions.GammaLn(i + 1.0);
    }

    /// <summary>Σ_{i &lt; end} w(i)·P(i) over the first <paramref name="end"/> log-probabilities (from i = 0).</summary>
    private static double SumBelow(IEnumerable<double> logProbabilities, int end, Func<int, double> weight)
        => Weighted([.. logProbabilities.Take(end)], 0, weight);

    /// <summary>Σ_{i ≥ first} w(i)·P(i), stopping once the terms, which fall from i = first on (the mode lies below it),
    /// are below e^-46 ≈ 1e-20 of the first.</summary>
    private static double SumAbove(IEnumerable<double> logProbabilities, int first, Func<int, double> weight)
    {
        var logs = new List<double>();
        foreach (double log in logProbabilities)
        {
            if (logs.Count > 2 && log < logs[0] - 46) break;
            logs.Add(log);
        }
        return Weighted([.. logs], first, weight);
    }

    /// <summary>Σ w(first + i)·exp(logs[i]), with a shared exponent so that no term underflows before the sum.</summary>
    private static double Weighted(double[] logs, int first, Func<int, double> weight)
    {
        if (logs.Length == 0) return 0;
        double shift = logs.Max();
        if (double.IsNegativeInfinity(shift)) return 0;
        double sum = 0;
        for (int i = 0; i < logs.Length; i++) sum += weight(first + i) * Math.Exp(logs[i] - shift);
        return sum * Math.Exp(shift);
    }
}
