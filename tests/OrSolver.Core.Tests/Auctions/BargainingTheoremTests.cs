using System.Globalization;
using OrSolver.Core.Auctions;
using OrSolver.Core.Bargaining;
using OrSolver.Core.Distributions;
using OrSolver.Core.LinearProgramming.OrTools;
using OrSolver.Core.Numerics;
using Xunit.Abstractions;

namespace OrSolver.Core.Tests.Auctions;

/// <summary>The random markets and the Example 4.2 markets, each solved once on its grid.</summary>
public sealed class RandomBargainFixture
{
    /// <summary>Random mixtures (<see cref="RandomMarkets.Mixture"/>, seeded), most of them irregular.</summary>
    public const int RandomCount = 24;

    /// <summary>The seed of the random markets: the instances are the same on every run.</summary>
    private const int Seed = 20240604;

    public RandomBargainFixture()
    {
        // A mixture, n in 1..10, a grid of 400–800 cells.
        var random = new Random(Seed);
        var cases = Enumerable.Range(0, RandomCount).Select(_ => new BargainCase(RandomMarkets.Mixture(random), 1 + random.Next(10), 400 + random.Next(401))).ToList();
        // Example 4.2 (MHR, an atom at K = √(ln n)/2): the paper's worst case for KS and cross-side Nash as n → ∞ (Thms 4.1(iii),
        // 5.3(iii)), so the instance closest to the 1/2 bound. KS W/OPT measured 0.93, 0.84, 0.76, 0.72 at these n.
        foreach (double n in new[] { 10.0, 1e3, 1e6, 1e9 })
            cases.Add(new BargainCase($"example42({n.ToString("R", CultureInfo.InvariantCulture)})", (long)n, 600));
        Cases = cases;
    }

    public IReadOnlyList<BargainCase> Cases { get; }
}

/// <summary>
/// Welfare guarantees of the bargaining solutions (Theorems 4.1, 5.2, 5.3) and KS fairness (Def. 4.1) on markets no other
/// test names, each on a single grid of 400–800 cells (<see cref="AuctionBargaining.Solve"/>).
/// </summary>
/// <remarks>
/// On a grid the feasible set is the convex hull of the grid mechanisms; it contains the grid's Myerson point (Π*, ·),
/// its buyer-optimal point (·, U*) and its second-price auction (OPT ≤ Π* + U*). The proofs of the 1/2 bounds use only
/// that and convexity: the midpoint of the two ideals' mechanisms meets Π ≥ Π*/2 and U ≥ U*/2 (t = 1/2 is feasible for the KS program), so KS has
/// W = t·(Π* + U*) ≥ (Π* + U*)/2; and at the cross-side Nash point (Π₀, U₀) the set lies below Π/Π₀ + U/U₀ = 2, so
/// Π* ≤ 2Π₀ and U* ≤ 2U₀. Hence the 1/2 bounds hold on every grid exactly and are checked to rounding only. For
/// regular ∩ anti-MHR the bounds n/(n+1) and (n−1)/n come from the continuous structure (second-price auctions with
/// reserves); measured on the grids below, the smallest margin W/OPT − bound was 0.047 (KS, n = 20) and 0.050 (Nash and
/// cross-side Nash, n = 20), so no discretisation allowance is needed there either.
/// </remarks>
public class BargainingTheoremTests(RandomBargainFixture fixture, ITestOutputHelper output) : IClassFixture<RandomBargainFixture>
{
    /// <summary>Regular ∩ anti-MHR (Prop. 2.1, method.md §1.4; §3.2 of the paper lists these): exponential, Lomax(2),
    /// Pareto I (α = 2) and Lomax(3, scale 2). The classifier must agree, for every n.</summary>
    public static TheoryData<string> RegularAntiMhr => ["exponential(1)", "lomax(2)", "pareto(2)", "lomax(3, 2)"];

