using OrSolver.Core.Distributions;
using OrSolver.Core.Numerics;
using OrSolver.Experiments.Analysis;

namespace OrSolver.Experiments.Tests;

/// <summary>
/// The one-buyer helpers of experiments prop3.1-3.3 and appE against closed forms: posted-price payoffs in value space,
/// the value-space classes of Def. 2.2, quasi-regularity (Def. E.2), and the price-posting ratio on the paper's instances.
/// </summary>
public class SingleBuyerAnalysisTests
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
    public void Quasi_regularity_accepts_the_paper_instance_and_regular_laws_and_refuses_gaps()
    {
        Assert.True(QuasiRegularity.Holds(PiecewiseValueDistribution.AppendixE2(0.325268, 0.589198), 10_000));
        Assert.True(QuasiRegularity.Holds(DistributionSpec.Parse("uniform(0, 1)"), 10_000));
        // E.1's instance drops from v = 1 to 0 at q = 1/2 (R/(1 − q) falls from 1 to 0) and from K² to K/2 at 1/(2K).
        Assert.False(QuasiRegularity.Holds(PiecewiseValueDistribution.AppendixE1(Math.Exp(2)), 10_000));
        Assert.False(QuasiRegularity.Holds(DistributionSpec.Parse("mixture(0.5*uniform(0, 1), 0.5*uniform(2, 3))"), 10_000));
    }

    // Appendix E.2.2: at U = U_F(q†) = c·ln(q†/ℓ) one price earns q†, the optimum q†·(ℓ ln q† − ln ℓ)/(q† ln q† − ln ℓ);
    // the ratio is (q† ln q† − ln ℓ)/(ℓ ln q† − ln ℓ), and the frontier's slope there is λ* = (q† − ℓ)/(q† ln q† − ln ℓ)
    // (R_λ*(ℓ) = R_λ*(1)), which the first-order condition makes ℓ at the optimal (ℓ, q†): ≈ ℓ at the printed digits.
    [Fact]
    public void The_ratio_on_appendix_E2_instance_is_its_closed_form()
    {
        const double low = 0.325268, dagger = 0.589198;
        var posted = PostedPrices.Compute(PiecewiseValueDistribution.AppendixE2(low, dagger), 400);
        double surplus = dagger / (1 - dagger) * Math.Log(dagger / low);
        double expected = (dagger * Math.Log(dagger) - Math.Log(low)) / (low * Math.Log(dagger) - Math.Log(low));
        Assert.True(Tolerances.ClosedForm.Close(posted.BestSinglePrice(surplus), dagger), $"single price {posted.BestSinglePrice(surplus):R}");
        Assert.True(Tolerances.ClosedForm.Close(posted.BestSinglePrice(surplus) / posted.Randomised(surplus), expected));
        double slope = posted.Frontier.Locate(surplus).Lambda;
        Assert.True(Tolerances.ClosedForm.Close(slope, (dagger - low) / (dagger * Math.Log(dagger) - Math.Log(low))), $"slope {slope:R}");
        Assert.True(Math.Abs(slope - low) < 1e-5, $"slope {slope:R} against ℓ = {low}");
    }

    // Appendix E.1 at K = e²: one price earns 1/2 at U = K/2; the optimum mixes prices K² and 1 with
    // U_F(1/2) = (K + ln K − ln 2)/2 − 1/4, so Π = K(L + 1/2)/(2(K + L − 1/2)) with L = ln(K/2).
    [Fact]
    public void The_ratio_on_appendix_E1_instance_is_the_hand_computed_one()
    {
        double k = Math.Exp(2), l = Math.Log(k / 2);
        var posted = PostedPrices.Compute(PiecewiseValueDistribution.AppendixE1(k), 400);
        Assert.True(Tolerances.ClosedForm.Close(posted.BestSinglePrice(k / 2), 0.5));
        Assert.True(Tolerances.ClosedForm.Close(posted.Randomised(k / 2), k * (l + 0.5) / (2 * (k + l - 0.5))), $"Π(K/2) = {posted.Randomised(k / 2):R}");
    }

    // Uniform[0, 1], one buyer: price p leaves U = (1 − p)²/2 and earns p(1 − p); the frontier runs from p = 1/2 to p = 0
    // and one price reaches it everywhere (Prop. 3.3), here at U = 1/8 and at the end U* = 1/2.
    [Fact]
    public void One_price_reaches_the_uniform_frontier()
    {
        var posted = PostedPrices.Compute(DistributionSpec.Parse("uniform(0, 1)"), 400);
        Assert.True(Tolerances.ClosedForm.Close(posted.Randomised(0.125), 0.25));
        Assert.True(Tolerances.ClosedForm.Close(posted.BestSinglePrice(0.125), 0.25));
        Assert.True(Tolerances.ClosedForm.Close(posted.Envelope(0.125), 0.25));
        Assert.Equal(1.0, posted.WorstRatio().Ratio, 12);
    }

    // The gap mixture: every price p in (1, 2) sells with probability 1/2, earning p/2 and leaving (2.5 − p)/2; one price
    // at U = 0.5 (p = 1.5) earns 0.75, which no grid value v(q_k) offers.
    [Fact]
    public void Prices_inside_a_gap_of_the_support_count_as_single_prices()
    {
        var posted = PostedPrices.Compute(DistributionSpec.Parse("mixture(0.5*uniform(0, 1), 0.5*uniform(2, 3))"), 400);
        Assert.True(Tolerances.ClosedForm.Close(posted.BestSinglePrice(0.5), 0.75), $"single price at U = 0.5: {posted.BestSinglePrice(0.5):R}");
    }
}
