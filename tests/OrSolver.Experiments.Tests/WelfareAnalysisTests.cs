using OrSolver.Core;
using OrSolver.Core.Distributions;
using OrSolver.Core.Frontier;
using OrSolver.Core.Numerics;
using OrSolver.Core.Program.OrTools;
using OrSolver.Experiments.Analysis;

namespace OrSolver.Experiments.Tests;

/// <summary>
/// The analysis behind thm4.1–table1 against values from elsewhere: SPEC §10's uniform closed forms for the measured
/// welfare ratios (which is what the grid tolerance is for), the grid's landmarks of Example 4.2 against quadrature and
/// the closed form of U*, the proofs' bounds against mechanisms built by hand that they must cover, Ψ by hand, and the
/// random generator's reproducibility and validity.
/// </summary>
public class WelfareAnalysisTests
{
    // SPEC §10, Uniform[0,1]: Π* = 2n(1 − 2^{−(n+1)})/(n+1) − (1 − 2^{−n}); OPT = n/(n+1).
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

    [Theory]
    [InlineData(10)]
    [InlineData(1000)]
    [InlineData(1_000_000_000)]
    public void Example42_landmarks_on_the_grid_agree_with_quadrature_and_the_closed_form_of_U_star(long buyers)
    {
        var problem = new FrontierProblem(new Market(DistributionSpec.Parse($"example42({buyers})"), buyers), 1000);
        double logBuyers = Math.Log(buyers);
        var continuous = Example42Theory.Continuous(logBuyers);
        double scale = continuous.OptimalWelfare;
        var close = Tolerances.ClosedForm.AtScale(scale);
        Assert.True(close.Close(problem.OptimalRevenue, continuous.OptimalRevenue), $"Π* {problem.OptimalRevenue} against {continuous.OptimalRevenue}");
        Assert.True(close.Close(problem.OptimalWelfare, continuous.OptimalWelfare), $"OPT {problem.OptimalWelfare} against {continuous.OptimalWelfare}");
        Assert.True(close.Close(problem.MyersonSurplus, continuous.MyersonSurplus), $"U(Myerson) {problem.MyersonSurplus} against {continuous.MyersonSurplus}");
        // U* = E[v] = ∫₀^K e^{−v²} dv = (√π/2)·erf(K), K = √(ln n)/2: the lottery (F is MHR).
        double mean = Math.Sqrt(Math.PI) / 2 * MathNet.Numerics.SpecialFunctions.Erf(Math.Sqrt(logBuyers) / 2);
        Assert.True(close.Close(problem.OptimalSurplus, mean), $"U* {problem.OptimalSurplus} against {mean}");
    }

    [Theory]
    [InlineData(3)]
    [InlineData(9)]
    [InlineData(30)]
    [InlineData(300)]
    public void The_proofs_bounds_cover_the_mechanisms_they_are_built_from(int log10Buyers)
    {
        double logBuyers = log10Buyers * Math.Log(10), n = Math.Exp(logBuyers);
        var at = Example42Theory.Continuous(logBuyers);
        var bounds = Example42Theory.Chain(logBuyers, at);
        double revenueIdeal = at.OptimalRevenue, surplusIdeal = at.OptimalSurplus, myerson = at.MyersonSurplus, opt = at.OptimalWelfare;
        // The KS-fair mixture of Myerson and the lottery (proof of Theorem 4.1 (i)): share (1 − αβ)/(2 − α − β) with
        // α = U(Myerson)/U*, β = Π(lottery)/Π* = 0; it is KS-fair, so the KS bound must cover it.
        double alpha = myerson / surplusIdeal;
        double fair = (revenueIdeal + surplusIdeal) / (2 - alpha) / opt;
        Assert.True(Tolerances.Rounding.AtMost(fair, bounds.KalaiSmorodinsky), $"KS-fair mixture {fair} above the KS bound {bounds.KalaiSmorodinsky}");
        // Myerson with probability p, the lottery otherwise (proofs of Theorems 5.1, 5.3 (iii)): its own product is at
        // least itself, so the Nash and cross-side Nash bounds must cover its welfare, for any p.
        foreach (double weight in new[] { n, 1.0 })
        {
            double p = Math.Min(1, surplusIdeal / ((weight + 1) * (surplusIdeal - myerson)));
            double mixture = (p * revenueIdeal + p * myerson + (1 - p) * surplusIdeal) / opt;
            double bound = weight == 1 ? bounds.CrossSideNash : bounds.Nash;
            Assert.True(Tolerances.Rounding.AtMost(mixture, bound), $"w = {weight}: comparison mechanism {mixture} above the bound {bound}");
        }
        // K > 1/√2 at every n here, so some threshold is admissible and every bound exists.
        Assert.True(double.IsFinite(bounds.KalaiSmorodinsky) && double.IsFinite(bounds.Nash) && double.IsFinite(bounds.CrossSideNash));
    }

