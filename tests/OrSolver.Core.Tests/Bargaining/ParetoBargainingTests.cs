using OrSolver.Core.Bargaining;
using OrSolver.Core.Numerics;
using OrSolver.Core.Pareto;
using OrSolver.Core.Tests.Pareto;

namespace OrSolver.Core.Tests.Bargaining;

/// <summary>Kalai–Smorodinsky and (weighted) Nash on hand-made frontiers, against points computed by hand, by both the
/// vertex-list and the search route.</summary>
public class ParetoBargainingTests
{
    private static readonly Tolerance Exact = Tolerances.Rounding;

    private static void AssertPoint(ParetoPoint<string> point, double surplus, double revenue, string what)
    {
        Support.Close(surplus, point.Surplus, Exact, what + ": U");
        Support.Close(revenue, point.Revenue, Exact, what + ": Π");
    }

    /// <summary>Triangle (0, 2), (1, 1.5), (2, 0). KS: Π/2 = U/2 meets B–C (Π = 3 − 1.5U) at U = 1.2, ν = 0.8 on B.
    /// Π·U is (2 − U/2)·U on A–B (rising to U = 1) and (3 − 1.5U)·U on B–C (falling from U = 1): the vertex B.
    /// Π·U² on B–C: 6U − 4.5U² = 0 at U = 4/3, Π = 1 (16/9 beats B's 1.5).</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Triangle(bool bySearch)
    {
        var frontier = HandMadeFrontiers.Build(HandMadeFrontiers.Triangle, bySearch);
        var ks = ParetoBargaining.KalaiSmorodinsky(frontier);
        AssertPoint(ks, 1.2, 1.2, "KS");
        Support.Close(0.8, ks.Probability, Exact, "KS: ν");
        Assert.Equal("0.8×B + 0.2×C", frontier.MechanismOf(ks));
        var crossSide = ParetoBargaining.CrossSideNash(frontier);
        AssertPoint(crossSide, 1, 1.5, "cross-side Nash");
        Assert.Equal("B", frontier.MechanismOf(crossSide));
        AssertPoint(ParetoBargaining.WeightedNash(frontier, 2), 4.0 / 3, 1, "Nash, w = 2");
    }

    /// <summary>Flat piece (0, 1), (1, 1), (2, 0). KS: Π = U/2 meets Π = 2 − U at U = 4/3. Π·U: U on the flat piece,
    /// (2 − U)·U after it, both largest at U = 1. Π·U³ on the last segment: 6U² − 4U³ = 0 at U = 3/2, Π = 1/2.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Flat_piece(bool bySearch)
    {
        var frontier = HandMadeFrontiers.Build(HandMadeFrontiers.FlatPiece, bySearch);
        AssertPoint(ParetoBargaining.KalaiSmorodinsky(frontier), 4.0 / 3, 2.0 / 3, "KS");
        AssertPoint(ParetoBargaining.CrossSideNash(frontier), 1, 1, "cross-side Nash");
        AssertPoint(ParetoBargaining.WeightedNash(frontier, 3), 1.5, 0.5, "Nash, w = 3");
    }

    /// <summary>A one-point frontier: every solution is that point, run by its one mechanism.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Single_point(bool bySearch)
    {
        var frontier = HandMadeFrontiers.Build(HandMadeFrontiers.SinglePoint, bySearch);
        foreach (var point in new[] { ParetoBargaining.KalaiSmorodinsky(frontier), ParetoBargaining.CrossSideNash(frontier), ParetoBargaining.WeightedNash(frontier, 5) })
        {
            AssertPoint(point, 0.3, 0.7, "single point");
            Assert.Equal("A", frontier.MechanismOf(point));
        }
    }

    /// <summary>One segment Π = 1 − U from (0, 1) to (1, 0): Π·U^w is largest at U = w/(1 + w).</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(9)]
    public void Nash_on_a_segment_is_at_w_over_1_plus_w(double weight)
    {
        var v = HandMadeFrontiers.Vertex;
        var frontier = ParetoFrontier.FromVertices([v(0, 1, "A"), v(1, 0, "B")], 1, HandMadeFrontiers.Randomise);
        double u = weight / (1 + weight);
        AssertPoint(ParetoBargaining.WeightedNash(frontier, weight), u, 1 - u, $"w = {weight}");
    }
}
