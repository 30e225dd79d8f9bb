using OrSolver.Core.Classes;
using OrSolver.Core.Distributions;
using OrSolver.Core.Numerics;
using OrSolver.Core.Pareto;
using OrSolver.Core.Tests.Auctions;
using OrSolver.Core.Tests.BilateralTrade;

namespace OrSolver.Core.Tests.Classes;

/// <summary>
/// Second-price auctions with reserves in markets of several classes, evaluated by quadrature
/// (<see cref="AnonymousSecondPrice"/>), against closed forms worked out by hand, the i.i.d. quantile-space reference
/// (<see cref="IndependentReferenceTests.SecondPriceWithReserve"/>), and the class frontier of the Lagrangian route.
/// </summary>
public sealed class AnonymousSecondPriceTests
{
    /// <summary>Cells per class of the grid frontiers the auctions are set against (the accuracy
    /// <see cref="Tolerances.ContinuousAgainstClassGrid"/> was measured at).</summary>
    private const int GridCells = 1000;

    private static Tolerance AtWelfare(AnonymousSecondPriceOutcome o) => Tolerances.AuctionQuadrature.AtScale(o.Welfare);

    /// <summary>
    /// n buyers of U[0,1] with reserve r, from the order statistics: the item sells when the highest value reaches r, at r
    /// when exactly one does (probability n·r^{n−1}·(1 − r)) and otherwise at the second-highest value Y, whose density is
    /// n(n−1)·t^{n−2}·(1 − t). So Π(r) = r·n·r^{n−1}(1 − r) + ∫_r^1 t·n(n−1)·t^{n−2}(1 − t) dt
    /// = n·r^n(1 − r) + (n − 1)(1 − r^n) − n(n − 1)(1 − r^{n+1})/(n + 1) = (n − 1)/(n + 1) + r^n − 2n·r^{n+1}/(n + 1);
    /// W(r) = E[max·1{max ≥ r}] = ∫_r^1 t·n·t^{n−1} dt = n/(n + 1)·(1 − r^{n+1}); U = W − Π. At n = 5, r = 1/2 this is
    /// Myerson's Π* = 0.671875 (method.md §14). The lowest value 0 is never above r: no rent.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void One_class_of_uniform_buyers_has_the_closed_forms(int n)
    {
        var market = ClassMarket.Parse((n, "uniform(0,1)"));
        foreach (double r in new[] { 0, 0.3, 0.5, 0.9, 1 })
        {
            double revenue = (n - 1.0) / (n + 1) + Math.Pow(r, n) - 2.0 * n * Math.Pow(r, n + 1) / (n + 1);
            double welfare = n / (n + 1.0) * (1 - Math.Pow(r, n + 1));
            foreach (var o in new[] { AnonymousSecondPrice.Evaluate(market, r), AnonymousSecondPrice.Evaluate(market, [r]) })
            {
                Support.Close(welfare, o.Welfare, AtWelfare(o), $"n = {n}, r = {r}: W");
                Support.Close(revenue, o.Revenue, AtWelfare(o), $"n = {n}, r = {r}: Π");
                Support.Close(welfare - revenue, o.Surplus, AtWelfare(o), $"n = {n}, r = {r}: U");
                Assert.False(o.OutsideClass);
            }
        }
    }

