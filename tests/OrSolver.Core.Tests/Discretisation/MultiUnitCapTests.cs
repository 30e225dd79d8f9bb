using MathNet.Numerics.Integration;
using OrSolver.Core.Discretisation;
using OrSolver.Core.Numerics;
using OrSolver.Core.Tests.Numerics;

namespace OrSolver.Core.Tests.Discretisation;

/// <summary>
/// The k-unit Border cap X̂_k(q) = E[min(k, Bin(n, q))]/n, its increments and its derivative P(Bin(n−1, q) ≤ k−1) (Thm 4.2)
/// at n up to 10⁹ and k up to 10³, against <see cref="BinomialReference"/> (log-space sums written here) and the Poisson
/// limit with Le Cam's bound.
/// </summary>
public class MultiUnitCapTests
{
    /// <summary>The reference's own rounding (≈ 1e-12 in each logarithm) with a margin.</summary>
    private static readonly Tolerance Reference = new(1e-10, 0);

    /// <summary>n, k with k &lt; n, and q at multiples of the scale k/n where the cap bends (q &lt; 1).</summary>
    public static TheoryData<double, int, double> Points()
    {
        var data = new TheoryData<double, int, double>();
        foreach (double n in new[] { 1e3, 1e6, 1e9 })
            foreach (int k in new[] { 2, 10, 100, 1000 })
            {
                if (k >= n) continue;
                foreach (double f in new[] { 1e-3, 0.5, 0.9, 1, 1.1, 2, 5, 30 })
                {
                    double q = f * k / n;
                    if (q < 1) data.Add(n, k, q);
                }
            }
        data.Add(50, 10, 0.99);
        data.Add(7, 3, 0.5);
        return data;
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void Cap_and_derivative_match_log_space_binomial_sums(double n, int k, double q)
    {
        Support.Close(BinomialReference.ExpectedServed(n, q, k) / n, BorderCap.Cap(q, n, k), Reference, $"X̂_k({q:R}), n = {n}, k = {k}");
        Support.Close(BinomialReference.AtMost(n - 1, q, k - 1), BorderCap.Derivative(q, n, k), Reference.AtScale(1e-300),
            $"X̂_k'({q:R}), n = {n}, k = {k}");
    }

    /// <summary>
    /// Increments X̂_k(b) − X̂_k(a): on thin cells (b − a a thousandth of the scale √k/n on which X̂_k' changes, or of a
    /// itself) against 32-point Gauss–Legendre quadrature of the reference derivative, which is smooth there; on wide cells
    /// against the difference of reference caps, taken only where it does not cancel (X̂_k(a) ≤ X̂_k(b)/2). No increment is
    /// negative, and none is zero unless the true one is below the smallest double.
    /// </summary>
    [Theory]
    [MemberData(nameof(Points))]
    public void Increments_match_quadrature_of_the_derivative_and_differences_of_caps(double n, int k, double a)
    {
        double width = 1e-3 * Math.Min(Math.Sqrt(k) / n, Math.Min(a, 1 - a));
        double b = a + width;
        double quadrature = GaussLegendreRule.Integrate(t => BinomialReference.AtMost(n - 1, t, k - 1), a, b, 32);
        double thin = BorderCap.Increment(a, b, n, k);
        // Far out in the flat part X̂_k' is below 1e-308 and the increment underflows to 0 in both.
        Assert.True(thin > 0 || (thin >= 0 && !(quadrature > 0)), $"increment {thin:R} on ({a:R}, {b:R}], reference {quadrature:R}");
        Support.Close(quadrature, thin, Reference, $"X̂_k({b:R}) − X̂_k({a:R}), n = {n}, k = {k}");

        double wide = Math.Min(1, 3 * a);
        double low = BinomialReference.ExpectedServed(n, a, k), high = wide >= 1 ? k : BinomialReference.ExpectedServed(n, wide, k);
        if (2 * low <= high)
            Support.Close((high - low) / n, BorderCap.Increment(a, wide, n, k), Reference, $"X̂_k({wide:R}) − X̂_k({a:R}), n = {n}, k = {k}");
        Assert.True(BorderCap.Increment(a, wide, n, k) >= 0);
    }

    /// <summary>
    /// Le Cam's inequality: the total variation distance between Bin(n, q) and Poisson(nq) is at most n·q², and min(k, ·)
    /// takes values in [0, k], so |n·X̂_k(q) − E[min(k, Poisson(nq))]| ≤ k·n·q²: at n = 10⁹ and q = k/n, 5e-9 of the
    /// cap for k = 2, 1e-7 for k = 10.
    /// </summary>
    [Theory]
    [InlineData(2)]
    [InlineData(10)]
    [InlineData(1000)]
    public void Cap_is_within_Le_Cams_bound_of_its_Poisson_limit(int k)
    {
        const double n = 1e9;
        foreach (double f in new[] { 1e-3, 0.5, 1, 2, 30 })
        {
            double q = f * k / n;
            double poisson = BinomialReference.ExpectedServedPoisson(n * q, k);
            double bound = k * n * q * q;
            double gap = Math.Abs(n * BorderCap.Cap(q, n, k) - poisson);
            Assert.True(gap <= bound, $"k = {k}, q = {q:R}: |n·X̂_k − E[min(k, Poisson)]| = {gap:E3} above Le Cam's {bound:E3}");
        }
    }

    /// <summary>k ≥ n serves everyone: X̂_k(q) = q, increments b − a, derivative 1. k = n − 1 leaves out only the event that
    /// every buyer is present: n·X̂_k(q) = n·q − q^n exactly (E[min(n − 1, B)] = E[B] − P(B = n)).</summary>
    [Theory]
    [InlineData(1000)]
    [InlineData(1e9)]
    public void Units_at_or_above_buyers_serve_everyone(double n)
    {
        foreach (int k in new[] { (int)n, (int)n + 1 })
            foreach (double q in new[] { 1e-12, 0.3, 0.999 })
            {
                Support.Close(q, BorderCap.Cap(q, n, k), Tolerances.Rounding, "X̂ = q when k ≥ n");
                Support.Close(q * 0.5, BorderCap.Increment(q * 0.5, q, n, k), Tolerances.Rounding, "increment b − a when k ≥ n");
                Support.Close(1, BorderCap.Derivative(q, n, k), Tolerances.Rounding, "x = 1 when k ≥ n");
            }
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.99)]
    [InlineData(0.9999)]
    public void One_unit_fewer_than_buyers_misses_only_the_full_house(double q)
    {
        const int n = 1000;
        Support.Close((n * q - Math.Pow(q, n)) / n, BorderCap.Cap(q, n, n - 1), new Tolerance(1e-13, 0), "X̂_{n−1}(q)");
        // X̂_{n−1}'(q) = 1 − q^{n−1} (only P(Bin(n−1, q) = n−1) is cut off).
        Support.Close(1 - Math.Pow(q, n - 1), BorderCap.Derivative(q, n, n - 1), new Tolerance(1e-13, 0), "X̂_{n−1}'(q)");
    }

    /// <summary>An increment asked the wrong way round, or outside [0, 1], is a caller's bug: it throws instead of
    /// returning a clamped zero that would hide the wrong sign.</summary>
    [Fact]
    public void Reversed_or_out_of_range_increments_throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BorderCap.Increment(0.5, 0.4, 10, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => BorderCap.Increment(0.5, 0.4, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => BorderCap.Increment(-0.1, 0.4, 10, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => BorderCap.Increment(0.1, 1.2, 10, 3));
        Support.Close(0, BorderCap.Increment(0.4, 0.4, 10, 3), Tolerances.Rounding, "X̂_k(a) − X̂_k(a)");
    }
}
