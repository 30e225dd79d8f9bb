using OrSolver.Core.Pareto;

namespace OrSolver.Core.Tests.Pareto;

/// <summary>Frontiers drawn by hand, whose bargaining points are computed by hand in the tests that use them. Mechanisms
/// are names; a randomisation reads "ν×A + (1−ν)×B".</summary>
internal static class HandMadeFrontiers
{
    public static string Randomise(string a, string b, double nu) => $"{nu:G4}×{a} + {1 - nu:G4}×{b}";

    public static ParetoVertex<string> Vertex(double surplus, double revenue, string name)
        => new(surplus, revenue, double.NaN, new Lazy<string>(() => name));

    /// <summary>(U, Π) = (0, 2), (1, 1.5), (2, 0): slopes 0.5 then 1.5. Π* = 2, U* = 2, benchmark 2.</summary>
    public static IReadOnlyList<ParetoVertex<string>> Triangle =>
        [Vertex(0, 2, "A"), Vertex(1, 1.5, "B"), Vertex(2, 0, "C")];

    /// <summary>(0, 1), (1, 1), (2, 0): a flat piece (slope 0), then slope 1. Π* = 1, U* = 2.</summary>
    public static IReadOnlyList<ParetoVertex<string>> FlatPiece =>
        [Vertex(0, 1, "A"), Vertex(1, 1, "B"), Vertex(2, 0, "C")];

    /// <summary>One point (0.3, 0.7): every mechanism gives the same.</summary>
    public static IReadOnlyList<ParetoVertex<string>> SinglePoint => [Vertex(0.3, 0.7, "A")];

    /// <summary>The frontier through <paramref name="vertices"/>, from its vertex list or explored only by a scanning
    /// search (the route markets with long vertex lists take).</summary>
    public static ParetoFrontier<string> Build(IReadOnlyList<ParetoVertex<string>> vertices, bool bySearch)
    {
        var listed = ParetoFrontier.FromVertices(vertices, 2, Randomise);
        if (!bySearch) return listed;
        return ParetoFrontier.FromSearch(listed.First, listed.Last, 2, side => listed.Segment(side), Randomise);
    }
}