    private static string Ratios(BargainCase c)
    {
        var s = c.Solutions;
        return string.Create(CultureInfo.InvariantCulture,
            $"{c}: W/OPT KS {s.KalaiSmorodinsky.WelfareRatio:R}, Nash {s.Nash.WelfareRatio:R}, cross-side Nash {s.CrossSideNash.WelfareRatio:R}");
    }

    [Fact]
    public void The_random_markets_include_irregular_ones()
    {
        int irregular = fixture.Cases.Count(c => !c.Shape.Regular);
        Assert.True(irregular >= RandomBargainFixture.RandomCount / 2, $"only {irregular} irregular markets among {fixture.Cases.Count}");
        Assert.Contains(fixture.Cases, c => c.N == 1);
        Assert.Contains(fixture.Cases, c => c.N >= 8);
    }

    /// <summary>Theorem 4.1(i) and 5.3(i): KS and cross-side Nash reach at least half of OPT for any F.</summary>
    [Fact]
    public void Kalai_Smorodinsky_and_cross_side_Nash_reach_half_of_the_optimal_welfare()
    {
        var failures = new List<string>();
        foreach (var c in fixture.Cases)
        {
            var s = c.Solutions;
            if (!Tolerances.Rounding.AtMost(0.5, s.KalaiSmorodinsky.WelfareRatio) || !Tolerances.Rounding.AtMost(0.5, s.CrossSideNash.WelfareRatio))
                failures.Add(Ratios(c));
        }
        output.WriteLine("worst KS: " + Ratios(fixture.Cases.MinBy(c => c.Solutions.KalaiSmorodinsky.WelfareRatio)!));
        output.WriteLine("worst cross-side Nash: " + Ratios(fixture.Cases.MinBy(c => c.Solutions.CrossSideNash.WelfareRatio)!));
        var random = fixture.Cases.Take(RandomBargainFixture.RandomCount).ToList();
        output.WriteLine("worst random KS: " + Ratios(random.MinBy(c => c.Solutions.KalaiSmorodinsky.WelfareRatio)!));
        output.WriteLine("worst random cross-side Nash: " + Ratios(random.MinBy(c => c.Solutions.CrossSideNash.WelfareRatio)!));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Every reported point is consistent: W = Π + U, W/OPT with the problem's OPT, the shares with its Π*, U*,
    /// and Π*, U* are the largest revenue and surplus (no solution beats an ideal).</summary>
    [Fact]
    public void Reported_values_are_consistent_with_the_problem()
    {
        foreach (var c in fixture.Cases)
        {
            var p = c.Problem;
            var values = Tolerances.SolverAgreement.AtScale(p.OptimalWelfare);
            foreach (var s in new[] { c.Solutions.KalaiSmorodinsky, c.Solutions.Nash, c.Solutions.CrossSideNash })
            {
                Support.Close(s.Revenue + s.Surplus, s.Welfare, Tolerances.Rounding, $"{c}: {s.Name} W");
                Support.Close(s.Welfare / p.OptimalWelfare, s.WelfareRatio, Tolerances.Rounding, $"{c}: {s.Name} W/OPT");
                Assert.True(values.AtMost(s.Revenue, p.OptimalRevenue), $"{c}: {s.Name} Π = {s.Revenue:R} > Π* = {p.OptimalRevenue:R}");
                Assert.True(values.AtMost(s.Surplus, p.OptimalSurplus), $"{c}: {s.Name} U = {s.Surplus:R} > U* = {p.OptimalSurplus:R}");
                Assert.True(values.AtMost(s.Welfare, p.OptimalWelfare), $"{c}: {s.Name} W = {s.Welfare:R} > OPT = {p.OptimalWelfare:R}");
            }
        }
    }

    /// <summary>The parametric-search route (<c>Solve(problem, solver)</c>, what <c>SolveRefined</c> uses) and the
    /// full-vertex-list route (<c>Solve(problem, frontier, solver)</c>) solve the same grid problem: same points to
    /// 1e-9 of OPT (the solver agreement of method.md §5.7). Measured at eb7893e, one of 28 markets disagrees: Nash on
    /// mixture(0.0571*pareto(2.7702, 1.03613, cap=15.6247), ...), n = 3, grid 620, at the same U = 1.0625296008526233 the
    /// vertex list reports Π = 0.9169294712928358 (a vertex; the LP at that U gives 0.9169294714598406) and the search
    /// 0.9169294692368605 (2.1e-9 lower; OPT = 2.03): SearchSegment tells vertices apart at Tolerances.Rounding, but
    /// the final LocateBySearch at Tolerances.SolverAgreement, which skips the two vertices between v437 and v440 and
    /// reports a point on the chord below the grid frontier.</summary>
    [Fact]
    public void Search_and_vertex_list_give_the_same_solutions()
    {
        var failures = new List<string>();
        foreach (var c in fixture.Cases)
        {
            var searched = AuctionBargaining.Solve(c.Problem, new OrToolsLinearSolver());
            var values = Tolerances.SolverAgreement.AtScale(c.Problem.OptimalWelfare);
            var pairs = new[] { (c.Solutions.KalaiSmorodinsky, searched.KalaiSmorodinsky), (c.Solutions.Nash, searched.Nash),
                (c.Solutions.CrossSideNash, searched.CrossSideNash) };
            foreach (var (full, search) in pairs)
            {
                if (!values.Close(full.Revenue, search.Revenue) || !values.Close(full.Surplus, search.Surplus))
                    failures.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{c}: {full.Name} vertex list ({full.Revenue:R}, {full.Surplus:R}), search ({search.Revenue:R}, {search.Surplus:R})"));
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} disagreements:\n{string.Join("\n", failures)}");
    }

    /// <summary>Def. 4.1 at the reported point: |Π/Π* − U/U*| ≤ 1e-9 (method.md §8.1) on every random market.</summary>
    [Fact]
    public void Kalai_Smorodinsky_is_fair_on_random_markets()
    {
        var failures = new List<string>();
        foreach (var c in fixture.Cases)
        {
            var ks = c.Solutions.KalaiSmorodinsky;
            double revenueShare = ks.Revenue / c.Problem.OptimalRevenue, surplusShare = ks.Surplus / c.Problem.OptimalSurplus;
            if (!(Math.Abs(revenueShare - surplusShare) <= UniformClosedFormTests.KsFairness))
                failures.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{c}: Π/Π* − U/U* = {revenueShare - surplusShare:E2} (LP status {c.Solutions.KalaiSmorodinskyStatus})"));
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {fixture.Cases.Count} markets:\n{string.Join("\n", failures)}");
    }

    /// <summary>
    /// A random market where KS fairness failed (found by an earlier generator of random mixtures), kept as a fixed instance:
    /// the KS LP reports Optimal, but its surplus is 1.05e-8 below the exact intersection of the ray Π/Π* = U/U* with the
    /// grid frontier (<see cref="ParetoBargaining.KalaiSmorodinsky"/>), so the reported point misses fairness by 2.5e-8
    /// (1.2e-7 at m = 2000). The ray intersection itself is fair to 2e-16.
    /// </summary>
    [Fact]
    public void Kalai_Smorodinsky_is_fair_and_on_the_ray_on_a_six_buyer_mixture()
    {
        var c = new BargainCase("mixture(0.1629*gamma(2.78757, 2.35704), 0.3788*exponential(1.15059), 0.4583*lognormal(0.616974, 0.648619, cap=8.50201))", 6, 614);
        var ks = c.Solutions.KalaiSmorodinsky;
        double ray = ParetoBargaining.KalaiSmorodinsky(AuctionPareto.Of(c.Frontier)).Surplus;
        Assert.True(Math.Abs(ks.RevenueShare - ks.SurplusShare) <= UniformClosedFormTests.KsFairness,
            string.Create(CultureInfo.InvariantCulture,
                $"{c}: Π/Π* = {ks.RevenueShare:R}, U/U* = {ks.SurplusShare:R} (difference {ks.RevenueShare - ks.SurplusShare:E2}); U = {ks.Surplus:R}, exact ray intersection U = {ray:R}"));
        Support.Close(ray, ks.Surplus, Tolerances.SolverAgreement, $"{c}: KS U against the ray intersection");
    }

    /// <summary>
    /// Theorem 4.1(ii): KS ≥ n/(n+1) of OPT, and Theorems 5.2 and 5.3(ii): Nash and cross-side Nash ≥ (n−1)/n of OPT, for
    /// regular ∩ anti-MHR F and n = 1..20 (400 cells; 0.1–0.3 s per market).
    /// </summary>
    [Theory]
    [MemberData(nameof(RegularAntiMhr))]
    public void Regular_anti_MHR_bounds(string spec)
    {
        var failures = new List<string>();
        (double Margin, string At) worstKs = (double.MaxValue, ""), worstNash = worstKs, worstCrossSide = worstKs;
        for (int n = 1; n <= 20; n++)
        {
            var c = new BargainCase(spec, n, 400);
            Assert.True(c.Shape.Regular && c.Shape.AntiMonotoneHazardRate, $"{c}: classified {c.Shape}; the theorems need regular ∩ anti-MHR");
            var s = c.Solutions;
            double ks = n / (n + 1.0), nash = (n - 1.0) / n;
            if (s.KalaiSmorodinsky.WelfareRatio - ks < worstKs.Margin) worstKs = (s.KalaiSmorodinsky.WelfareRatio - ks, $"n = {n}");
            if (s.Nash.WelfareRatio - nash < worstNash.Margin) worstNash = (s.Nash.WelfareRatio - nash, $"n = {n}");
            if (s.CrossSideNash.WelfareRatio - nash < worstCrossSide.Margin) worstCrossSide = (s.CrossSideNash.WelfareRatio - nash, $"n = {n}");
            if (!Tolerances.Rounding.AtMost(ks, s.KalaiSmorodinsky.WelfareRatio)
                || !Tolerances.Rounding.AtMost(nash, s.Nash.WelfareRatio)
                || !Tolerances.Rounding.AtMost(nash, s.CrossSideNash.WelfareRatio))
            {
                failures.Add($"{Ratios(c)}; bounds KS {ks:R}, Nash and cross-side Nash {nash:R}");
            }
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{spec}: smallest W/OPT − bound: KS {worstKs.Margin:E3} ({worstKs.At}), Nash {worstNash.Margin:E3} ({worstNash.At}), cross-side Nash {worstCrossSide.Margin:E3} ({worstCrossSide.At})"));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>§5 after Def. 5.2: with one buyer the Nash and cross-side Nash solutions coincide (both maximise Π·U).</summary>
    [Theory]
    [InlineData("uniform(0, 1)", 800)]
    [InlineData("mixture(0.6*lognormal(0, 0.5, cap=10), 0.4*uniform(2, 3))", 600)]
    [InlineData("exponential(1)", 500)]
    public void One_buyer_Nash_and_cross_side_Nash_coincide(string spec, int gridSize)
    {
        var c = new BargainCase(spec, 1, gridSize);
        var (nash, crossSide) = (c.Solutions.Nash, c.Solutions.CrossSideNash);
        Support.Close(nash.Revenue, crossSide.Revenue, Tolerances.Rounding, $"{c}: Π");
        Support.Close(nash.Surplus, crossSide.Surplus, Tolerances.Rounding, $"{c}: U");
        Assert.Equal(nash.Mechanism.Kind, crossSide.Mechanism.Kind);
        Assert.True(nash.Revenue > 0 && nash.Surplus > 0, $"{c}: Nash at ({nash.Revenue:R}, {nash.Surplus:R})");
    }
}
