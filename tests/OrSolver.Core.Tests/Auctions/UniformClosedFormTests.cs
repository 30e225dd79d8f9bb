using OrSolver.Core.Auctions;
using OrSolver.Core.Bargaining;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.LinearProgramming.OrTools;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Tests.Auctions;

/// <summary>Uniform[0,1] with n = 1..5 solved once each by <see cref="AuctionBargaining.SolveRefined"/> at the default grid
/// (what <c>orsolver bargain</c> runs). SolveRefined takes 1.5–3 s for n ≥ 2 and about 7 s for n = 1 (measured at
/// eb7893e; 25 s before it), so the five markets start together when the fixture is built and every test awaits its own.</summary>
public sealed class RefinedUniformFixture
{
    public const int LargestN = 5;

    private readonly Dictionary<int, Task<RefinedUniform>> _markets;

    public RefinedUniformFixture()
    {
        // n = 1 first: it is the slowest, so the others fill the second core meanwhile.
        _markets = Enumerable.Range(1, LargestN).ToDictionary(n => n, n => Task.Run(() => RefinedUniform.Solve(n)));
    }

    public Task<RefinedUniform> Get(int n) => _markets[n];
}

/// <summary>One refined solve of Uniform[0,1] with n buyers.</summary>
public sealed record RefinedUniform(int N, FrontierProblem Problem, BargainingSolutions Solutions)
{
    public static RefinedUniform Solve(int n)
    {
        var (problem, solutions) = AuctionBargaining.SolveRefined(Support.Market("uniform(0, 1)", n), null, new OrToolsLinearSolver());
        return new RefinedUniform(n, problem, solutions);
    }

    public override string ToString() => $"Uniform[0,1], n = {N}, m = {Problem.Discretised.Cells} (refined)";
}

/// <summary>
/// The closed forms of the three bargaining solutions for Uniform[0,1] (method.md §14), to 1e-6 relative at the
/// default grid, through the refined solve the command line uses.
/// </summary>
/// <remarks>
/// Measured (m = 4000 default, 3 refinement passes, eb7893e): KS within 4.1e-8 relative for every n; Nash within 1.2e-7
/// for n = 2 and within rounding for n ≥ 3 (it sits on a frontier vertex there), cross-side Nash within 1.0e-7 for n = 3
/// and within rounding for n = 4, 5. n = 1 is the tightest: Nash and cross-side Nash are the posted price 1/4, off by
/// 2.8e-7 relative after refinement (1.3e-4 on the unrefined grid). Refinement cannot go much further there: vertices
/// whose Lagrangian value exceeds their neighbours' chord by no more than 1e-12 of the welfare scale (Tolerances.Rounding)
/// are not told apart, so on the curved n = 1 frontier vertices closer than about √1e-12 ≈ 1e-6 in U merge into one
/// chord, and the maximiser of log Π + log U on that chord is off by up to that.
/// </remarks>
public class UniformClosedFormTests(RefinedUniformFixture fixture) : IClassFixture<RefinedUniformFixture>
{
    /// <summary>|Π/Π* − U/U*| at the reported KS point, the exact ray intersection (method.md §8.1).</summary>
    internal const double KsFairness = 1e-9;

    public static TheoryData<int> AllN => [1, 2, 3, 4, 5];

    public static TheoryData<int> AtLeastTwo => [2, 3, 4, 5];

    public static TheoryData<int> AtLeastThree => [3, 4, 5];

    /// <summary>method.md §14: Π* = 2n(1 − 2^{−(n+1)})/(n+1) − (1 − 2^{−n}) (Myerson, reserve 1/2).</summary>
    private static double OptimalRevenue(int n) => 2.0 * n * (1 - Math.Pow(2, -(n + 1))) / (n + 1) - (1 - Math.Pow(2, -n));

    private static void AssertPoint(RefinedUniform c, BargainingSolution s, double revenue, double surplus)
    {
        Support.Close(revenue, s.Revenue, Tolerances.ClosedForm, $"{c}: {s.Name} Π");
        Support.Close(surplus, s.Surplus, Tolerances.ClosedForm, $"{c}: {s.Name} U");
        Support.Close(revenue + surplus, s.Welfare, Tolerances.ClosedForm, $"{c}: {s.Name} W");
        // OPT = n/(n+1) (method.md §14: the SPA's welfare).
        Support.Close((revenue + surplus) * (c.N + 1) / c.N, s.WelfareRatio, Tolerances.ClosedForm, $"{c}: {s.Name} W/OPT");
    }