    [Fact]
    public void The_proofs_bounds_fall_as_n_grows()
    {
        var rows = WelfareStudies.FarChainBounds();
        for (int i = 1; i < rows.Count; i++)
        {
            Assert.True(rows[i].KalaiSmorodinsky <= rows[i - 1].KalaiSmorodinsky, $"KS bound rises at 10^{rows[i].Log10Buyers}");
            Assert.True(rows[i].Nash <= rows[i - 1].Nash, $"Nash bound rises at 10^{rows[i].Log10Buyers}");
            Assert.True(rows[i].CrossSideNash <= rows[i - 1].CrossSideNash, $"cross-side Nash bound rises at 10^{rows[i].Log10Buyers}");
            Assert.True(rows[i].LotteryRatio < rows[i - 1].LotteryRatio, $"lottery ratio rises at 10^{rows[i].Log10Buyers}");
        }
        // The limits they approach (Theorems 4.1 (iii), 5.1, 5.3 (iii)) lie below them.
        Assert.True(rows[^1].KalaiSmorodinsky > 0.5 && rows[^1].CrossSideNash > 0.5 && rows[^1].Nash > 0);
    }

    [Fact]
    public void Psi_matches_hand_values()
    {
        // τ = 1: min{1, (e − 1)/e + 1/(e + e²)}.
        double atOne = (Math.E - 1) / Math.E + 1 / (Math.E + Math.E * Math.E);
        Assert.True(Tolerances.Rounding.Close(SupplyBound.Psi(1), atOne));
        Assert.True(Tolerances.Rounding.Close(SupplyBound.LotteryCase(1), 1));
        // τ = e^{−2}: (2 + 2)/(2 + 4) = 2/3 against (e − 1)/e + 1/(e + 1) ≈ 0.90.
        Assert.True(Tolerances.Rounding.Close(SupplyBound.Psi(Math.Exp(-2)), 2.0 / 3));
        Assert.True(Tolerances.Rounding.Close(SupplyBound.MyersonCase(Math.Exp(-2)), (Math.E - 1) / Math.E + 1 / (Math.E + 1)));
    }

    [Fact]
    public void Random_markets_are_reproducible_valid_and_varied()
    {
        var first = RandomMarkets.Generate(400);
        Assert.Equal(first, RandomMarkets.Generate(400));
        Assert.NotEqual(first, RandomMarkets.Generate(400, RandomMarkets.Seed + 1));
        foreach (var market in first)
        {
            Assert.InRange(market.Buyers, 1, 30);
            _ = market.Market; // parses and validates: throws InputException on a bad spec
        }
        Assert.Contains(first, m => m.Spec.StartsWith("mixture(", StringComparison.Ordinal));
        Assert.Contains(first, m => m.Spec.StartsWith("example42(", StringComparison.Ordinal));
        // Every parametric family; empirical and quantiles read their values from a file, which random markets do not make.
        foreach (string family in DistributionSpec.Families.Where(f => f is not ("mixture" or "example42" or "empirical" or "quantiles")))
            Assert.Contains(first, m => m.Spec.StartsWith(family + "(", StringComparison.Ordinal));
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
