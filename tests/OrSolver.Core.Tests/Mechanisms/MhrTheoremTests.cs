using OrSolver.Core.Frontier;
using OrSolver.Core.Grid;
using OrSolver.Core.Mechanisms;
using OrSolver.Core.Numerics;
using OrSolver.Core.Program;
using OrSolver.Core.Program.OrTools;

namespace OrSolver.Core.Tests.Mechanisms;

/// <summary>
/// Theorem 3.7 and Corollary 3.8 (MHR F), with U⁺ the surplus of the plain second-price auction:
/// below U⁺ the frontier is run by second-price auctions with a reserve (no bid restriction), the reserve falling in U;
/// above U⁺ the extreme points are indirect Vickrey auctions with zero reserve (reserve = v(1), the lowest value) whose
/// bid space shrinks as U grows (B† refines B‡ for U† &lt; U‡), ending at the lottery (Hartline–Roughgarden); a point
/// between two such vertices randomises two zero-reserve auctions, the first refining the second.
/// "Shrinks" on the grid: the bid points (<see cref="FrontierCases.BidPoints"/>) of a later vertex are a subset of an
/// earlier one's, and the total gap length (in value) does not decrease.
/// </summary>
public class MhrTheoremTests
{
    private static readonly Tolerance ReserveAgreement = new(1e-9, 1e-12);

    /// <summary>Uniform[0,1] with three buyers; Weibull(2) (shape &gt; 1). U* = E[v]: 1/2 and Γ(3/2) = √π/2.
    /// The last column is the least number of vertices expected above U⁺. Uniform has none but the lottery: its mixed curve
    /// R_λ = q − (1 − λ/2)·q² is concave for λ &lt; 2 (the SPA is optimal for λ ∈ [1, 2]), linear at λ = 2 and convex
    /// beyond (the lottery), so above U⁺ the frontier is the single segment SPA–lottery.</summary>
    public static TheoryData<string, int, int, double, int> Markets => new()
    {
        { "uniform(0, 1)", 3, 1000, 0.5, 1 },
        { "weibull(2)", 3, 1000, 0.886226925452758, 20 },
    };

    [Theory]
    [MemberData(nameof(Markets))]
    public void Below_U_plus_second_price_with_falling_reserve_above_it_zero_reserve_with_a_shrinking_bid_space(string spec, int n, int m, double mean, int expectedAbove)
    {
        var c = FrontierCases.Get(spec, n, m);
        var shape = ShapeClassification.Classify(c.Problem.Discretised);
        Assert.True(shape.MonotoneHazardRate, $"{c}: classified {shape}");

        var market = c.Problem.Discretised;
        double uPlus = c.Problem.SecondPrice.Surplus;
        double lowest = market.Value(market.Cells);
        var v = c.Frontier.Vertices;
        var mechanisms = c.Mechanisms;
        int below = 0, above = 0;
        // Classified by the mechanism, then its U checked against U⁺: around U⁺ the SPA, second-price auctions with reserves
        // below 0.02 and zero-reserve auctions with gaps below 0.03 differ in Π and U by less than 1e-9 (Weibull: x̂ = (1 − q)²
        // and v ≈ √(1 − q) near q = 1), so the SPA need not be a vertex; the order of the others around U⁺ is what is claimed.
        var rounding = Tolerances.Rounding.AtScale(c.Scale);
        for (int i = 0; i < v.Count; i++)
        {
            var mechanism = mechanisms[i];
            string at = $"{c}: vertex {i} (U = {v[i].Surplus:R}, U⁺ = {uPlus:R}): {FrontierCases.Describe(mechanism)}";
            // Never both a reserve and a restricted bid space (the remark after Thm 3.7).
            Assert.False(mechanism.ReservePoint < market.Cells && mechanism.Gaps.Count > 0, at);
            if (mechanism.Kind == MechanismKind.SecondPrice)
            {
                Assert.True(c.Values.Close(v[i].Surplus, uPlus), at);
            }
            else if (mechanism.ReservePoint < market.Cells)
            {
                below++;
                Assert.True(rounding.AtMost(v[i].Surplus, uPlus), $"{at}: a reserve above U⁺");
                Assert.True(mechanism.Kind == MechanismKind.SecondPriceWithReserve, at);
                Assert.True(ReserveAgreement.AtMost(mechanism.Reserve, c.Problem.Monopoly.Reserve), at);
                if (i > 0) Assert.True(mechanism.Reserve < mechanisms[i - 1].Reserve, $"{at}: reserve did not fall");
            }
            else
            {
                above++;
                Assert.True(rounding.AtMost(uPlus, v[i].Surplus), $"{at}: zero reserve below U⁺");
                Assert.Equal(lowest, mechanism.Reserve);
                Assert.True(mechanism.Kind is MechanismKind.IndirectVickrey or MechanismKind.Lottery, at);
                Assert.NotEmpty(mechanism.Gaps);
                var previous = mechanisms[i - 1];
                if (previous.ReservePoint == market.Cells)
                {
                    Assert.True(FrontierCases.BidPoints(mechanism).IsSubsetOf(FrontierCases.BidPoints(previous)),
                        $"{at}: bid space did not shrink from vertex {i - 1} ({FrontierCases.Describe(previous)})");
                    Assert.True(FrontierCases.GapLength(mechanism) >= FrontierCases.GapLength(previous), $"{at}: gaps shrank");
                }
            }
        }
        Assert.True(below >= 20 && above >= expectedAbove, $"{c}: {below} vertices below U⁺, {above} above");

        // The SPA itself (U⁺) is on the frontier, at λ = 1 (on the grid it may be a vertex or lie on a segment to 1e-9).
        Support.Close(c.Problem.SecondPrice.Revenue, c.Frontier.Locate(uPlus).Revenue, c.Values, $"{c}: Π of the SPA vs the frontier at U⁺");

        // U*: the lottery at price v(1) = 0, U* = E[v], Π = 0.
        Assert.Equal(MechanismKind.Lottery, mechanisms[^1].Kind);
        Support.Close(mean, v[^1].Surplus, Tolerances.ClosedForm, $"{c}: U* = E[v]");
        Support.Close(0, v[^1].Revenue, c.Values, $"{c}: Π of the lottery");
    }