    /// <summary>One class with a reserve is the i.i.d. second-price auction with that reserve: against the quantile-space
    /// reference, Π = n·X̂′(q_r)·R(q_r) + n(n − 1)·∫₀^{q_r} R(q)(1 − q)^{n−2} dq and W = n·∫₀^{q_r} (1 − q)^{n−1}·v(q) dq (the
    /// payment identity integrated by parts, by its own quadrature in quantiles), at the monopoly reserve and two others.</summary>
    [Theory]
    [InlineData("weibull(1.7, 2)", 3)]
    [InlineData("gamma(3, 2)", 10)]
    [InlineData("beta(2, 3)", 4)]
    [InlineData("lognormal(0, 0.4)", 2)]
    [InlineData("lomax(3, 2)", 25)]
    [InlineData("uniform(1, 3)", 1)]
    public void One_class_with_a_reserve_is_the_iid_second_price_auction(string spec, int n)
    {
        var distribution = DistributionSpec.Parse(spec);
        var market = new ClassMarket([new BuyerClass(distribution, n)]);
        foreach (double quantile in new[] { MonopolyPrice.Find(distribution).Quantile, 0.9, 0.2 })
        {
            double reserve = distribution.Value(quantile);
            var (revenue, welfare) = IndependentReferenceTests.SecondPriceWithReserve(distribution, n, quantile);
            var o = AnonymousSecondPrice.Evaluate(market, [reserve]);
            Support.Close(welfare, o.Welfare, AtWelfare(o), $"{spec}, n = {n}, r = {reserve}: W");
            Support.Close(revenue, o.Revenue, AtWelfare(o), $"{spec}, n = {n}, r = {reserve}: Π");
            Assert.False(o.OutsideClass);
        }
    }

    /// <summary>Two classes of one F are one class with all their buyers: x_c(s) = F(s)^{n₁ + n₂ − 1} for both, so W, Π and U
    /// agree, and each buyer keeps the same (class surplus in proportion to its buyers). Shapes: uniform, exponential, a heavy
    /// tail, a gap in the support and an atom at a cap.</summary>
    [Theory]
    [InlineData("uniform(0,1)")]
    [InlineData("exponential(1)")]
    [InlineData("lomax(3)")]
    [InlineData("mixture(0.5*uniform(0,1), 0.5*uniform(2,3))")]
    [InlineData("equalrevenue(4)")]
    public void Two_classes_of_one_distribution_are_one_class_with_all_their_buyers(string spec)
    {
        var distribution = DistributionSpec.Parse(spec);
        var split = new ClassMarket([new BuyerClass(distribution, 2), new BuyerClass(distribution, 3)]);
        var whole = new ClassMarket([new BuyerClass(distribution, 5)]);
        foreach (double quantile in new[] { 1, 0.7, 0.5, 0.1 })
        {
            double r = distribution.Value(quantile);
            var one = AnonymousSecondPrice.Evaluate(whole, r);
            var two = AnonymousSecondPrice.Evaluate(split, r);
            var tolerance = AtWelfare(one);
            Support.Close(one.Welfare, two.Welfare, tolerance, $"{spec}, r = {r}: W");
            Support.Close(one.Revenue, two.Revenue, tolerance, $"{spec}, r = {r}: Π");
            Support.Close(one.Surplus / 5, two.ClassSurplus[0] / 2, tolerance, $"{spec}, r = {r}: U per buyer of class 1");
            Support.Close(one.Surplus / 5, two.ClassSurplus[1] / 3, tolerance, $"{spec}, r = {r}: U per buyer of class 2");
        }
    }

