using OrSolver.Core.Discretisation;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Tests.Discretisation;

public class BorderCapTests
{
    [Fact]
    public void Cap_for_a_billion_buyers_at_q_1e12_matches_its_series()
    {
        // X̂(q) = (1 - e^{-a})/n with a = -n·ln(1-q) = n(q + q²/2 + q³/3 + …): both series converge fast here
        // (n·q = 1e-3), so a few terms give X̂ to full double precision independently of expm1/log1p.
        const double n = 1e9, q = 1e-12;
        double a = n * (q + q * q / 2 + q * q * q / 3);
        double expected = (a - a * a / 2 + a * a * a / 6 - a * a * a * a / 24 + a * a * a * a * a / 120) / n;
        Support.Close(expected, BorderCap.Cap(q, n), new Tolerance(1e-14, 0), "X̂(1e-12) for n = 1e9");
        // The naive formula loses every digit here: the test would catch a regression to it.
        double naive = (1 - Math.Pow(1 - q, n)) / n;
        Assert.False(new Tolerance(1e-6, 0).Close(naive, expected));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(1_000_000_000)]
    public void Cap_ends_at_one_over_n_and_derivative_matches_the_second_price_allocation(double n)
    {
        Support.Close(1 / n, BorderCap.Cap(1, n), Tolerances.Rounding, "X̂(1)");
        Assert.Equal(0, BorderCap.Cap(0, n));
        foreach (double q in new[] { 0.1, 0.5, 0.9 })
        {
            // X̂'(q) = (1-q)^{n-1}, compared with a central difference of X̂.
            double h = 1e-6 * q;
            double difference = (BorderCap.Cap(q + h, n) - BorderCap.Cap(q - h, n)) / (2 * h);
            double expected = Math.Pow(1 - q, n - 1);
            Support.Close(expected, BorderCap.Derivative(q, n), new Tolerance(1e-12, 1e-300), "X̂'(q)");
            // The difference quotient carries ≈ ulp(X̂)/h of rounding: ≈ 1e-16/1e-7 = 1e-9 absolute.
            Support.Close(expected, difference, new Tolerance(1e-6, 1e-8), "difference quotient of X̂");
        }
    }
}
