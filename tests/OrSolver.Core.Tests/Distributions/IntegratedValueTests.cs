using OrSolver.Core.Distributions;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Tests.Distributions;

public class IntegratedValueTests
{
    private static readonly Tolerance AgainstQuadrature = new(1e-10, 0.0); // measured agreement: ≤ 5e-13
    private static readonly double[] Quantiles = [1e-10, 1e-4, 0.01, 0.3, 0.7, 1.0];

    public static TheoryData<string> Specs() => Families.Specs();

    [Theory]
    [MemberData(nameof(Specs))]
    public void Closed_form_V_matches_quadrature_of_v(string spec)
    {
        var distribution = DistributionSpec.Parse(spec);
        foreach (double q in Quantiles)
        {
            double actual = distribution.IntegratedValue(q);
            double expected = ReferenceIntegral.IntegratedValue(distribution, q);
            Assert.True(AgainstQuadrature.Close(actual, expected),
                $"{spec}: V({q}) = {actual:R} vs quadrature {expected:R} (rel {Tolerance.RelativeError(actual, expected):E2})");
        }
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void V_is_zero_at_zero_and_the_mean_at_one(string spec)
    {
        var distribution = DistributionSpec.Parse(spec);
        Assert.Equal(0.0, distribution.IntegratedValue(0.0));
        Assert.Equal(distribution.Mean, distribution.IntegratedValue(1.0));
        Assert.Equal(0.0, distribution.RevenueAtZero);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void V_is_increasing_with_differences_bounded_by_v(string spec)
    {
        // V(b) - V(a) lies between (b - a)·v(b) and (b - a)·v(a): v is non-increasing.
        var distribution = DistributionSpec.Parse(spec);
        var slack = new Tolerance(1e-9, 1e-300);
        double[] grid = [1e-14, 1e-13, 1e-9, 1e-6, 1e-3, 0.05, 0.2, 0.5, 0.8, 0.999, 1.0];
        for (int i = 0; i + 1 < grid.Length; i++)
        {
            double a = grid[i], b = grid[i + 1];
            double difference = distribution.IntegratedValue(b) - distribution.IntegratedValue(a);
            double lower = (b - a) * distribution.Value(b), upper = (b - a) * distribution.Value(a);
            Assert.True(slack.AtMost(lower, difference) && slack.AtMost(difference, upper),
                $"{spec}: V({b}) - V({a}) = {difference:R} outside [{lower:R}, {upper:R}]");
        }
    }
}
