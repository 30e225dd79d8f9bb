using OrSolver.Core.Auctions;
using OrSolver.Core.Distributions;
using OrSolver.Core.Mechanisms;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Tests.Mechanisms;

/// <summary>
/// The auction's own rules (IndirectVickreyAuction.Evaluate: a value bids the highest allowed bid not above it, the highest
/// bid wins, ties broken uniformly, the winner pays her critical bid) against closed forms derived by hand.
/// </summary>
public class IndirectVickreyAuctionTests
{
    private static IValueDistribution Law(string spec) => DistributionSpec.Parse(spec);

    /// <summary>Bids 0, h, 2h, …, 1 − h (h = 1/M): the second-price auction with bids rounded down to multiples of h.</summary>
    private static IndirectVickreyAuction FineSecondPrice(int levels, double high = 1.0)
        => new(Enumerable.Range(0, levels).Select(k => high * k / levels).ToArray());

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void Second_price_auction_on_a_fine_bid_grid_matches_the_uniform_closed_forms(int n)
    {
        // Uniform[0,1]: Π = E[second highest] = (n−1)/(n+1), U = E[max] − Π = n/(n+1) − (n−1)/(n+1) = 1/(n+1) (method.md §14).
        // With bids on multiples of h = 1/20000 the level ties cost O(h²).
        var outcome = FineSecondPrice(20000).Evaluate(Law("uniform(0, 1)"), n);
        var tolerance = new Tolerance(1e-6, 1e-9);
        Support.Close((n - 1.0) / (n + 1), outcome.Revenue, tolerance, $"Π of the SPA, n = {n}");
        Support.Close(1.0 / (n + 1), outcome.Surplus, tolerance, $"U of the SPA, n = {n}");
        Support.Close(n / (n + 1.0), outcome.Welfare, tolerance, $"W = OPT, n = {n}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Second_price_auction_on_exponential_values_matches_the_harmonic_closed_forms(int n)
    {
        // Exponential(1): OPT = E[max] = H_n and the SPA leaves U = 1 for every n (method.md §14). Bids up to 40 (P(v ≥ 40) = e^{-40}).
        var outcome = FineSecondPrice(40000, high: 40).Evaluate(Law("exponential(1)"), n);
        var tolerance = new Tolerance(1e-6, 1e-9);
        Support.Close(Support.Harmonic(n) - 1, outcome.Revenue, tolerance, $"Π = H_n − 1, n = {n}");
        Support.Close(1, outcome.Surplus, tolerance, $"U = 1, n = {n}");
    }

    [Fact]
    public void One_bid_level_ties_are_broken_uniformly()
    {
        // n = 2, Uniform[0,1], the single bid 1/2 (a reserve of 1/2 and no other bid). A value ≥ 1/2 bids 1/2; with the other
        // below (prob. 1/2) she wins, with the other tied (prob. 1/2) she wins half the time: x = 1/2 + 1/4 = 3/4
        // (= ((L+p)² − L²)/(2p) with L = p = 1/2). Her critical bid is 1/2, so she pays 1/2 when she wins.
        //   Π = n·p·(1/2)·x = 2·(1/2)·(1/2)·(3/4) = 3/8  (= P(some value ≥ 1/2)·1/2 = (3/4)·(1/2));
        //   W = n·x·∫_{1/2}^1 v dv = 2·(3/4)·(3/8) = 9/16 (= P(sold)·E[v | v ≥ 1/2] = (3/4)·(3/4)); U = W − Π = 3/16.
        var single = new IndirectVickreyAuction([0.5]);
        Assert.Equal(0.5, single.Reserve);
        var two = single.Evaluate(Law("uniform(0, 1)"), 2);
        Support.Close(0.375, two.Revenue, Tolerances.Rounding, "Π, n = 2");
        Support.Close(0.1875, two.Surplus, Tolerances.Rounding, "U, n = 2");

        // n = 3: x = (1 − 1/8)/(3/2) = 7/12, Π = 3·(1/2)·(1/2)·(7/12) = 7/16 (= (1 − 1/8)·1/2), W = (7/8)·(3/4) = 21/32.
        var three = single.Evaluate(Law("uniform(0, 1)"), 3);
        Support.Close(7.0 / 16, three.Revenue, Tolerances.Rounding, "Π, n = 3");
        Support.Close(21.0 / 32 - 7.0 / 16, three.Surplus, Tolerances.Rounding, "U, n = 3");
    }

    [Fact]
    public void Two_bid_levels_charge_the_critical_bid()
    {
        // n = 2, Uniform[0,1], bids {0, 1/2}: the low level (v < 1/2, mass 1/2, nothing below) wins with x₀ = (1/2)²/(2·1/2) = 1/4,
        // the high level with x₁ = 3/4 (as above). Threshold payment of a high bidder: 0·x₀ + (1/2)·(x₁ − x₀) = 1/4; low bidders pay 0.
        //   Π = 2·(1/2)·(1/4) = 1/4;  W = 2·(x₀·∫₀^{1/2} v + x₁·∫_{1/2}^1 v) = 2·(1/4·1/8 + 3/4·3/8) = 5/8;  U = 3/8.
        // Direct check of W: both low (1/4): E = 1/4; otherwise a high value wins, E = 3/4: W = 1/16 + (3/4)(3/4) = 5/8.
        var outcome = new IndirectVickreyAuction([0, 0.5]).Evaluate(Law("uniform(0, 1)"), 2);
        Support.Close(0.25, outcome.Revenue, Tolerances.Rounding, "Π");
        Support.Close(0.375, outcome.Surplus, Tolerances.Rounding, "U");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void Lottery_at_the_lowest_value_sells_always_at_that_value(int n)
    {
        // Uniform[2,3], the single bid v(1) = 2: every value bids 2, the item goes to a uniformly random buyer at price 2.
        // Π = 2 (always sold at 2), U = E[v] − 2 = 1/2 (the winner is a random buyer), whatever n.
        var outcome = new IndirectVickreyAuction([2.0]).Evaluate(Law("uniform(2, 3)"), n);
        Support.Close(2, outcome.Revenue, Tolerances.Rounding, "Π of the lottery");
        Support.Close(0.5, outcome.Surplus, Tolerances.Rounding, "U of the lottery");
    }

    [Fact]
    public void One_buyer_faces_a_posted_price()
    {
        // n = 1, exponential(1), bids {p}: sold iff v ≥ p, at p: Π = p·e^{−p}, U = E[(v − p)⁺] = e^{−p}. Extra bids above p
        // change nothing for one buyer (she always wins at her critical bid p).
        const double p = 0.7;
        foreach (var bids in new[] { new[] { p }, [p, 1.5, 3.0] })
        {
            var outcome = new IndirectVickreyAuction(bids).Evaluate(Law("exponential(1)"), 1);
            Support.Close(p * Math.Exp(-p), outcome.Revenue, new Tolerance(1e-12, 1e-15), "Π of posting p");
            Support.Close(Math.Exp(-p), outcome.Surplus, new Tolerance(1e-12, 1e-15), "U of posting p");
        }
    }

    [Fact]
    public void Bids_must_be_finite_non_negative_and_increasing()
    {
        Assert.Throws<ArgumentException>(() => new IndirectVickreyAuction([]));
        Assert.Throws<ArgumentException>(() => new IndirectVickreyAuction([0.5, 0.5]));
        Assert.Throws<ArgumentException>(() => new IndirectVickreyAuction([1.0, 0.5]));
        Assert.Throws<ArgumentException>(() => new IndirectVickreyAuction([-0.1]));
        Assert.Throws<ArgumentException>(() => new IndirectVickreyAuction([double.NaN]));
        Assert.Throws<ArgumentException>(() => new IndirectVickreyAuction([double.PositiveInfinity]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IndirectVickreyAuction([0.5]).Evaluate(Law("uniform(0, 1)"), 0.5));
    }

    [Fact]
    public void Grid_second_price_auction_reevaluates_to_the_grid_allocation_exactly()
    {
        // The SPA's auction on the grid (bids at every grid value) reproduces the grid LP's Π and U of X = X̂ to 1e-9 of
        // OPT: that is what makes the grid program "exactly implementable" (method.md §3.3). Against the continuous closed form the
        // grid costs O(h²) (n = 3, m = 1000: 1.6e-6 relative on U).
        var c = FrontierCases.Get("uniform(0, 1)", 3, 1000);
        var spa = c.Mechanisms.Single(x => x.Kind == MechanismKind.SecondPrice);
        var outcome = spa.Evaluate(c.Problem.Discretised);
        Support.Close(c.Problem.SecondPrice.Revenue, outcome.Revenue, c.Values, "Π of the grid SPA");
        Support.Close(c.Problem.SecondPrice.Surplus, outcome.Surplus, c.Values, "U of the grid SPA");
        Support.Close(0.5, outcome.Revenue, new Tolerance(1e-5, 0), "Π vs (n−1)/(n+1)");
        Support.Close(0.25, outcome.Surplus, new Tolerance(1e-5, 0), "U vs 1/(n+1)");
    }
}
