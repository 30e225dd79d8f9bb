using MathNet.Numerics;
using OrSolver.Core.Auctions;
using OrSolver.Core.Discretisation;
using OrSolver.Core.Distributions;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Tests.Auctions;

/// <summary>
/// The landmarks of the grid frontier against continuous values computed independently by adaptive quadrature of
/// the paper's formulas (no grid, no LP, no hull). Integrating eq. (2)'s payment identity by parts:
/// Π(second price, reserve at q_r) = n·X̂'(q_r)·R(q_r) − n·R(0) + n(n−1)·∫₀^{q_r} R(q)(1−q)^{n−2} dq,
/// W = n·∫₀^{q_r} X̂'(q)·v(q) dq. For a regular F the Myerson point is the second-price auction with reserve at q_m
/// (Myerson 1981); for an MHR F the buyer-optimal point is the lottery at the lowest value v(1), whose surplus is
/// U* = n·∫ (1/n)(v − R') = E[v] − v(1) (method.md §7.3; the payment identity leaves the lowest type no surplus).
/// The grid is a lower bound that converges to these values (method.md §3.6); at the default grid they agree to 1e-5.
/// </summary>
public class IndependentReferenceTests
{
    private static readonly Tolerance Accuracy = new(1e-5, 1e-12);

    [Theory]
    [InlineData("weibull(1.7, 2)", 3)]
    [InlineData("gamma(3, 2)", 10)]
    [InlineData("beta(2, 3)", 4)]
    [InlineData("normal(1, 0.5, 0, 3)", 7)]
    [InlineData("lognormal(0, 0.4)", 2)]
    [InlineData("lomax(3, 2)", 25)]
    [InlineData("uniform(1, 3)", 100)]
    public void Landmarks_match_quadrature_of_the_closed_forms(string spec, int n)
    {
        var distribution = DistributionSpec.Parse(spec);
        var problem = new FrontierProblem(new Market(distribution, n));
        var shape = ShapeClassification.Classify(problem.Discretised);
        Assert.True(shape.Regular, $"{spec} should be regular");

        double qm = problem.Monopoly.Quantile;
        var (myersonRevenue, myersonWelfare) = SecondPriceWithReserve(distribution, n, qm);
        var (secondPriceRevenue, optimalWelfare) = SecondPriceWithReserve(distribution, n, 1);

        Support.Close(optimalWelfare, problem.OptimalWelfare, Accuracy, "OPT");
        Support.Close(secondPriceRevenue, problem.SecondPrice.Revenue, Accuracy, "Π of the second-price auction");
        Support.Close(myersonRevenue, problem.OptimalRevenue, Accuracy, "Π*");
        Support.Close(myersonWelfare - myersonRevenue, problem.MyersonSurplus, Accuracy, "U at the Myerson point");
        if (shape.MonotoneHazardRate)
        {
            Support.Close(distribution.Mean - distribution.SupportLow, problem.OptimalSurplus, Accuracy, "U* = E[v] − v(1) (lottery)");
            Support.Close(distribution.SupportLow, problem.SurplusOptimal.Allocation.Revenue, Accuracy.AtScale(optimalWelfare), "the lottery sells at v(1)");
        }
    }

    /// <summary>(Π, W) of the second-price auction with reserve at quantile <paramref name="reserve"/>.</summary>
    internal static (double Revenue, double Welfare) SecondPriceWithReserve(IValueDistribution f, int n, double reserve)
    {
        double revenue = n * BorderCap.Derivative(reserve, n) * f.Revenue(reserve) - n * f.RevenueAtZero
            + (n > 1 ? n * (n - 1.0) * Quadrature(q => f.Revenue(q) * Math.Pow(1 - q, n - 2), reserve, n) : 0);
        double welfare = n * Quadrature(q => Math.Pow(1 - q, n - 1) * f.Value(q), reserve, n);
        return (revenue, welfare);
    }

    /// <summary>∫₀^b g by adaptive Gauss–Kronrod on pieces split at the market scale 1/n and geometrically towards 0.</summary>
    private static double Quadrature(Func<double, double> g, double upper, int n)
    {
        var cuts = new List<double> { 0 };
        for (double c = 1e-14; c < upper; c *= 10) cuts.Add(c);
        foreach (double c in new[] { 1.0 / n, 5.0 / n, 20.0 / n }) if (c < upper) cuts.Add(c);
        cuts.Add(upper);
        cuts.Sort();
        double sum = 0;
        for (int i = 1; i < cuts.Count; i++)
        {
            if (cuts[i] <= cuts[i - 1]) continue;
            sum += MathNet.Numerics.Integrate.GaussKronrod(g, cuts[i - 1], cuts[i], out _, out _, Tolerances.Quadrature, 12);
        }
        return sum;
    }
}