    /// <summary>The landmarks the solutions are measured against survive the refinement: Π* (method.md §14), U* = 1/2 (the
    /// lottery; Uniform is MHR) and OPT = n/(n+1).</summary>
    [Theory]
    [MemberData(nameof(AllN))]
    public async Task Landmarks_of_the_refined_grid(int n)
    {
        var c = await fixture.Get(n);
        Support.Close(OptimalRevenue(n), c.Problem.OptimalRevenue, Tolerances.ClosedForm, $"{c}: Π*");
        Support.Close(0.5, c.Problem.OptimalSurplus, Tolerances.ClosedForm, $"{c}: U*");
        Support.Close(n / (n + 1.0), c.Problem.OptimalWelfare, Tolerances.ClosedForm, $"{c}: OPT");
    }

    /// <summary>method.md §14, KS with n ≥ 2: U = 1/(2(1+Π*)), Π = Π*/(1+Π*) (n = 2: Π = 5/17, U = 6/17).</summary>
    [Theory]
    [MemberData(nameof(AtLeastTwo))]
    public async Task Kalai_Smorodinsky(int n)
    {
        var c = await fixture.Get(n);
        double optimal = OptimalRevenue(n);
        Assert.Equal(SolveStatus.Optimal, c.Solutions.KalaiSmorodinskyStatus);
        AssertPoint(c, c.Solutions.KalaiSmorodinsky, optimal / (1 + optimal), 1 / (2 * (1 + optimal)));
    }

    [Fact]
    public async Task Kalai_Smorodinsky_two_buyers_is_six_and_five_seventeenths()
    {
        var c = await fixture.Get(2);
        AssertPoint(c, c.Solutions.KalaiSmorodinsky, 5.0 / 17, 6.0 / 17);
    }

    /// <summary>method.md §14, KS with n = 1: the posted price 1/5, (Π, U) = (0.16, 0.32).</summary>
    [Fact]
    public async Task Kalai_Smorodinsky_one_buyer_is_the_posted_price_one_fifth()
    {
        var c = await fixture.Get(1);
        Assert.Equal(SolveStatus.Optimal, c.Solutions.KalaiSmorodinskyStatus);
        AssertPoint(c, c.Solutions.KalaiSmorodinsky, 0.16, 0.32);
    }

    /// <summary>method.md §14, Nash with n ≥ 2: Π = 1/(n+1), U = n/(2(n+1)).</summary>
    [Theory]
    [MemberData(nameof(AtLeastTwo))]
    public async Task Nash(int n)
    {
        var c = await fixture.Get(n);
        AssertPoint(c, c.Solutions.Nash, 1.0 / (n + 1), n / (2.0 * (n + 1)));
    }

    /// <summary>method.md §14, Nash with n = 1: the posted price 1/4, (3/16, 9/32); cross-side Nash is the same problem for
    /// one buyer (§5, after Def. 5.2).</summary>
    [Fact]
    public async Task Nash_and_cross_side_Nash_one_buyer_are_the_posted_price_one_quarter()
    {
        var c = await fixture.Get(1);
        AssertPoint(c, c.Solutions.Nash, 3.0 / 16, 9.0 / 32);
        AssertPoint(c, c.Solutions.CrossSideNash, 3.0 / 16, 9.0 / 32);
    }

    /// <summary>method.md §14, cross-side Nash with n ≥ 3: (1/2, 1/4).</summary>
    [Theory]
    [MemberData(nameof(AtLeastThree))]
    public async Task Cross_side_Nash(int n)
    {
        var c = await fixture.Get(n);
        AssertPoint(c, c.Solutions.CrossSideNash, 0.5, 0.25);
    }

    /// <summary>Def. 4.1 at the reported point: |Π/Π* − U/U*| ≤ 1e-9, the shares as reported and recomputed from the
    /// problem's Π* and U*.</summary>
    [Theory]
    [MemberData(nameof(AllN))]
    public async Task Kalai_Smorodinsky_is_fair(int n)
    {
        var c = await fixture.Get(n);
        var ks = c.Solutions.KalaiSmorodinsky;
        double revenueShare = ks.Revenue / c.Problem.OptimalRevenue, surplusShare = ks.Surplus / c.Problem.OptimalSurplus;
        Assert.True(Math.Abs(revenueShare - surplusShare) <= KsFairness,
            $"{c}: Π/Π* = {revenueShare:R}, U/U* = {surplusShare:R}, difference {revenueShare - surplusShare:E2}");
        Support.Close(revenueShare, ks.RevenueShare, Tolerances.Rounding, $"{c}: reported Π/Π*");
        Support.Close(surplusShare, ks.SurplusShare, Tolerances.Rounding, $"{c}: reported U/U*");
    }
}
