using OrSolver.Core.Auctions;
using OrSolver.Core.Distributions;
using OrSolver.Core.Numerics;
using OrSolver.Core.Welfare;

namespace OrSolver.Core.Tests.Welfare;

/// <summary>
/// Example 4.2 in closed form against values from elsewhere: the grid's landmarks against the quadrature's and the closed
/// form of U*, and the proofs' finite-n bounds against mechanisms built by hand that they must cover.
/// </summary>
public class Example42TheoryTests
{
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
        int[] exponents = [1, 2, 3, 5, 9, 15, 30, 60, 100, 200, 300];
        var rows = exponents.Select(e =>
        {
            double logBuyers = e * Math.Log(10);
            var landmarks = Example42Theory.Continuous(logBuyers);
            return (Exponent: e, Chain: Example42Theory.Chain(logBuyers, landmarks), Lottery: landmarks.OptimalSurplus / landmarks.OptimalWelfare);
        }).ToList();
        for (int i = 1; i < rows.Count; i++)
        {
            var (at, before) = (rows[i], rows[i - 1]);
            Assert.True(at.Chain.KalaiSmorodinsky <= before.Chain.KalaiSmorodinsky, $"KS bound rises at 10^{at.Exponent}");
            Assert.True(at.Chain.Nash <= before.Chain.Nash, $"Nash bound rises at 10^{at.Exponent}");
            Assert.True(at.Chain.CrossSideNash <= before.Chain.CrossSideNash, $"cross-side Nash bound rises at 10^{at.Exponent}");
            Assert.True(at.Lottery < before.Lottery, $"lottery ratio rises at 10^{at.Exponent}");
        }
        // The limits they approach (Theorems 4.1 (iii), 5.1, 5.3 (iii)) lie below them.
        Assert.True(rows[^1].Chain.KalaiSmorodinsky > 0.5 && rows[^1].Chain.CrossSideNash > 0.5 && rows[^1].Chain.Nash > 0);
    }

}
