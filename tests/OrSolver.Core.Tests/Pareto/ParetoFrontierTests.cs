using OrSolver.Core.Numerics;
using OrSolver.Core.Pareto;

namespace OrSolver.Core.Tests.Pareto;

/// <summary>The market-agnostic frontier: validation of its shape, points between vertices, and their mechanisms.</summary>
public class ParetoFrontierTests
{
    private static readonly Tolerance Exact = Tolerances.Rounding;

    [Fact]
    public void A_point_between_vertices_is_their_randomisation()
    {
        var frontier = ParetoFrontier.FromVertices(HandMadeFrontiers.Triangle, 2, HandMadeFrontiers.Randomise);
        var point = frontier.At(1.25); // on B–C: Π = 1.5 − 1.5·0.25, ν = (2 − 1.25)/1
        Support.Close(1.125, point.Revenue, Exact, "Π(1.25)");
        Support.Close(0.75, point.Probability, Exact, "ν");
        Support.Close(1.5, point.Lambda, Exact, "slope of B–C");
        Assert.Equal("0.75×B + 0.25×C", frontier.MechanismOf(point));
        var vertex = frontier.At(1);
        Assert.True(vertex.AtVertex);
        Assert.Equal("B", frontier.MechanismOf(vertex));
        Assert.Equal(2, frontier.IdealRevenue);
        Assert.Equal(2, frontier.IdealSurplus);
    }

    [Fact]
    public void Vertices_carry_the_slope_to_their_right()
    {
        var v = ParetoFrontier.FromVertices(HandMadeFrontiers.Triangle, 2, HandMadeFrontiers.Randomise).Vertices!;
        Assert.Equal([0.5, 1.5, double.PositiveInfinity], v.Select(x => x.Lambda));
    }

    [Fact]
    public void A_curve_that_is_not_a_frontier_is_refused()
    {
        var v = HandMadeFrontiers.Vertex;
        Assert.Throws<ArgumentException>(() => ParetoFrontier.FromVertices([v(0, 1, "A"), v(1, 0.5, "B"), v(2, 0.4, "C")], 1, HandMadeFrontiers.Randomise)); // convex
        Assert.Throws<ArgumentException>(() => ParetoFrontier.FromVertices([v(0, 1, "A"), v(1, 1.5, "B")], 1, HandMadeFrontiers.Randomise)); // Π rises
        Assert.Throws<ArgumentException>(() => ParetoFrontier.FromVertices([v(0, 1, "A"), v(0, 0.5, "B")], 1, HandMadeFrontiers.Randomise)); // U repeats
        Assert.Throws<ArgumentException>(() => ParetoFrontier.FromVertices(Array.Empty<ParetoVertex<string>>(), 1, HandMadeFrontiers.Randomise));
        Assert.Throws<ArgumentOutOfRangeException>(() => ParetoFrontier.FromVertices(HandMadeFrontiers.SinglePoint, 0, HandMadeFrontiers.Randomise));
    }
}
