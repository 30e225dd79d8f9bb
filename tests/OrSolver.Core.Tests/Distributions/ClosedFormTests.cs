using MathNet.Numerics;
using OrSolver.Core.Distributions;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Tests.Distributions;

public class ClosedFormTests
{
    private static readonly Tolerance Tight = new(1e-12, 0.0);
    private static readonly Tolerance ValueAccuracy = new(1e-13, 0.0);

    public static TheoryData<string, double> Means() => new()
    {
        { "exponential(2)", 0.5 },
        { "uniform(0.5, 2)", 1.25 },
        { "pareto(2.5, 3)", 2.5 * 3 / 1.5 },
        { "lomax(3, 2)", 2.0 / 2.0 },
        { "lognormal(0.2, 0.8)", Math.Exp(0.2 + 0.32) },
        { "beta(2, 3)", 0.4 },
        { "beta(2, 3, 1, 3)", 1 + 2 * 0.4 },
        { "gamma(4, 1.5)", 4 / 1.5 },
        { "weibull(0.7, 2)", 2 * SpecialFunctions.Gamma(1 + 1 / 0.7) },
        { "equalrevenue(10)", 1 + Math.Log(10) },
        // Truncated normal: mean + sd·(φ(α) - φ(β))/Z; on [0, 1] with N(0.5, 0.2²) the truncation is symmetric.
        { "normal(0.5, 0.2, 0, 1)", 0.5 },
        // Example 4.2: E[min(K, V)] = ∫₀^K e^{-v²} dv = (√π/2)·erf(K).
        { "example42(1000)", Math.Sqrt(Math.PI) / 2 * SpecialFunctions.Erf(Math.Sqrt(Math.Log(1000)) / 2) },
        // Capped Pareto: E = s·α/(α-1)·(1 - (s/c)^{α-1}) + c·(s/c)^α.
        { "pareto(3, cap=4)", 1.5 * (1 - Math.Pow(0.25, 2)) + 4 * Math.Pow(0.25, 3) },
        // Capped Lomax(1): E[min(X, c)] = ∫₀^c dv/(1 + v) = ln(1 + c).
        { "lomax(1, cap=100)", Math.Log(101) },
        { "mixture(0.25*exponential(2), 0.75*uniform(0, 1))", 0.25 * 0.5 + 0.75 * 0.5 },
    };

    [Theory]
    [MemberData(nameof(Means))]
    public void Mean_matches_closed_form(string spec, double expected)
    {
        double actual = DistributionSpec.Parse(spec).Mean;
        Assert.True(Tight.Close(actual, expected), $"{spec}: mean {actual:R} vs {expected:R}");
    }

    public static TheoryData<string> Specs() => Families.Specs();

