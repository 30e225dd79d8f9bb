using OrSolver.Core.Distributions;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Tests.Distributions;

/// <summary>
/// Value space against closed forms: a posted price's payoffs from the survival function (revenue p·P(X ≥ p), surplus
/// ∫_p S), and the classes of Def. 2.2 from the hazard rate and the virtual value of laws whose class is known by hand.
/// </summary>
public class ValueSpaceTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.7)]
    [InlineData(3.0)]
    public void Posting_p_to_an_exponential_buyer_earns_p_e_to_the_minus_p_and_leaves_e_to_the_minus_p(double price)
    {
        var (revenue, surplus) = ValueSpace.PostedPrice(DistributionSpec.Parse("exponential(1)"), price);
        Assert.True(Tolerances.ValueSpace.Close(revenue, price * Math.Exp(-price)), $"revenue {revenue:R}");
        Assert.True(Tolerances.ValueSpace.Close(surplus, Math.Exp(-price)), $"surplus {surplus:R}");
    }

    // Values uniform on [0, 1] and [2, 3] with weight 1/2 each: E[(X − p)⁺] = 1.25 − p/2 + (1 − p)²/4 for p ≤ 1, and the
    // survival function kinks at 1, the lower edge of the gap (quadrature across it was 7e-6 off before the split there).
    [Theory]
    [InlineData(0.01093)]
    [InlineData(0.5)]
    public void Posted_price_surplus_is_exact_across_a_gap_in_the_support(double price)
    {
        var (revenue, surplus) = ValueSpace.PostedPrice(DistributionSpec.Parse("mixture(0.5*uniform(0, 1), 0.5*uniform(2, 3))"), price);
        Assert.True(Tolerances.ValueSpace.Close(surplus, 1.25 - price / 2 + (1 - price) * (1 - price) / 4), $"surplus {surplus:R}");
        Assert.True(Tolerances.ValueSpace.Close(revenue, price * (1 - price / 2)), $"revenue {revenue:R}");
    }

    [Theory]
    [InlineData("exponential(2)", true, true, true)]
    [InlineData("uniform(0, 1)", true, true, false)]
    [InlineData("pareto(2)", true, false, true)]
    [InlineData("pareto(2, cap=100)", true, false, false)]
    [InlineData("weibull(0.5)", false, false, true)]
    [InlineData("mixture(0.5*uniform(0, 1), 0.5*uniform(2, 3))", false, false, false)]
    public void Value_space_classes_follow_the_hazard_rate_and_the_virtual_value(string spec, bool regular, bool mhr, bool antiMhr)
    {
        // Hand: exponential h = 2; uniform h = 1/(1−v) rises, φ = 2v − 1; Pareto h = 2/v falls, φ = v/2; a cap adds an
        // atom (h = ∞ at the top); Weibull(1/2) h = 1/(2√v) falls, φ = v − 2√v dips; a gap makes h drop to 0.
        var shape = ValueSpace.Classify(DistributionSpec.Parse(spec), 2000);
        Assert.Equal((regular, mhr, antiMhr), (shape.Regular, shape.MonotoneHazardRate, shape.AntiMonotoneHazardRate));
    }


    [Fact]
    public void The_classification_says_its_classes_and_steps_in_words()
    {
        // Uniform[0, 1]: h = 1/(1 − v) rises, φ = 2v − 1 rises: regular and MHR, and h rises (not anti-MHR).
        var shape = ValueSpace.Classify(DistributionSpec.Parse("uniform(0, 1)"), 200);
        string text = shape.ToString();
        Assert.StartsWith("regular, MHR (worst steps the wrong way: virtual value 0, hazard rate 0 down and ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{", text, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ValueSpaceClassification(-1, 0, 0, 10));
    }

    // Costs, by hand: G/g is c for uniform(0, 1), (e^{2c} − 1)/2 for exponential(2), (c³ − c)/2 for pareto(2) and
    // 2√c·(e^{√c} − 1) for weibull(0.5) (not MHR as values, MHR as costs), all increasing, and then c + G/g increases too.
    // A cap is an atom at the top, which costs may not have; a gap in the support makes g/G rise from 0 where it ends; the
    // bimodal beta mixture's g/G rises from 0.56 at c = 0.5 to 2.1 at c = 0.8 and its virtual cost falls from 2.28 to 1.28.
    [Theory]
    [InlineData("uniform(0, 1)", true, true)]
    [InlineData("exponential(2)", true, true)]
    [InlineData("pareto(2)", true, true)]
    [InlineData("weibull(0.5)", true, true)]
    [InlineData("pareto(2, cap=100)", false, false)]
    [InlineData("mixture(0.5*uniform(0, 1), 0.5*uniform(2, 3))", false, false)]
    [InlineData("mixture(0.5*beta(2, 8), 0.5*beta(8, 2))", false, false)]
    public void Cost_classes_follow_the_reverse_hazard_rate(string spec, bool mhr, bool regular)
    {
        var classes = ValueSpace.ClassifyCost(DistributionSpec.Parse(spec), 2000);
        Assert.True(classes.MonotoneHazardRate == mhr, $"{spec}: MHR as costs {classes.MonotoneHazardRate} (worst rise of g/G {classes.MhrStep:G3})");
        Assert.True(classes.Regular == regular, $"{spec}: regular as costs {classes.Regular} (worst fall of c + G/g {classes.RegularStep:G3})");
    }

    [Fact]
    public void Log_concave_draws_are_MHR_as_values_and_as_costs()
    {
        var random = new Random(RandomMarkets.Seed);
        for (int i = 0; i < 120; i++)
        {
            string spec = RandomMarkets.LogConcave(random);
            var distribution = DistributionSpec.Parse(spec);
            var values = ValueSpace.Classify(distribution, 400);
            var costs = ValueSpace.ClassifyCost(distribution, 400);
            Assert.True(values.MonotoneHazardRate, $"{spec}: not MHR as values ({values})");
            Assert.True(costs.MonotoneHazardRate, $"{spec}: not MHR as costs (worst rise of g/G {costs.MhrStep:G3})");
        }
    }
}
