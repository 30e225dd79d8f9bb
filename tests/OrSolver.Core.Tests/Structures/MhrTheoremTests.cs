using OrSolver.Core.Auctions;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.LinearProgramming.OrTools;
using OrSolver.Core.Mechanisms;
using OrSolver.Core.Numerics;
using OrSolver.Core.Structures;
using OrSolver.Core.Tests.Mechanisms;

namespace OrSolver.Core.Tests.Structures;

/// <summary>
/// Theorem 3.7 and Corollary 3.8 (MHR F), with U⁺ the surplus of the plain second-price auction:
/// below U⁺ the frontier is run by second-price auctions with a reserve (no bid restriction), the reserve falling in U;
/// above U⁺ the extreme points are indirect Vickrey auctions with zero reserve (reserve = v(1), the lowest value) whose
/// bid space shrinks as U grows (B† refines B‡ for U† &lt; U‡), ending at the lottery (Hartline–Roughgarden); a point
/// between two such vertices randomises two zero-reserve auctions, the first refining the second. The statements are
/// checked by <see cref="TheoremStructure.Theorem37"/> and <see cref="TheoremStructure.Corollary38"/>; what is asserted
/// besides comes from elsewhere: U* = E[v] in closed form, how many vertices lie either side of U⁺ (Uniform's frontier
/// above U⁺ is one segment), the gaps growing in value as the bid space shrinks, and the segments below U⁺.
/// </summary>
public class MhrTheoremTests
{
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
        var path = StructureCases.Path(spec, n, m);
        var structure = path.Structure;
        var mhr = TheoremStructure.Theorem37(path);
        Assert.True(mhr.BelowSecondPrice.Applies, $"{structure}: classified {structure.Shape}");
        Assert.True(mhr.Holds, $"{structure}: {mhr.BelowSecondPrice}; {mhr.AboveSecondPrice}; {mhr.NoReserveWithGaps}");
        Assert.True(mhr.WithReserve.Count >= 20 && mhr.ZeroReserve.Count >= expectedAbove,
            $"{structure}: {mhr.WithReserve.Count} vertices below U⁺, {mhr.ZeroReserve.Count} above");

        // Above U⁺ every vertex restricts the bid space, and as it shrinks the gaps grow in total length.
        var mechanisms = structure.Mechanisms;
        foreach (int i in mhr.ZeroReserve)
        {
            Assert.NotEmpty(mechanisms[i].Gaps);
            if (i > 0 && !structure.HasReserve(i - 1))
                Assert.True(mechanisms[i].GapLength >= mechanisms[i - 1].GapLength, $"{structure}: gaps shrank at vertex {i}");
        }

        // U*: the lottery at price v(1) = 0, U* = E[v] in closed form, Π = 0.
        var last = structure.Vertices[^1];
        Support.Close(mean, last.Surplus, Tolerances.ClosedForm, $"{structure}: U* = E[v]");
        Support.Close(0, last.Revenue, Tolerances.SolverAgreement.AtScale(structure.Scale), $"{structure}: Π of the lottery");
    }

    [Theory]
    [MemberData(nameof(Markets))]
    public void Between_vertices_above_U_plus_a_randomisation_of_two_zero_reserve_auctions_the_first_refining_the_second(string spec, int n, int m, double mean, int expectedAbove)
    {
        Assert.True(mean > 0 && expectedAbove > 0);
        var structure = StructureCases.Path(spec, n, m).Structure;
        var v = structure.Vertices;
        var mechanisms = structure.Mechanisms;
        // Segments wholly above U⁺ start at a zero-reserve vertex (the SPA or an indirect Vickrey auction); wholly below end at
        // a second-price auction with a reserve. Only segments wide enough that their middle is not snapped to a vertex.
        var above = SegmentRandomisation.Pick(structure, i => !structure.HasReserve(i), 3);
        var below = SegmentRandomisation.Pick(structure, i => mechanisms[i + 1].Kind == MechanismKind.SecondPriceWithReserve, 2);
        var solver = new OrToolsLinearSolver();
        var points = SegmentRandomisation.Solve(structure, above, solver);
        Assert.NotEmpty(points);
        // Cor. 3.8: both zero reserve, B† (the lower-U one) refines B‡.
        var verdict = TheoremStructure.Corollary38(structure, points);
        Assert.True(verdict.Holds, $"{structure}: {verdict}");

        // Thm 3.7 (i) between vertices below U⁺: second-price auctions with reserves, the reserve falling.
        using var frontierSolver = new FrontierSolver(structure.Problem, solver);
        foreach (int i in below)
        {
            double u = 0.5 * (v[i].Surplus + v[i + 1].Surplus);
            var solve = frontierSolver.Solve(u);
            Assert.True(solve.Status == SolveStatus.Optimal, $"{structure}: U₀ = {u:R}: {solve.Status} ({solve.Note})");
            var analysis = DualityChecker.Analyse(solve, structure.Frontier);
            Assert.False(analysis.Location.AtVertex);
            Assert.Equal(MechanismKind.Randomization, analysis.Mechanism.Kind);
            var (first, second) = (analysis.Mechanism.Components[0].Mechanism, analysis.Mechanism.Components[1].Mechanism);
            string at = $"{structure}: segment {i}: {FrontierCases.Describe(first)} / {FrontierCases.Describe(second)}";
            Assert.True(first.Kind == MechanismKind.SecondPriceWithReserve && second.Kind == MechanismKind.SecondPriceWithReserve, at);
            Assert.True(second.Reserve < first.Reserve, at);
        }
    }
}
