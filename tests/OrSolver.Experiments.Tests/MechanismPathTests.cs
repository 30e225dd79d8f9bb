using System.Collections.Concurrent;
using OrSolver.Core.Mechanisms;
using OrSolver.Core.Numerics;
using OrSolver.Core.Program.OrTools;
using OrSolver.Experiments.Analysis;

namespace OrSolver.Experiments.Tests;

/// <summary>
/// The analysis behind thm3.5, thm3.7 and outside: the payoff effect of a gap or a reserve (against the auctions evaluated
/// from their rules, an independent route), the significance filter (against Prop. 3.12: nothing the hull pools at an
/// anti-MHR market's buyer-optimal vertex can matter), the structure summary on markets whose structure a theorem fixes
/// (Uniform: Thm 3.7; exponential: Thm 3.4), and a segment's randomisation against the second-price auction's payoffs.
/// </summary>
public class MechanismPathTests
{
    /// <summary>Anti-MHR (a mixture of exponentials is DFR) and irregular: two humps of R, so the hull irons (pools).</summary>
    private const string Mixture = "mixture(0.5*exponential(1), 0.5*exponential(0.05))";

    private static readonly ConcurrentDictionary<(string, long), Lazy<MechanismPath>> Cache = new();

    private static MechanismPath Path(string spec, long buyers) =>
        Cache.GetOrAdd((spec, buyers), key => new Lazy<MechanismPath>(() => new MechanismPath(FrontierStructure.Compute(key.Item1, key.Item2, 400)))).Value;

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

    [Fact]
    public void Uniform_has_Theorem_3_7s_structure()
    {
        var summary = new StructureSummary(Path("uniform(0, 1)", 3));
        Assert.Empty(summary.Together);
        Assert.Empty(summary.ReserveIncreases);
        Assert.Empty(summary.ZeroReserveNotShrinking);
        Assert.True(summary.EndsAtLottery);
        Assert.True(summary.SecondPriceOnFrontier);
        Assert.Equal(0, summary.TopAtom);
        string text = summary.Describe();
        Assert.StartsWith("Covered by Theorem 3.7", text, StringComparison.Ordinal);
        Assert.EndsWith("Matches Theorem 3.7.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Exponential_has_Theorem_3_4s_structure()
    {
        var summary = new StructureSummary(Path("exponential(1)", 3));
        Assert.Empty(summary.GapVertices);
        Assert.Empty(summary.ReserveIncreases);
        Assert.True(summary.EndsAtSecondPrice);
        string text = summary.Describe();
        Assert.StartsWith("Covered by Theorem 3.4", text, StringComparison.Ordinal);
        Assert.EndsWith("Matches Theorem 3.4.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_capped_tail_has_an_atom_at_the_cap_and_is_not_called_anti_MHR()
    {
        // P(v ≥ cap) = cap^−α for Pareto I with scale 1.
        var summary = new StructureSummary(Path("pareto(1.1, cap=10000)", 3));
        Assert.True(Tolerances.ClosedForm.Close(Math.Pow(10000, -1.1), summary.TopAtom), $"atom {summary.TopAtom:R}");
        Assert.StartsWith("Outside Theorems 3.4–3.7", summary.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Uniform_above_U_plus_randomises_the_second_price_auction_and_the_lottery()
    {
        // Uniform's frontier above U⁺ is the segment from the SPA to the lottery (Π = 0): its middle is ν = 1/2 of each.
        var path = Path("uniform(0, 1)", 3);
        var structure = path.Structure;
        var segments = SegmentRandomisation.Pick(structure, i => !structure.HasReserve(i), 5);
        var segment = Assert.Single(segments);
        var point = Assert.Single(SegmentRandomisation.Solve(structure, segments, new OrToolsLinearSolver()));
        Assert.Equal(segment, point.Segment);
        Assert.True(point.Randomises);
        var (first, second) = point.Pair!.Value;
        Assert.Equal(MechanismKind.SecondPrice, first.Kind);
        Assert.Equal(MechanismKind.Lottery, second.Kind);
        var values = Tolerances.SolverAgreement.AtScale(structure.Scale);
        Assert.True(values.Close(0.5, point.Analysis!.Mechanism.Components[0].Probability));
        Assert.True(values.Close(0.5 * structure.Problem.SecondPrice.Revenue, point.Solve.Point.Revenue), $"LP Π {point.Solve.Point.Revenue:R}");
        Assert.True(point.MechanismGap(structure.Scale) <= Tolerances.SolverAgreement.Relative);
    }
}
