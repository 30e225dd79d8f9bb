using OrSolver.Core.Mechanisms;
using OrSolver.Core.Numerics;
using OrSolver.Core.Structures;

namespace OrSolver.Core.Tests.Structures;

/// <summary>
/// The significance of gaps and reserves along the frontier: the payoff effect of a gap or a reserve against the auctions
/// evaluated from their rules (an independent route), and the filter against Prop. 3.12 (nothing the hull pools at an
/// anti-MHR market's buyer-optimal vertex can matter).
/// </summary>
public class MechanismPathTests
{
    /// <summary>Anti-MHR (a mixture of exponentials is DFR) and irregular: two humps of R, so the hull irons (pools).</summary>
    private const string Mixture = StructureCases.ExponentialMixture;

    private static MechanismPath Path(string spec, long buyers) => StructureCases.Path(spec, buyers, 400);

    [Fact]
    public void Unpooling_effect_equals_the_auctions_with_and_without_the_gap_evaluated_from_their_rules()
    {
        var path = Path(Mixture, 3);
        var structure = path.Structure;
        var market = structure.Problem.Discretised;
        var values = Tolerances.SolverAgreement.AtScale(structure.Scale);
        // The widest pooled interval on the frontier, and one narrow one, each on its own vertex.
        var pools = Enumerable.Range(0, path.Count).SelectMany(i => structure.Mechanisms[i].Pooled.Select(p => (Vertex: i, Pool: p)))
            .OrderBy(t => t.Pool.ToPoint - t.Pool.FromPoint).ToList();
        Assert.NotEmpty(pools);
        foreach (var (vertex, pool) in new[] { pools[^1], pools[pools.Count / 2] })
        {
            var mechanism = structure.Mechanisms[vertex];
            var unpooled = mechanism with { Pooled = [.. mechanism.Pooled.Where(p => p != pool)] };
            var before = mechanism.Evaluate(market);
            var after = unpooled.Evaluate(market);
            var (revenue, surplus) = MechanismPath.UnpoolingEffect(market, pool);
            Assert.True(values.Close(after.Revenue - before.Revenue, revenue), $"vertex {vertex} pool {pool}: ΔΠ {after.Revenue - before.Revenue:R} vs {revenue:R}");
            Assert.True(values.Close(after.Surplus - before.Surplus, surplus), $"vertex {vertex} pool {pool}: ΔU {after.Surplus - before.Surplus:R} vs {surplus:R}");
        }
        // Pooling irons: it gives up surplus for revenue, so the widest gap moves U by far more than the tolerance.
        Assert.True(path.HasSignificantGaps(pools[^1].Vertex));
    }

    [Fact]
    public void Reserve_effect_equals_the_second_price_auction_with_and_without_the_reserve()
    {
        var path = Path("exponential(1)", 3);
        var structure = path.Structure;
        var market = structure.Problem.Discretised;
        var values = Tolerances.SolverAgreement.AtScale(structure.Scale);
        var mechanism = structure.Mechanisms[structure.Mechanisms.Count / 3];
        Assert.Equal(MechanismKind.SecondPriceWithReserve, mechanism.Kind);
        var before = mechanism.Evaluate(market);
        var after = (mechanism with { ReservePoint = market.Cells }).Evaluate(market);
        var (revenue, surplus) = MechanismPath.ReserveEffect(market, mechanism.ReservePoint);
        Assert.True(values.Close(after.Revenue - before.Revenue, revenue), $"ΔΠ {after.Revenue - before.Revenue:R} vs {revenue:R}");
        Assert.True(values.Close(after.Surplus - before.Surplus, surplus), $"ΔU {after.Surplus - before.Surplus:R} vs {surplus:R}");
        // Without the reserve the auction is the plain SPA, whose payoffs the problem knows independently (U⁺).
        Assert.True(values.Close(after.Surplus, structure.Problem.SecondPrice.Surplus));
        Assert.True(path.HasSignificantReserve(structure.Mechanisms.Count / 3));
    }

    [Fact]
    public void Nothing_pooled_at_the_buyer_optimal_vertex_of_an_anti_MHR_market_is_significant()
    {
        // Prop. 3.12: the second-price auction is buyer-optimal for anti-MHR F, so any pooling the hull reads there (the
        // mixture's root-found v(q) leaves 1e-8-wide intervals near q = 1) cannot move Π or U.
        var path = Path(Mixture, 3);
        int last = path.Count - 1;
        Assert.False(path.HasSignificantGaps(last));
        Assert.False(path.HasSignificantReserve(last));
        // Non-vacuous: the irregular stretch does make many vertices pool significantly (ironing).
        Assert.True(Enumerable.Range(0, path.Count).Count(path.HasSignificantGaps) >= 20);
    }
}
