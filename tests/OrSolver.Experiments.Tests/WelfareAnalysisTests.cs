using OrSolver.Core.LinearProgramming.OrTools;
using OrSolver.Core.Numerics;
using OrSolver.Experiments.Analysis;

namespace OrSolver.Experiments.Tests;

/// <summary>
/// The welfare measurements behind thm4.1–table1 against the uniform closed forms (which is what the grid tolerance is
/// for), and the claims' bound checks: violations and rises counted beyond the tolerance only.
/// </summary>
public class WelfareAnalysisTests
{
    // Uniform[0,1] (method.md §14): Π* = 2n(1 − 2^{−(n+1)})/(n+1) − (1 − 2^{−n}); OPT = n/(n+1).
    private static double UniformOptimalRevenue(int n) => 2.0 * n * (1 - Math.Pow(2, -(n + 1))) / (n + 1) - (1 - Math.Pow(2, -n));

    [Fact]
    public void Welfare_ratios_on_a_coarse_grid_meet_the_uniform_closed_forms_within_the_grid_tolerance()
    {
        var solver = new OrToolsLinearSolver();
        // KS, n = 2: U = 1/(2(1 + Π*)), Π = Π*/(1 + Π*), OPT = 2/3.
        double revenueIdeal = UniformOptimalRevenue(2);
        double ks = (0.5 + revenueIdeal) / (1 + revenueIdeal) / (2.0 / 3);
        // Nash, n = 4: Π = 1/(n+1), U = n/(2(n+1)), OPT = n/(n+1): W/OPT = 1/n + 1/2.
        double nash = 1.0 / 4 + 0.5;
        // Cross-side Nash, n = 3: (Π, U) = (1/2, 1/4), OPT = 3/4: W/OPT = 1.
        double crossSide = 1;
        var two = WelfareMeasurement.Measure(new MarketCase("uniform(0, 1)", 2), 300, refined: false, solver);
        var four = WelfareMeasurement.Measure(new MarketCase("uniform(0, 1)", 4), 300, refined: false, solver);
        var three = WelfareMeasurement.Measure(new MarketCase("uniform(0, 1)", 3), 300, refined: false, solver);
        Assert.True(Tolerances.GridWelfareRatio.Close(two.KalaiSmorodinsky, ks), $"KS {two.KalaiSmorodinsky} against {ks}");
        Assert.True(Tolerances.GridWelfareRatio.Close(four.Nash, nash), $"Nash {four.Nash} against {nash}");
        Assert.True(Tolerances.GridWelfareRatio.Close(three.CrossSideNash, crossSide), $"cross-side Nash {three.CrossSideNash} against {crossSide}");
    }

    [Fact]
    public void Bound_checks_count_violations_beyond_the_tolerance_and_rises_beyond_it()
    {
        double slack = Tolerances.GridWelfareRatio.Absolute;
        var check = WelfareStudies.AtLeast([("a", 0.9, 0.5), ("b", 0.6, 0.6 + slack / 2), ("c", 0.7, 0.7 + 2 * slack)]);
        Assert.Equal(1, check.Violations);
        Assert.Equal("c", check.ClosestWhere);
        Assert.Equal("b", check.LowestWhere);
        Assert.Equal([2], WelfareStudies.Rises([0.9, 0.8, 0.8 + 2 * slack, 0.8 + 2 * slack + slack / 2]));
    }
}
