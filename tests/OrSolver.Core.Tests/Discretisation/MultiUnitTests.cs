using OrSolver.Core.Auctions;
using OrSolver.Core.Discretisation;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.LinearProgramming.OrTools;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Tests.Discretisation;

/// <summary>k identical units, unit demand (method.md §9): the cap E[min(k, Bin(n, q))]/n and the (k+1)-th price auction.</summary>
public class MultiUnitTests
{
    [Theory]
    [InlineData(5, 2, 0.3)]
    [InlineData(7, 3, 0.05)]
    [InlineData(4, 3, 0.9)]
    public void Cap_is_the_expected_number_of_units_served_per_buyer(int n, int k, double q)
    {
        // E[min(k, B)]/n with B ~ Bin(n, q), summed term by term from the binomial probabilities.
        double expected = 0;
        for (int j = 0; j <= n; j++)
        {
            double probability = MathNet.Numerics.SpecialFunctions.Binomial(n, j) * Math.Pow(q, j) * Math.Pow(1 - q, n - j);
            expected += Math.Min(k, j) * probability;
        }
        Support.Close(expected / n, BorderCap.Cap(q, n, k), new Tolerance(1e-12, 1e-15), "X̂_k(q)");
        Support.Close((double)k / n, BorderCap.Cap(1, n, k), Tolerances.Rounding, "X̂_k(1) = k/n");
        double a = q * 0.9;
        Support.Close(BorderCap.Cap(q, n, k) - BorderCap.Cap(a, n, k), BorderCap.Increment(a, q, n, k), new Tolerance(1e-10, 1e-15), "increment");
    }

    [Fact]
    public void Units_at_least_buyers_serve_everyone()
    {
        Support.Close(0.37, BorderCap.Cap(0.37, 3, 3), Tolerances.Rounding, "X̂ = q when k ≥ n");
        Support.Close(1, BorderCap.Derivative(0.37, 3, 5), Tolerances.Rounding, "x = 1 when k ≥ n");
    }

    /// <summary>Uniform[0,1]: the (k+1)-th price auction earns k·E[v_(k+1)] = k(n−k)/(n+1), and OPT is the sum of the
    /// top k order statistics, Σ_{i=n−k+1..n} i/(n+1) = k(2n−k+1)/(2(n+1)).</summary>
    [Theory]
    [InlineData(5, 2)]
    [InlineData(6, 3)]
    public void Uniform_k_units_match_the_order_statistics(int n, int k)
    {
        var problem = new FrontierProblem(new Market(OrSolver.Core.Distributions.DistributionSpec.Parse("uniform(0,1)"), n, k));
        Support.Close(k * (2.0 * n - k + 1) / (2 * (n + 1.0)), problem.OptimalWelfare, Tolerances.ClosedForm, "OPT");
        Support.Close(k * (n - k) / (n + 1.0), problem.SecondPrice.Revenue, Tolerances.ClosedForm, "(k+1)-th price revenue");
        Support.Close(k / (double)n * n * 0.5, problem.OptimalSurplus, Tolerances.ClosedForm, "U* = k·E[v] (lottery of k units)");
        using var solver = new FrontierSolver(problem, new OrToolsLinearSolver());
        var middle = solver.Solve((problem.MyersonSurplus + problem.OptimalSurplus) / 2);
        Assert.Equal(SolveStatus.Optimal, middle.Status);
        var analysis = DualityChecker.Analyse(middle, problem.Discretised);
        Assert.True(analysis.Check.Agrees, analysis.Check.Failure);
    }
}