    [Theory]
    [MemberData(nameof(Specs))]
    public void Survival_of_value_is_the_quantile_away_from_atoms(string spec)
    {
        var distribution = DistributionSpec.Parse(spec);
        foreach (double q in new[] { 1e-14, 1e-9, 1e-4, 0.01, 0.3, 0.5, 0.7, 0.99 })
        {
            double v = distribution.Value(q);
            double above = distribution.Survival(v), atOrAbove = distribution.SurvivalInclusive(v);
            if (atOrAbove > above) continue; // an atom: q lies in [P(X > v), P(X ≥ v)], checked below
            // v is a double: near a bounded top its rounding moves S by up to f(v)·ulp(v).
            double rounding = 4 * distribution.Density(v) * (Math.BitIncrement(v) - v);
            Assert.True(Math.Abs(above - q) <= 1e-11 * q + rounding, $"{spec}: S(v({q})) = {above:R}, v = {v:R}");
        }
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Quantile_lies_between_the_two_survivals_of_its_value(string spec)
    {
        var distribution = DistributionSpec.Parse(spec);
        var tolerance = new Tolerance(1e-11, 1e-300);
        for (int i = 1; i < 200; i++)
        {
            double q = i / 200.0;
            double v = distribution.Value(q);
            Assert.True(tolerance.AtMost(distribution.Survival(v), q) && tolerance.AtMost(q, distribution.SurvivalInclusive(v)),
                $"{spec}: q = {q}, v = {v:R}, S = {distribution.Survival(v):R}, S≥ = {distribution.SurvivalInclusive(v):R}");
        }
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Value_is_non_increasing_and_bounded_by_the_support(string spec)
    {
        var distribution = DistributionSpec.Parse(spec);
        double previous = distribution.Value(0.0);
        Assert.Equal(distribution.SupportHigh, previous);
        foreach (double q in Enumerable.Range(-300, 301).Select(k => Math.Pow(10, k / 20.0)))
        {
            double v = distribution.Value(q);
            Assert.True(v <= previous && v >= distribution.SupportLow, $"{spec}: v({q}) = {v:R} after {previous:R}");
            previous = v;
        }

        Assert.Equal(distribution.SupportLow, distribution.Value(1.0));
    }

    public static TheoryData<string, double, double> SmallQuantileValues()
    {
        const double q = 1e-14;
        return new()
        {
            { "exponential(2)", q, -Math.Log(q) / 2 },
            { "gamma(1, 2)", q, -Math.Log(q) / 2 },
            { "weibull(0.7, 2)", q, 2 * Math.Pow(-Math.Log(q), 1 / 0.7) },
            { "pareto(2.5, 3)", q, 3 * Math.Pow(q, -1 / 2.5) },
            { "lomax(3, 2)", q, 2 * (Math.Pow(q, -1 / 3.0) - 1) },
            { "uniform(0.5, 2)", q, 2 - 1.5 * q },
            { "beta(1, 1, 0, 2)", q, 2 - 2 * q },
            { "beta(2, 1)", q, Math.Sqrt(1 - q) }, // F = v², so v = √(1 - q)
            { "beta(1, 3)", q, 1 - Math.Pow(q, 1 / 3.0) },
            { "equalrevenue(1e20)", q, 1e14 },
            { "example42(1e300)", q, Math.Sqrt(-Math.Log(q)) },
            { "exponential(1)", 1 - 1e-12, -Math.Log(1 - 1e-12) },
            // Near q = 1 the Lomax value is small: with x = 2^-20 (q = 1 - x exact), -ln q = x + x²/2 + x³/3 + ...
            // and v = 2·expm1(-ln(q)/3) = 2·(y + y²/2 + y³/6 + ...), y = -ln(q)/3, which must not lose digits.
            { "lomax(3, 2)", 1 - LomaxX, 2 * LomaxExpm1() },
        };
    }

    private const double LomaxX = 1.0 / (1 << 20);

    private static double LomaxExpm1()
    {
        double x = LomaxX, y = (x + x * x / 2 + x * x * x / 3) / 3;
        return y + y * y / 2 + y * y * y / 6;
    }

    [Theory]
    [MemberData(nameof(SmallQuantileValues))]
    public void Value_near_the_ends_matches_closed_form(string spec, double q, double expected)
    {
        double actual = DistributionSpec.Parse(spec).Value(q);
        Assert.True(ValueAccuracy.Close(actual, expected), $"{spec}: v({q}) = {actual:R} vs {expected:R}");
    }

    [Fact]
    public void Gamma_upper_quantile_solves_the_upper_tail_to_full_precision()
    {
        // Q(2, x) = e^{-x}(1 + x): no special function needed for the check.
        var gamma = new GammaDistribution(2.0, 3.0);
        foreach (double q in new[] { 1e-300, 1e-14, 1e-6, 0.3, 0.9, 1 - 1e-9 })
        {
            double x = 3.0 * gamma.Value(q);
            double survival = Math.Exp(-x) * (1 + x);
            // The rounding of x moves Q by the elasticity x·f/Q ≈ x ulps.
            Assert.True(new Tolerance(1e-14 * Math.Max(10, x), 0.0).Close(survival, q), $"q = {q}: Q(2, x) = {survival:R}");
        }
    }

    [Fact]
    public void Truncated_normal_keeps_relative_accuracy_at_the_top()
    {
        // Near high, V(q) = q·high - q²/(2·f(high)) + O(q³): the correction carries the digits of high - v(q),
        // which the double v(q) cannot hold.
        var normal = new TruncatedNormalDistribution(0.5, 0.2, 0.0, 1.0);
        double beta = 2.5, mass = SpecialFunctions.Erf(2.5 / Math.Sqrt(2));
        double densityAtTop = Math.Exp(-beta * beta / 2) / Math.Sqrt(2 * Math.PI) / (0.2 * mass);
        foreach (double q in new[] { 1e-15, 1e-12, 1e-9 })
        {
            double expected = q - q * q / (2 * densityAtTop);
            Assert.True(new Tolerance(1e-14, 0.0).Close(normal.IntegratedValue(q), expected),
                $"q = {q}: V = {normal.IntegratedValue(q):R} vs {expected:R}");
        }
    }

    [Fact]
    public void Breakpoints_are_cap_quantiles_and_atom_ends()
    {
        Assert.Equal([0.1], DistributionSpec.Parse("equalrevenue(10)").Breakpoints);
        Assert.True(Tight.Close(DistributionSpec.Parse("example42(1e9)").Breakpoints.Single(), Math.Pow(1e9, -0.25)));
        Assert.True(Tight.Close(DistributionSpec.Parse("pareto(2, cap=4)").Breakpoints.Single(), 1.0 / 16));
        Assert.Empty(DistributionSpec.Parse("pareto(2)").Breakpoints);

        // Gap (1.5, 2) and atom at 1.5 of mass 0.7·(1/1.5)^2.5: breakpoints at 0.3 (gap) and 0.3 + atom.
        var mixture = DistributionSpec.Parse("mixture(0.3*uniform(2, 3), 0.7*pareto(2.5, cap=1.5))");
        double atom = 0.7 * Math.Pow(1 / 1.5, 2.5);
        Assert.Equal(2, mixture.Breakpoints.Count);
        Assert.True(Tight.Close(mixture.Breakpoints[0], 0.3), $"{mixture.Breakpoints[0]}");
        Assert.True(Tight.Close(mixture.Breakpoints[1], 0.3 + atom), $"{mixture.Breakpoints[1]}");
    }

    [Fact]
    public void Mixture_value_takes_the_left_limit_at_a_gap_and_is_flat_on_an_atom()
    {
        var mixture = DistributionSpec.Parse("mixture(0.3*uniform(2, 3), 0.7*pareto(2.5, cap=1.5))");
        double atom = 0.7 * Math.Pow(1 / 1.5, 2.5);
        Assert.True(Tight.Close(mixture.Value(0.15), 2.5));
        Assert.Equal(2.0, mixture.Value(0.3));
        Assert.Equal(1.5, mixture.Value(0.3 + 1e-12));
        Assert.Equal(1.5, mixture.Value(0.3 + atom / 2));
        Assert.Equal(1.5, mixture.Value(0.3 + atom));
        Assert.True(mixture.Value(0.3 + atom + 1e-9) < 1.5);
        // V on the atom: V(0.3) + 1.5·(q - 0.3), V(0.3) = 0.3·2.5.
        double q = 0.3 + atom / 3;
        Assert.True(Tight.Close(mixture.IntegratedValue(q), 0.75 + 1.5 * (q - 0.3)), $"{mixture.IntegratedValue(q):R}");
    }

    [Fact]
    public void Quantiles_outside_the_unit_interval_are_refused()
    {
        var distribution = new UniformDistribution(0, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => distribution.Value(-1e-300));
        Assert.Throws<ArgumentOutOfRangeException>(() => distribution.IntegratedValue(1 + 1e-15));
        Assert.Throws<ArgumentOutOfRangeException>(() => distribution.Revenue(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => distribution.Survival(double.NaN));
    }
}
