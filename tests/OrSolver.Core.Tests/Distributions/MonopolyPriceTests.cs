using OrSolver.Core.Distributions;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Tests.Distributions;

public class MonopolyPriceTests
{
    private static readonly Tolerance InQuantile = new(0.0, 1e-12);
    private static readonly Tolerance InRevenue = new(1e-12, 0.0);

    public static TheoryData<string, double, double, double> Cases() => new()
    {
        // spec, q_m, reserve v(q_m), R(q_m)
        // Uniform[0,1]: R = q(1 - q), maximised at 1/2.
        { "uniform(0, 1)", 0.5, 0.5, 0.25 },
        // Exponential(1): R = -q ln q, R' = -ln q - 1 = 0 at q = 1/e, reserve 1.
        { "exponential(1)", Math.Exp(-1), 1.0, Math.Exp(-1) },
        // Lomax(2): R = q^{1/2} - q, R' = 1/(2√q) - 1 = 0 at q = 1/4, reserve 2 - 1 = 1.
        { "lomax(2)", 0.25, 1.0, 0.25 },
        // Pareto(2): R = q^{1/2} is increasing: q = 1, reserve = scale.
        { "pareto(2)", 1.0, 1.0, 1.0 },
        { "pareto(2, scale=3)", 1.0, 3.0, 3.0 },
        // Equal revenue: R ≡ 1 on [1/cap, 1]: every price in [1, cap] is optimal; the rightmost maximiser is q = 1.
        { "equalrevenue(10)", 1.0, 1.0, 1.0 },
        // Uniform[1,2]: v = 2 - q, R = 2q - q², R' = 2 - 2q > 0 on [0, 1): q = 1 (R'(1) = 0), reserve 1.
        { "uniform(low=1, high=2)", 1.0, 1.0, 1.0 },
        // Irregular mixture 0.1·U[2,10] + 0.9·U[0,2] (no gap: the supports touch at 2).
        // q ≤ 0.1: v = 10 - 80q, R = 10q - 80q², local maximum at q = 1/16 with R = 0.3125.
        // q ≥ 0.1: S(v) = 0.1 + 0.9(2 - v)/2, v = (2/0.9)(1 - q), R = (2/0.9)q(1 - q), local maximum at q = 1/2
        // with R = 5/9 > 0.3125: the global maximum is the second local one. Reserve (2/0.9)/2 = 10/9.
        { "mixture(0.1*uniform(2, 10), 0.9*uniform(0, 2))", 0.5, 10.0 / 9.0, 5.0 / 9.0 },
        // Same first component with weight 0.3: q ≤ 0.3: v = 10 - (80/3)q, R maximum at q = 3/16, R = 15/16;
        // q ≥ 0.3: v = (2/0.7)(1 - q), R max at 1/2 = 0.5/0.7·... = (2/0.7)/4 = 0.714 < 0.9375: the first one wins.
        { "mixture(0.3*uniform(2, 10), 0.7*uniform(0, 2))", 3.0 / 16.0, 5.0, 15.0 / 16.0 },
        // Gap and atom: 0.3·U[2,3] + 0.7·Pareto(2.5, cap 1.5). On q ≤ 0.3, v = 3 - q/0.3, R = 3q - q²/0.3 is
        // increasing (R' = 0 at 0.45), R(0.3) = 0.6 at the gap's upper edge v = 2. On the atom R = 1.5q rises to
        // 1.5·(0.3 + 0.7·1.5^{-2.5}) = 0.831; beyond it v = (q/0.7)^{-0.4} and R ∝ q^{0.6} keeps rising to R(1) = 1.
        { "mixture(0.3*uniform(2, 3), 0.7*pareto(2.5, cap=1.5))", 1.0, 1.0, 1.0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Finds_the_rightmost_revenue_maximiser(string spec, double quantile, double reserve, double revenue)
    {
        var point = MonopolyPrice.Find(DistributionSpec.Parse(spec));
        Assert.True(InQuantile.Close(point.Quantile, quantile), $"{spec}: q_m = {point.Quantile:R} vs {quantile:R}");
        Assert.True(new Tolerance(1e-11, 1e-12).Close(point.Reserve, reserve), $"{spec}: reserve {point.Reserve:R} vs {reserve:R}");
        Assert.True(InRevenue.Close(point.Revenue, revenue), $"{spec}: R = {point.Revenue:R} vs {revenue:R}");
    }

    [Fact]
    public void Gap_upper_edge_is_the_maximiser_when_revenue_falls_after_the_gap()
    {
        // 0.3·U[2,3] + 0.7·U[0,1]: R(0.3) = 0.3·2 = 0.6 at the gap's upper edge (left-limit convention);
        // after the gap v = (1 - q)/0.7 and R ≤ 0.25/0.7 = 0.357.
        var point = MonopolyPrice.Find(DistributionSpec.Parse("mixture(0.3*uniform(2, 3), 0.7*uniform(0, 1))"));
        Assert.True(InQuantile.Close(point.Quantile, 0.3), $"{point}");
        Assert.Equal(2.0, point.Reserve);
        Assert.True(InRevenue.Close(point.Revenue, 0.6), $"{point}");
    }

    [Fact]
    public void Gamma_and_weibull_agree_with_the_first_order_condition()
    {
        foreach (string spec in new[] { "gamma(3, 2)", "weibull(2, 1)", "lognormal(0, 0.5)", "normal(0.5, 0.2, 0, 1)", "beta(2, 3)" })
        {
            var distribution = DistributionSpec.Parse(spec);
            var point = MonopolyPrice.Find(distribution);
            // Virtual value zero at the reserve: v = (1 - F(v))/f(v) = q/f(v).
            double virtualValue = point.Reserve - point.Quantile / distribution.Density(point.Reserve);
            Assert.True(Math.Abs(virtualValue) <= 1e-12 * point.Reserve, $"{spec}: φ(v*) = {virtualValue:R} at {point}");
            foreach (double q in new[] { point.Quantile - 1e-6, point.Quantile + 1e-6, 0.01, 0.99 })
                Assert.True(distribution.Revenue(q) <= point.Revenue, $"{spec}: R({q}) above the maximum");
        }
    }

    [Fact]
    public void Example42_reserve_is_below_the_atom()
    {
        // Weibull(2): R = q√(-ln q) peaks at q = e^{-1/2} (v = 1/√2); with n = 10^9, K = 2.28 > 1/√2.
        var point = MonopolyPrice.Find(DistributionSpec.Parse("example42(1e9)"));
        Assert.True(InQuantile.Close(point.Quantile, Math.Exp(-0.5)), $"{point}");
        Assert.True(new Tolerance(1e-12, 0).Close(point.Reserve, Math.Sqrt(0.5)), $"{point}");
    }

    [Fact]
    public void Finding_is_fast()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        MonopolyPrice.Find(DistributionSpec.Parse("mixture(0.2*gamma(3, 1), 0.5*normal(1, 0.5, 0, 4), 0.3*beta(2, 2, 5, 6))"));
        Assert.True(watch.Elapsed.TotalSeconds < 2, $"took {watch.Elapsed}");
    }
}
