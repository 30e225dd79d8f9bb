using OrSolver.Core.Frontier;
using OrSolver.Core.Grid;
using OrSolver.Core.Mechanisms;
using OrSolver.Core.Numerics;
using OrSolver.Core.Program;
using OrSolver.Core.Program.OrTools;

namespace OrSolver.Core.Tests.Mechanisms;

/// <summary>
/// Theorem 3.5 and Corollary 3.6 (anti-MHR, not necessarily regular): every extreme point is an indirect Vickrey auction
/// with a reserve no larger than the lowest monopoly reserve; as U grows the bid space refines and the reserve does not
/// grow; any point randomises two such auctions, the second refining the first.
///
/// "The bid space refines" on the grid: the bids of a grid auction are the grid values v(q_k) at the points k ≤ r (the
/// reserve point) that are not strictly inside a pooled interval (<see cref="FrontierCases.BidPoints"/>). B‡ refines B†
/// (Def. 2.4: B‡ ⊇ B†) is inclusion of these index sets. Along the vertices in increasing U this is asserted pairwise,
/// which by transitivity covers every pair (Thm 3.5 (ii)). It implies that pooled intervals only shrink or split, a lower
/// reserve only adds bids at the bottom, and a pooled interval never grows to follow a falling reserve.
/// </summary>
public class AntiMhrTheoremTests
{
    /// <summary>A mixture of exponentials is DFR, i.e. anti-MHR (every mixture of DFR laws is); with rates 1 and 0.05 its
    /// revenue curve has two humps (monopoly prices 1 and 20), so it is not regular. On the 400-cell grid the classifier
    /// confirms both (on the 1000-cell grid it does not: see <see cref="Classifier_confirms_anti_MHR_for_the_exponential_mixture_on_a_finer_grid"/>).</summary>
    private const string Mixture = "mixture(0.5*exponential(1), 0.5*exponential(0.05))";

    private static readonly Tolerance ReserveAgreement = new(1e-9, 1e-12);

    private static FrontierCase Case() => FrontierCases.Get(Mixture, 3, 400);

    [Fact]
    public void The_mixture_is_anti_MHR_and_irregular_on_its_grid()
    {
        var shape = ShapeClassification.Classify(Case().Problem.Discretised);
        Assert.True(shape.AntiMonotoneHazardRate, $"classified {shape}");
        Assert.False(shape.Regular, $"classified {shape}");
        Assert.False(shape.MonotoneHazardRate, $"classified {shape}");
    }

    [Fact]
    public void Vertices_are_indirect_Vickrey_auctions_whose_bid_space_refines_and_reserve_falls_as_U_grows()
    {
        var c = Case();
        var mechanisms = c.Mechanisms;
        double monopolyReserve = c.Problem.Monopoly.Reserve;
        int restricted = 0;
        for (int i = 0; i < mechanisms.Count; i++)
        {
            var mechanism = mechanisms[i];
            Assert.True(mechanism.Kind is MechanismKind.IndirectVickrey or MechanismKind.SecondPriceWithReserve or MechanismKind.SecondPrice,
                $"vertex {i}: {FrontierCases.Describe(mechanism)}");
            Assert.True(ReserveAgreement.AtMost(mechanism.Reserve, monopolyReserve),
                $"vertex {i}: reserve {mechanism.Reserve:R} above the monopoly reserve {monopolyReserve:R}");
            if (mechanism.Gaps.Count > 0) restricted++;
            if (i == 0) continue;
            var previous = mechanisms[i - 1];
            Assert.True(mechanism.Reserve <= previous.Reserve,
                $"reserve grew from vertex {i - 1} ({FrontierCases.Describe(previous)}) to {i} ({FrontierCases.Describe(mechanism)})");
            var before = FrontierCases.BidPoints(previous);
            var after = FrontierCases.BidPoints(mechanism);
            Assert.True(before.IsSubsetOf(after),
                $"bid space of vertex {i} does not refine that of vertex {i - 1}: {FrontierCases.Describe(previous)} -> {FrontierCases.Describe(mechanism)}; " +
                $"lost bid points {string.Join(", ", before.Except(after).Take(10))}");
        }
        // Non-vacuous: the irregular stretch makes a good part of the frontier restrict the bid space (ironing).
        Assert.True(restricted >= 20, $"only {restricted} of {mechanisms.Count} vertices restrict the bid space");
        // λ = 0 runs the lowest monopoly reserve (Thm 3.5's proof in B.5).
        Support.Close(monopolyReserve, mechanisms[0].Reserve, ReserveAgreement, "Myerson reserve");
        // U* is reached by the second-price auction (Prop. B.13): the last vertex has the SPA's revenue and surplus.
        var spa = c.Problem.SecondPrice;
        Support.Close(spa.Surplus, c.Frontier.Vertices[^1].Surplus, c.Values, "U* vs U of the SPA");
        Support.Close(spa.Revenue, c.Frontier.Vertices[^1].Revenue, c.Values, "Π at U* vs Π of the SPA");
    }