    /// <summary>
    /// One buyer of U[0,1] against one of U[0,2], by hand. Without reserve: W = E[max] = ∫₀² (1 − F₁F₂) = ∫₀¹ (1 − s²/2) ds +
    /// ∫₁² (1 − s/2) ds = 5/6 + 1/4 = 13/12; Π = E[min] = ∫₀¹ (1 − s)(1 − s/2) ds = 5/12; the U[0,1] buyer keeps
    /// ∫₀¹ F₂(s)(1 − s) ds = 1/12 and the U[0,2] buyer ∫₀² F₁(s)(1 − s/2) ds = 1/3 + 1/4 = 7/12.
    /// With reserves 1/2 and 1 (class-specific), case by case, each case of probability 1/4: only the first bids (pays 1/2,
    /// worth 3/4 on average); only the second (pays 1, worth 3/2); both, and the second wins (her value is at least 1, the
    /// first's at most 1: pays 1, worth 3/2). Π = (1/2 + 1 + 1)/4 = 5/8, W = (3/4 + 3/2 + 3/2)/4 = 15/16.
    /// </summary>
    [Fact]
    public void Uniform_against_a_wider_uniform_by_hand()
    {
        var market = ClassMarket.Parse((1, "uniform(0,1)"), (1, "uniform(0,2)"));
        var o = AnonymousSecondPrice.Evaluate(market, 0);
        Support.Close(13.0 / 12, o.Welfare, AtWelfare(o), "W");
        Support.Close(5.0 / 12, o.Revenue, AtWelfare(o), "Π");
        Support.Close(1.0 / 12, o.ClassSurplus[0], AtWelfare(o), "U of the U[0,1] buyer");
        Support.Close(7.0 / 12, o.ClassSurplus[1], AtWelfare(o), "U of the U[0,2] buyer");
        Assert.False(o.OutsideClass);

        var reserves = AnonymousSecondPrice.Evaluate(market, [0.5, 1]);
        Support.Close(15.0 / 16, reserves.Welfare, AtWelfare(reserves), "W with reserves (1/2, 1)");
        Support.Close(5.0 / 8, reserves.Revenue, AtWelfare(reserves), "Π with reserves (1/2, 1)");
        Support.Close(5.0 / 16, reserves.Surplus, AtWelfare(reserves), "U with reserves (1/2, 1)");
    }

    /// <summary>
    /// One buyer of U[2,3] against one of U[0,4] without reserve: the U[2,3] buyer's lowest type keeps
    /// ∫₀² F₂(s) ds = ∫₀² s/4 ds = 1/2, so the auction is outside the class of mechanisms the frontier is drawn over. By hand:
    /// Π = E[min] = ∫₀² (1 − s/4) ds + ∫₂³ (3 − s)(1 − s/4) ds = 3/2 + 5/24 = 41/24; W = E[max] = 2 + ∫₂³ (1 − (s − 2)s/4) ds +
    /// ∫₃⁴ (1 − s/4) ds = 2 + 2/3 + 1/8 = 67/24; U = 13/12, of which 1/2 is the rent: U net of rents 7/12, and Π with the
    /// rent charged 41/24 + 1/2 = 53/24. With the reserve at 2, the U[2,3] class's lowest value, nothing is left.
    /// </summary>
    [Fact]
    public void A_class_above_the_others_lowest_value_keeps_a_rent()
    {
        var market = ClassMarket.Parse((1, "uniform(2,3)"), (1, "uniform(0,4)"));
        var o = AnonymousSecondPrice.Evaluate(market, 0);
        var tolerance = AtWelfare(o);
        Support.Close(0.5, o.Rents[0], tolerance, "rent of the U[2,3] class");
        Support.Close(0, o.Rents[1], tolerance, "rent of the U[0,4] class");
        Assert.True(o.OutsideClass);
        Support.Close(41.0 / 24, o.Revenue, tolerance, "Π");
        Support.Close(67.0 / 24, o.Welfare, tolerance, "W");
        Support.Close(13.0 / 12, o.Surplus, tolerance, "U");
        Support.Close(7.0 / 12, o.SurplusNetOfRents, tolerance, "U net of rents");
        Support.Close(53.0 / 24, o.RevenueWithRentsCharged, tolerance, "Π with the rent charged");

        var atTwo = AnonymousSecondPrice.Evaluate(market, 2);
        Assert.False(atTwo.OutsideClass);
        Support.Close(atTwo.Surplus, atTwo.SurplusNetOfRents, AtWelfare(atTwo), "U net of rents at reserve 2");
    }

