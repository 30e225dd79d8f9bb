using OrSolver.Core.Numerics;

namespace OrSolver.Core.Tests.Numerics;

/// <summary>Binomial probabilities and tails at N up to 10¹², far into the tails, against <see cref="BinomialReference"/>.</summary>
public class BinomialTests
{
    /// <summary>The reference's own rounding (≈ 1e-12 in each logarithm, more for i near 10⁴) with a margin.</summary>
    private static readonly Tolerance Reference = new(1e-10, 0);

    /// <summary>N, p = μ/N for means μ from 10⁻³ to 3000, and counts j around and far from the mean.</summary>
    public static TheoryData<double, double, int> Points()
    {
        var data = new TheoryData<double, double, int>();
        foreach (double n in new[] { 20.0, 1e3, 1e9, 1e12 })
            foreach (double mean in new[] { 1e-3, 0.7, 5, 40, 3000 })
            {
                if (mean >= n) continue;
                foreach (int j in new[] { 0, 1, 3, 12, 60, 2000, 4500 })
                    if (j <= n) data.Add(n, mean / n, j);
            }
        data.Add(20, 0.97, 15);
        data.Add(1e3, 0.5, 480);
        return data;
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void Probability_and_both_tails_match_log_space_sums(double n, double p, int j)
    {
        var tolerance = Reference.AtScale(1e-300);
        Support.Close(BinomialReference.Probability(n, p, j), Binomial.Probability(n, p, j), tolerance, $"P(B = {j}), N = {n}, p = {p:R}");
        // Each tail from its own small side, so that neither the reference nor the code under test cancels.
        if (j <= n * p)
        {
            double below = BinomialReference.AtMost(n, p, j);
            Support.Close(below, Binomial.AtMost(n, p, j), tolerance, $"P(B ≤ {j}), N = {n}, p = {p:R}");
            Support.Close(1 - below, Binomial.AtLeast(n, p, j + 1), Reference, $"P(B ≥ {j + 1}) = 1 − P(B ≤ {j})");
        }
        else
        {
            double above = BinomialReference.AtLeast(n, p, j);
            Support.Close(above, Binomial.AtLeast(n, p, j), tolerance, $"P(B ≥ {j}), N = {n}, p = {p:R}");
            Support.Close(1 - above, Binomial.AtMost(n, p, j - 1), Reference, $"P(B ≤ {j - 1}) = 1 − P(B ≥ {j})");
        }
    }

    /// <summary>Closed forms at the ends: P(B = 0) = (1 − p)^N, P(B ≥ N) = p^N, P(B ≥ 1) = 1 − (1 − p)^N, and the trivial
    /// tails outside [0, N].</summary>
    [Fact]
    public void Ends_match_their_closed_forms()
    {
        const double n = 1e12, p = 3e-12;
        // (1 − p)^N = exp(N·ln(1 − p)) with ln(1 − p) = −p − p²/2 − … (the series is exact to double precision here).
        double none = Math.Exp(-n * (p + p * p / 2));
        Support.Close(none, Binomial.Probability(n, p, 0), new Tolerance(1e-14, 0), "P(B = 0)");
        Support.Close(1 - none, Binomial.AtLeast(n, p, 1), new Tolerance(1e-14, 0), "P(B ≥ 1)");
        Support.Close(Math.Pow(0.9, 30), Binomial.AtLeast(30, 0.9, 30), new Tolerance(1e-14, 0), "P(B ≥ N) = p^N");
        Support.Close(1, Binomial.AtMost(30, 0.4, 30), Tolerances.Rounding, "P(B ≤ N)");
        Support.Close(0, Binomial.AtMost(30, 0.4, -1), Tolerances.Rounding, "P(B ≤ −1)");
        Support.Close(1, Binomial.AtLeast(30, 0.4, 0), Tolerances.Rounding, "P(B ≥ 0)");
        Support.Close(0, Binomial.AtLeast(30, 0.4, 31), Tolerances.Rounding, "P(B ≥ N + 1)");
    }

    [Fact]
    public void A_count_or_size_that_is_not_a_whole_number_is_a_bug()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Binomial.AtMost(10.5, 0.3, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Binomial.AtMost(10, 0.3, 2.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Binomial.AtMost(10, 1.3, 2));
    }
}
