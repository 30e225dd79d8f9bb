using OrSolver.Core.Distributions;
using OrSolver.Core.Mechanisms;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Tests.Mechanisms;

/// <summary>
/// One buyer's posted prices against the randomised optimum (Prop. 3.1, 3.3, Appendix E) on instances computed by hand:
/// Appendix E.1's and E.2's, a uniform buyer and a gap in the support; and Appendix E's closed forms
/// (<see cref="PostedPriceBounds"/>) against the paper's numbers.
/// </summary>
public class PostedPricesTests
{
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
        Assert.True(Tolerances.Rounding.Close(1.0, posted.WorstRatio().Ratio), $"worst ratio {posted.WorstRatio().Ratio:R}");
    }

    // The gap mixture: every price p in (1, 2) sells with probability 1/2, earning p/2 and leaving (2.5 − p)/2; one price
    // at U = 0.5 (p = 1.5) earns 0.75, which no grid value v(q_k) offers.
    [Fact]
    public void Prices_inside_a_gap_of_the_support_count_as_single_prices()
    {
        var posted = PostedPrices.Compute(DistributionSpec.Parse("mixture(0.5*uniform(0, 1), 0.5*uniform(2, 3))"), 400);
        Assert.True(Tolerances.ClosedForm.Close(posted.BestSinglePrice(0.5), 0.75), $"single price at U = 0.5: {posted.BestSinglePrice(0.5):R}");
    }

    /// <summary>Prop. 3.1 on Uniform[0, 1], one buyer: every vertex posts a price p ≤ 1/2 (the monopoly price), earning
    /// p(1 − p) and leaving (1 − p)²/2.</summary>
    [Fact]
    public void Every_uniform_vertex_is_a_posted_price_with_its_closed_form_payoffs()
    {
        var posted = PostedPrices.Compute(DistributionSpec.Parse("uniform(0, 1)"), 400);
        var vertices = posted.VertexPrices();
        Assert.Equal(posted.Frontier.Vertices.Count, vertices.Count);
        foreach (var (vertex, price, error) in vertices)
        {
            Assert.True(error <= Tolerances.Feasibility.Relative, $"p = {price:R}: allocation {error:R} from a posted price");
            Assert.True(Tolerances.SolverAgreement.AtMost(price, 0.5), $"price {price:R} above the monopoly price 1/2");
            Support.Close(price * (1 - price), vertex.Revenue, Tolerances.Rounding, $"Π at p = {price:R}");
            Support.Close((1 - price) * (1 - price) / 2, vertex.Surplus, Tolerances.Rounding, $"U at p = {price:R}");
        }
    }

    [Fact]
    public void Appendix_E_closed_forms_give_the_papers_numbers()
    {
        // Theorem E.1: the E.2.1 bound is smallest, 0.8246, at ℓ ≈ 0.238405, q† ≈ 0.528482; E.2.2's ratio is smallest,
        // 0.8532, at ℓ ≈ 0.325268, q† ≈ 0.589198 (printed to four and six digits).
        var lower = PostedPriceBounds.Minimise(PostedPriceBounds.QuasiRegularLowerBound, 0.24, 0.53);
        var upper = PostedPriceBounds.Minimise(PostedPriceBounds.AppendixE2Ratio, 0.33, 0.59);
        Assert.True(Math.Abs(lower.Value - 0.8246) <= 5e-5 && Math.Abs(lower.Low - 0.238405) <= 5e-6 && Math.Abs(lower.Dagger - 0.528482) <= 5e-6, $"{lower}");
        Assert.True(Math.Abs(upper.Value - 0.8532) <= 5e-5 && Math.Abs(upper.Low - 0.325268) <= 5e-6 && Math.Abs(upper.Dagger - 0.589198) <= 5e-6, $"{upper}");
        // E.1 at K = e²: one price earns 1/2 at U = K/2 and the optimum K(L + 1/2)/(2(K + L − 1/2)), L = ln(K/2).
        double k = Math.Exp(2), l = Math.Log(k / 2);
        Assert.True(Tolerances.Rounding.Close(PostedPriceBounds.AppendixE1Ratio(2), 0.5 / (k * (l + 0.5) / (2 * (k + l - 0.5)))));
        Assert.True(PostedPriceBounds.AppendixE1Ratio(2) < PostedPriceBounds.AppendixE1Bound(2));
    }
}