    /// <summary>
    /// Atoms: values 1 or 3 with probability 1/2 each (empirical data), ties broken uniformly, the winner paying the tied
    /// value. Two such classes of one buyer, case by case over the four value pairs (probability 1/4 each): reserve 1 (an atom:
    /// every buyer bids) sells at 1, 1, 1, 3, so Π = 3/2 and W = (1 + 3 + 3 + 3)/4 = 5/2; reserve 2 sells only to a 3, at 2
    /// alone or at 3 in a tie: Π = (2 + 2 + 3)/4 = 7/4, W = 9/4; reserves (1, 2): (1,1) the first alone at 1, (1,3) the second
    /// at 2, (3,1) the first alone at 1, (3,3) a tie at 3: Π = 7/4, W = 5/2. Against one U[0,2] buyer without reserve:
    /// Π = E[min] = ½(∫₀¹ s/2 ds + 1/2) + ½·1 = 7/8, W = E[max] = ½(1/2 + ∫₁² s/2 ds) + ½·3 = 17/8, and the type 1 keeps
    /// ∫₀¹ s/2 ds = 1/4. The equal-revenue distribution capped at 2 (F = 1 − 1/v on [1, 2), an atom of 1/2 at 2), two buyers
    /// with the reserve at the atom: Π = W = 2·(1 − 1/4) = 3/2.
    /// </summary>
    [Fact]
    public void Atoms_tie_and_bid_at_the_reserve()
    {
        using var discrete = new TradeCases.DiscreteMarket([1, 3], [1, 3]);
        var atoms = discrete.Market.Buyer;
        var twice = new ClassMarket([new BuyerClass(atoms, 1), new BuyerClass(atoms, 1)]);
        foreach (var (reserves, revenue, welfare) in new (double[], double, double)[] { ([1, 1], 1.5, 2.5), ([2, 2], 1.75, 2.25), ([1, 2], 1.75, 2.5) })
        {
            var o = AnonymousSecondPrice.Evaluate(twice, reserves);
            Support.Close(revenue, o.Revenue, AtWelfare(o), $"reserves ({reserves[0]}, {reserves[1]}): Π");
            Support.Close(welfare, o.Welfare, AtWelfare(o), $"reserves ({reserves[0]}, {reserves[1]}): W");
            Assert.False(o.OutsideClass);
        }

        var mixed = new ClassMarket([new BuyerClass(atoms, 1), new BuyerClass(DistributionSpec.Parse("uniform(0,2)"), 1)]);
        var m = AnonymousSecondPrice.Evaluate(mixed, 0);
        Support.Close(7.0 / 8, m.Revenue, AtWelfare(m), "atoms against U[0,2]: Π");
        Support.Close(17.0 / 8, m.Welfare, AtWelfare(m), "atoms against U[0,2]: W");
        Support.Close(0.25, m.Rents[0], AtWelfare(m), "atoms against U[0,2]: the type 1's rent");
        Assert.True(m.OutsideClass);

        var capped = AnonymousSecondPrice.Evaluate(ClassMarket.Parse((2, "equalrevenue(2)")), 2);
        Support.Close(1.5, capped.Revenue, AtWelfare(capped), "reserve at the cap's atom: Π");
        Support.Close(1.5, capped.Welfare, AtWelfare(capped), "reserve at the cap's atom: W");
    }

    /// <summary>
    /// The best anonymous reserve against first-order conditions. dΠ/dr = Σ_c n_c·x_c(r)·(S_c(r) − r·f_c(r)) (the reserve's
    /// own price against the sales it loses). One class of U[0,1]: 1 − 2r = 0, r = 1/2 for every n. One U[0,1] buyer and two
    /// U[0,2]: for r ≤ 1, (r/2)²·(1 − 2r) + 2·(r²/2)·(1 − r) = r²·(5/4 − 3r/2) = 0, r = 5/6. One U[0,1] buyer and one U[10,11]:
    /// the second always wins, at max(r, v₁) ≤ 10 for r ≤ 10 (Π = (1 + r²)/2 then r) and at r with chance 11 − r above, so
    /// the maximum is the kink r = 10 with Π = 10.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void The_best_reserve_of_uniform_buyers_is_one_half(int n)
    {
        var best = AnonymousSecondPrice.BestReserve(ClassMarket.Parse((n, "uniform(0,1)")));
        Support.Close(0.5, best.Reserves[0], Tolerances.OptimisedReserve, "r");
        double revenue = (n - 1.0) / (n + 1) + Math.Pow(0.5, n) - 2.0 * n * Math.Pow(0.5, n + 1) / (n + 1);
        Support.Close(revenue, best.Revenue, AtWelfare(best), "Π at the best reserve");
    }