    [Theory]
    [MemberData(nameof(Markets))]
    public void Between_vertices_above_U_plus_a_randomisation_of_two_zero_reserve_auctions_the_first_refining_the_second(string spec, int n, int m, double mean, int expectedAbove)
    {
        var c = FrontierCases.Get(spec, n, m);
        Assert.True(mean > 0 && expectedAbove > 0);
        var market = c.Problem.Discretised;
        var v = c.Frontier.Vertices;
        // Segments wholly above U⁺ start at a zero-reserve vertex (the SPA or an indirect Vickrey auction); wholly below end at
        // a second-price auction with a reserve. Only segments wide enough (1e-7·OPT) that their middle is not snapped to a
        // vertex by Locate's 1e-9·OPT tolerance.
        bool Wide(int i) => v[i + 1].Surplus - v[i].Surplus > 1e-7 * c.Scale;
        var aboveSegments = Enumerable.Range(0, v.Count - 1).Where(i => Wide(i) && c.Mechanisms[i].ReservePoint == market.Cells).ToList();
        var belowSegments = Enumerable.Range(0, v.Count - 1).Where(i => Wide(i) && c.Mechanisms[i + 1].Kind == MechanismKind.SecondPriceWithReserve).ToList();
        using var solver = new FrontierSolver(c.Problem, new OrToolsLinearSolver());
        foreach (int i in new[] { aboveSegments[0], aboveSegments[aboveSegments.Count / 2], aboveSegments[^1], belowSegments[0], belowSegments[belowSegments.Count / 2] }.Distinct())
        {
            double u = 0.5 * (v[i].Surplus + v[i + 1].Surplus);
            var solve = solver.Solve(u);
            Assert.True(solve.Status == SolveStatus.Optimal, $"{c}: U₀ = {u:R}: {solve.Status} ({solve.Note})");
            // Structure only: the reported mechanism is the hull's at the LP's U. LP-vs-hull values are ExactFrontierTests' (on the
            // segments near U* of Weibull they differ by up to 2.2e-9·OPT: see ExactFrontierTests.LP_revenue_at_the_middle_of_segments_equals_the_hull).
            var analysis = DualityChecker.Analyse(solve, c.Frontier);
            Assert.False(analysis.Location.AtVertex);
            Assert.Equal(MechanismKind.Randomization, analysis.Mechanism.Kind);
            var (first, second) = (analysis.Mechanism.Components[0].Mechanism, analysis.Mechanism.Components[1].Mechanism);
            string at = $"{c}: segment {i}: {FrontierCases.Describe(first)} / {FrontierCases.Describe(second)}";
            if (aboveSegments.Contains(i))
            {
                // Cor. 3.8: both zero reserve, B† (the lower-U one) refines B‡.
                Assert.True(first.ReservePoint == market.Cells && second.ReservePoint == market.Cells, at);
                Assert.True(FrontierCases.BidPoints(second).IsSubsetOf(FrontierCases.BidPoints(first)), at);
            }
            else
            {
                // Thm 3.7 (i): second-price auctions with reserves, the reserve falling.
                Assert.True(first.Kind == MechanismKind.SecondPriceWithReserve && second.Kind == MechanismKind.SecondPriceWithReserve, at);
                Assert.True(second.Reserve < first.Reserve, at);
            }
        }
    }
}
