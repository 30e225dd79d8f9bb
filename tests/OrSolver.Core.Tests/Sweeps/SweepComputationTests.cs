using OrSolver.Core.LinearProgramming.OrTools;
using OrSolver.Core.Numerics;
using OrSolver.Core.Sweeps;

namespace OrSolver.Core.Tests.Sweeps;

/// <summary>
/// One row of a sweep, its bargaining solutions checked by LPs (as <c>bargain</c>) or by the hull route, against the
/// closed forms of method.md §14: Uniform[0,1] (landmarks, the three bargaining solutions
/// and the frontier Π = 1 − 2U above the second-price auction) and Exponential(1) (OPT = H_n, the second-price auction
/// buyer-optimal with U = 1), F's classes against Def. 2.2, and the rows of bad markets.
/// </summary>
public class SweepComputationTests
{
    /// <summary>The grid of these rows: fine enough for the closed forms to 1e-6 (Tolerances.ClosedForm).</summary>
    private const int Grid = 2000;

    private static SweepResult Solve(string spec, long n, SweepVerification verify, params double[] surplus)
    {
        var row = SweepComputation.Run(new SweepCase { Distribution = spec, Buyers = n, Grid = Grid, Surplus = surplus }, new SweepSettings { Verify = verify },
            null, new OrToolsLinearSolver());
        Assert.Equal(verify, row.Input.Verify);
        Assert.True(row.Error is null, row.Error);
        var result = row.Result!;
        Assert.True(result.Agrees, $"{spec}, n = {n}: {result.Failure}");
        Assert.True(result.WorstGap <= Tolerances.SolverAgreement.Relative, $"worst gap {result.WorstGap:E2}");
        Assert.Equal(surplus.Length, result.FrontierRevenue.Count);
        return result;
    }

    private static void Close(double expected, double actual, string what) => Support.Close(expected, actual, Tolerances.ClosedForm, what);

    /// <summary>Uniform[0,1], n = 3: Myerson Π* = 2n(1 − 2^{−(n+1)})/(n+1) − (1 − 2^{−n}) = 17/32 with U = 11/64, the
    /// second-price auction ((n−1)/(n+1), 1/(n+1)), OPT = n/(n+1), U* = 1/2 by the lottery (Π = 0); KS at
    /// (Π*/(1+Π*), 1/(2(1+Π*))), Nash at (1/(n+1), n/(2(n+1))), cross-side Nash at (1/2, 1/4); Π = 1 − 2U at U₀ = 0.3, 0.4.</summary>
    [Fact]
    public void Uniform_row_matches_the_closed_forms()
    {
        const int n = 3;
        var r = Solve("uniform(0, 1)", n, SweepVerification.Lp, 0.4, 0.3);
        double optimal = 2.0 * n * (1 - Math.Pow(2, -(n + 1))) / (n + 1) - (1 - Math.Pow(2, -n));
        double opt = n / (n + 1.0);
        Assert.Equal((true, true, false), (r.Regular, r.Mhr, r.AntiMhr));
        Close(opt, r.OptimalWelfare, "OPT");
        Close(optimal, r.OptimalRevenue, "Π*");
        Close(n / (n + 1.0) * (1 - Math.Pow(2, -(n + 1))) - optimal, r.MyersonSurplus, "U at Myerson");
        Close((n - 1.0) / (n + 1), r.SecondPriceRevenue, "second-price Π");
        Close(1.0 / (n + 1), r.SecondPriceSurplus, "second-price U");
        Close(0.5, r.OptimalSurplus, "U*");
        Assert.True(Tolerances.ClosedForm.Close(r.BuyerOptimalRevenue, 0), $"Π at U*: {r.BuyerOptimalRevenue:R}");
        AssertSolution(r.KalaiSmorodinsky, optimal / (1 + optimal), 1 / (2 * (1 + optimal)), opt, "KS");
        AssertSolution(r.Nash, 1.0 / (n + 1), n / (2.0 * (n + 1)), opt, "Nash");
        AssertSolution(r.CrossSideNash, 0.5, 0.25, opt, "cross-side Nash");
        Close(1 - 2 * 0.4, r.FrontierRevenue[0], "Π at U₀ = 0.4");
        Close(1 - 2 * 0.3, r.FrontierRevenue[1], "Π at U₀ = 0.3");
        // The landmarks by the hull route, the bargaining solutions and the levels by LPs too.
        Assert.Equal("hull+auction & lp+hull+auction", r.Check);
    }