    /// <summary>See <see cref="The_best_reserve_of_uniform_buyers_is_one_half"/> for the first-order conditions.</summary>
    [Fact]
    public void The_best_anonymous_reserve_of_asymmetric_classes()
    {
        var best = AnonymousSecondPrice.BestReserve(ClassMarket.Parse((1, "uniform(0,1)"), (2, "uniform(0,2)")));
        Support.Close(5.0 / 6, best.Reserves[0], Tolerances.OptimisedReserve, "r of U[0,1] against 2 U[0,2]");

        var far = AnonymousSecondPrice.BestReserve(ClassMarket.Parse((1, "uniform(0,1)"), (1, "uniform(10,11)")));
        Support.Close(10, far.Reserves[0], Tolerances.OptimisedReserve, "r of U[0,1] against U[10,11]");
        Support.Close(10, far.Revenue, AtWelfare(far), "Π of U[0,1] against U[10,11]");
    }

    public static TheoryData<int, string, int, string, double[]> FrontierMarkets => new()
    {
        { 2, "uniform(0,1)", 3, "uniform(0,1)", [0, 0.25, 0.5, 0.75] },
        { 1, "uniform(0,1)", 2, "uniform(0,2)", [0, 0.5, 5.0 / 6, 1.2] },
        { 1, "uniform(2,3)", 2, "uniform(0,4)", [2, 2.5, 3] },
        { 2, "exponential(1)", 1, "lomax(3)", [0, 0.5, 1] },
    };

    /// <summary>With every reserve at or above every class's lowest value no rent is left, the auction is a mechanism of the
    /// class, and its (Π, U) lies on or below the class frontier at the same U: here the grid frontier of the Lagrangian route
    /// (bisection on λ), which lies below the continuous frontier by the grid's discretisation error
    /// (<see cref="Tolerances.ContinuousAgainstClassGrid"/>). Equal classes and the efficient auctions without reserve are
    /// on the frontier, so the bound is met with that slack only.</summary>
    [Theory]
    [MemberData(nameof(FrontierMarkets))]
    public void Second_price_auctions_lie_on_or_below_the_class_frontier(int n1, string f1, int n2, string f2, double[] reserves)
    {
        var market = ClassMarket.Parse((n1, f1), (n2, f2));
        var problem = new ClassProblem(market, GridCells);
        var slack = Tolerances.ContinuousAgainstClassGrid.AtScale(problem.OptimalWelfare);
        foreach (double r in reserves)
        {
            var o = AnonymousSecondPrice.Evaluate(market, r);
            Assert.False(o.OutsideClass);
            var (frontier, _) = ClassLagrangian.FrontierAt(problem.Grids, o.Surplus);
            Assert.True(slack.AtMost(o.Revenue, frontier), $"r = {r}: Π = {o.Revenue:R} above the frontier's {frontier:R} at U = {o.Surplus:R}");
        }
    }

    /// <summary>Equal classes (2 + 3 buyers of U[0,1], i.e. 5 i.i.d. buyers): the best anonymous auction is Myerson's, reserve
    /// 1/2 and Π* = 0.671875 (method.md §14), which the class frontier's Π* on the grid reaches to its discretisation error.</summary>
    [Fact]
    public void With_equal_classes_the_best_anonymous_auction_reaches_the_optimum()
    {
        var market = ClassMarket.Parse((2, "uniform(0,1)"), (3, "uniform(0,1)"));
        var best = AnonymousSecondPrice.BestReserve(market);
        Support.Close(0.5, best.Reserves[0], Tolerances.OptimisedReserve, "r");
        Support.Close(0.671875, best.Revenue, AtWelfare(best), "Π against the closed form");
        var problem = new ClassProblem(market, GridCells);
        Support.Close(problem.OptimalRevenue, best.Revenue, Tolerances.ContinuousAgainstClassGrid.AtScale(problem.OptimalWelfare), "Π against the grid's Π*");
    }