    [Fact]
    public void Gap_length_does_not_grow_while_the_reserve_stays()
    {
        // The weaker reading of "the bid space refines" the task suggested: among consecutive vertices with the same
        // reserve, the total length (in value) removed from the bid space does not grow.
        var mechanisms = Case().Mechanisms;
        int compared = 0;
        for (int i = 1; i < mechanisms.Count; i++)
        {
            if (mechanisms[i].ReservePoint != mechanisms[i - 1].ReservePoint) continue;
            compared++;
            double before = FrontierCases.GapLength(mechanisms[i - 1]), after = FrontierCases.GapLength(mechanisms[i]);
            Assert.True(after <= before + 1e-12 * before, $"gap length grew from {before:R} to {after:R} at vertex {i}");
        }
        Assert.True(compared >= 10, $"only {compared} pairs of vertices share a reserve");
    }

    [Fact]
    public void A_point_between_two_vertices_randomises_two_auctions_the_second_refining_the_first()
    {
        // Cor. 3.6: ν·M† + (1−ν)·M‡ with B‡ ⊇ B† and r‡ ≤ r† ≤ monopoly reserve.
        var c = Case();
        var v = c.Frontier.Vertices;
        // Segments whose two ends both restrict the bid space, and a few others.
        var segments = Enumerable.Range(0, v.Count - 1).Where(i => c.Mechanisms[i].Gaps.Count > 0 && c.Mechanisms[i + 1].Gaps.Count > 0).Take(3)
            .Concat([0, v.Count / 2, v.Count - 3]).Select(i => FrontierCases.WideSegment(c, i)).Distinct().ToList();
        using var solver = new FrontierSolver(c.Problem, new OrToolsLinearSolver());
        foreach (int i in segments)
        {
            double u = 0.5 * (v[i].Surplus + v[i + 1].Surplus);
            var solve = solver.Solve(u);
            Assert.True(solve.Status == SolveStatus.Optimal, $"U₀ = {u:R}: {solve.Status} ({solve.Note})");
            var analysis = DualityChecker.Analyse(solve, c.Frontier);
            Support.Close(analysis.Location.Revenue, solve.Point.Revenue, c.Values, $"Π on segment {i}, LP vs hull");
            Support.Close(solve.Point.Revenue, analysis.Reevaluated.Revenue, c.Values, $"re-evaluated Π on segment {i}");
            Support.Close(solve.Point.Surplus, analysis.Reevaluated.Surplus, c.Values, $"re-evaluated U on segment {i}");
            Assert.Equal(MechanismKind.Randomization, analysis.Mechanism.Kind);
            var (first, second) = (analysis.Mechanism.Components[0].Mechanism, analysis.Mechanism.Components[1].Mechanism);
            Assert.True(second.Reserve <= first.Reserve && ReserveAgreement.AtMost(first.Reserve, c.Problem.Monopoly.Reserve),
                $"segment {i}: reserves {first.Reserve:R}, {second.Reserve:R}");
            Assert.True(FrontierCases.BidPoints(first).IsSubsetOf(FrontierCases.BidPoints(second)),
                $"segment {i}: {FrontierCases.Describe(second)} does not refine {FrontierCases.Describe(first)}");
            Assert.True(analysis.Mechanism.Components[0].Probability is > 0 and < 1);
        }
    }

    [Fact]
    public void Classifier_confirms_anti_MHR_for_the_exponential_mixture_on_a_finer_grid()
    {
        foreach (var spec in new[] { Mixture, "mixture(0.9*exponential(1), 0.1*exponential(0.05))", "mixture(0.5*exponential(1), 0.5*exponential(1.5))" })
        {
            var problem = new FrontierProblem(Support.Market(spec, 3), 1000);
            var shape = ShapeClassification.Classify(problem.Discretised);
            Assert.True(shape.AntiMonotoneHazardRate, $"{spec}: classified {shape}");
        }
    }

    [Fact(Skip = "src bug (same cause: MixtureDistribution.Value near q = 1 is accurate to ≈ 1e-16 absolute only): the buyer-optimal "
        + "vertex (λ = ∞) of the anti-MHR mixture is read as indirect-vickrey with pooled intervals near q = 1 (grid points 388-390, "
        + "391-396, 396-399 of 400; removed values below 1e-7), not the second-price auction of Prop. B.13 / SPEC §6. Π and U "
        + "agree with the SPA's to rounding (asserted in the test above).")]
    public void Buyer_optimal_vertex_of_the_anti_MHR_mixture_is_the_second_price_auction()
    {
        var c = Case();
        Assert.True(c.Mechanisms[^1].Kind == MechanismKind.SecondPrice, FrontierCases.Describe(c.Mechanisms[^1]));
    }
}