    private static void AssertSolution(SweepSolution s, double revenue, double surplus, double opt, string what)
    {
        Close(revenue, s.Revenue, what + " Π");
        Close(surplus, s.Surplus, what + " U");
        Close((revenue + surplus) / opt, s.WelfareRatio, what + " W/OPT");
        Assert.False(string.IsNullOrWhiteSpace(s.Mechanism), what + " has no mechanism");
    }

    /// <summary>Exponential(1), n = 4: regular, MHR and anti-MHR; OPT = H_4; the second-price auction leaves U = 1 and is
    /// buyer-optimal (U* = 1, Π = OPT − 1); the Myerson reserve is 1, so Π* = E[max(v_(1) − 1, 0)] = ∫₁^∞ (1 − (1 − e^{−t})⁴) dt;
    /// KS is fair: Π/Π* = U/U*.</summary>
    [Fact]
    public void Exponential_row_matches_the_closed_forms()
    {
        const int n = 4;
        var r = Solve("exponential(1)", n, SweepVerification.Hull);
        Assert.Contains("certificate+hull+auction", r.Check, StringComparison.Ordinal);
        Assert.Equal((true, true, true), (r.Regular, r.Mhr, r.AntiMhr));
        double opt = Support.Harmonic(n);
        Close(opt, r.OptimalWelfare, "OPT");
        Close(1, r.SecondPriceSurplus, "second-price U");
        Close(opt - 1, r.SecondPriceRevenue, "second-price Π");
        Close(1, r.OptimalSurplus, "U*");
        Close(opt - 1, r.BuyerOptimalRevenue, "Π at U*");
        // ∫₁^∞ (1 − (1 − e^{−t})⁴) dt = Σ_{j=1}^{4} C(4, j)(−1)^{j+1} e^{−j}/j.
        double myerson = 4 * Math.Exp(-1) - 6 * Math.Exp(-2) / 2 + 4 * Math.Exp(-3) / 3 - Math.Exp(-4) / 4;
        Close(myerson, r.OptimalRevenue, "Π*");
        var ks = r.KalaiSmorodinsky;
        Assert.True(Math.Abs(ks.Revenue / r.OptimalRevenue - ks.Surplus / r.OptimalSurplus) <= 1e-9, $"KS is not fair: {ks}");
        Assert.Empty(r.FrontierRevenue);
    }

    /// <summary>Lomax(3) is regular and anti-MHR, not MHR (its hazard 3/(1 + v) falls).</summary>
    [Fact]
    public void Lomax_is_regular_and_anti_mhr()
    {
        var r = Solve("lomax(3)", 2, SweepVerification.Hull);
        Assert.Equal((true, false, true), (r.Regular, r.Mhr, r.AntiMhr));
    }

    /// <summary>A bad market is a row with its error and no result, never an exception: a bad spec, and a surplus level
    /// above U* (its error states U*).</summary>
    [Fact]
    public void A_bad_market_is_a_row_with_its_error()
    {
        var solver = new OrToolsLinearSolver();
        var spec = SweepComputation.Run(new SweepCase { Row = 4, Distribution = "uniform(1, 0)", Buyers = 2, Grid = 64 }, new SweepSettings(), null, solver);
        Assert.Equal(4, spec.Row);
        Assert.Null(spec.Result);
        Assert.True(spec.Failed);
        Assert.Equal("uniform(1, 0)", spec.Input.Distribution);
        Assert.NotNull(spec.Error);
        var above = SweepComputation.Run(new SweepCase { Distribution = "uniform(0, 1)", Buyers = 2, Grid = 64, Surplus = [0.7] }, new SweepSettings(), null, solver);
        Assert.Null(above.Result);
        Assert.Contains("above U*", above.Error, StringComparison.Ordinal);
        Assert.Equal("uniform(low=0, high=1)", above.Input.Distribution);
    }
}