    /// <summary>
    /// The family from the lowest value to the best reserve against the frontier through the exact vertex list
    /// (<see cref="ClassVertices"/>, a market-agnostic <see cref="ParetoFrontier{TMechanism}"/> whose mechanisms here are only
    /// labels): each auction's revenue given up equals the frontier of the Lagrangian route by bisection at its U net of
    /// rents minus its Π with rents charged (the vertex list merges bends below the solver tolerance, so the two grid
    /// frontiers agree to far less than the grid's own error), and is ≥ 0 up to the grid's error, rents or not (the
    /// allocation with every lowest type held to zero is a mechanism of the class). One U[1,2] buyer against one U[0,2]: the
    /// best anonymous reserve is the kink r = 1 (dΠ/dr = F₂(r)·(2 − 2r) + F₁(r)·(1 − r) vanishes from the right at 1 and
    /// is positive below), and below it the U[1,2] buyer's lowest type keeps ∫_r^1 s/2 ds &gt; 0 and is flagged; with
    /// equal classes the best auction gives up nothing. (Markets whose vertex list takes long to compute are left to
    /// <see cref="Second_price_auctions_lie_on_or_below_the_class_frontier"/>.)
    /// </summary>
    [Theory]
    [InlineData(1, "uniform(1,2)", 1, "uniform(0,2)")]
    [InlineData(2, "uniform(0,1)", 3, "uniform(0,1)")]
    public void The_family_against_the_frontier(int n1, string f1, int n2, string f2)
    {
        var market = ClassMarket.Parse((n1, f1), (n2, f2));
        var problem = new ClassProblem(market, GridCells);
        var vertices = ClassVertices.Compute(problem)
            .Select((v, i) => new ParetoVertex<string>(v.Surplus, v.Revenue, v.Lambda, new Lazy<string>(() => $"vertex {i}"))).ToList();
        var frontier = ParetoFrontier.FromVertices(vertices, problem.OptimalWelfare, (a, b, nu) => $"{nu}×{a} | {1 - nu}×{b}");
        var family = AnonymousSecondPrice.Family(market, frontier, 6);
        var slack = Tolerances.ContinuousAgainstClassGrid.AtScale(problem.OptimalWelfare);

        Assert.Equal(6, family.Points.Count);
        Support.Close(0, family.Points[0].Reserve, Tolerances.Rounding, "the family starts at the lowest value");
        Assert.Same(family.Best, family.Points[^1].Outcome);
        if (f1 != f2) Support.Close(1, family.Best.Reserves[0], Tolerances.OptimisedReserve, "the best anonymous reserve");
        foreach (var p in family.Points)
        {
            Assert.False(p.BeyondFrontier);
            Assert.Equal(market.Classes.Any(c => c.Distribution.SupportLow > p.Reserve), p.Outcome.OutsideClass);
            var (bisection, _) = ClassLagrangian.FrontierAt(problem.Grids, p.Outcome.SurplusNetOfRents);
            Support.Close(bisection - p.Outcome.RevenueWithRentsCharged, p.RevenueGivenUp, slack, $"r = {p.Reserve}: revenue given up");
            Assert.True(slack.AtMost(0, p.RevenueGivenUp), $"r = {p.Reserve}: the auction gives up {p.RevenueGivenUp:R} < 0");
        }
        if (f1 == f2) Assert.True(slack.AtMost(family.Points[^1].RevenueGivenUp, 0), $"equal classes: the best auction gives up {family.Points[^1].RevenueGivenUp:R}");
    }

    [Fact]
    public void Bad_reserves_are_refused()
    {
        var market = ClassMarket.Parse((1, "uniform(0,1)"), (1, "uniform(0,2)"));
        Assert.Throws<InputException>(() => AnonymousSecondPrice.Evaluate(market, -0.1));
        Assert.Throws<InputException>(() => AnonymousSecondPrice.Evaluate(market, double.NaN));
        Assert.Throws<InputException>(() => AnonymousSecondPrice.Evaluate(market, [0.5]));
    }
}
