using System.Collections.Concurrent;
using OrSolver.Core.Auctions;
using OrSolver.Core.Characterization;
using OrSolver.Core.Mechanisms;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Tests.Mechanisms;

/// <summary>A discretised market with its exact frontier and the mechanism of every vertex (built once per process).</summary>
internal sealed class FrontierCase
{
    public FrontierCase(string spec, int buyers, int gridSize)
    {
        Spec = spec;
        Problem = new FrontierProblem(Support.Market(spec, buyers), gridSize);
        Frontier = ExactVertices.Compute(Problem.Discretised);
        Mechanisms = Frontier.Vertices.Select(v => MechanismRecovery.FromOptimum(v.Optimum(Problem.Discretised))).ToArray();
    }

    public string Spec { get; }

    public FrontierProblem Problem { get; }

    public ExactVertices Frontier { get; }

    /// <summary>The canonical mechanism of each vertex, in the order of <see cref="ExactVertices.Vertices"/>.</summary>
    public IReadOnlyList<RecoveredMechanism> Mechanisms { get; }

    /// <summary>OPT, the scale of revenue and surplus.</summary>
    public double Scale => Problem.OptimalWelfare;

    /// <summary>Revenue/surplus agreement on this market: 1e-9 relative to OPT (method.md §5.7).</summary>
    public Tolerance Values => Tolerances.SolverAgreement.AtScale(Scale);

    public override string ToString() => $"{Spec}, n = {Problem.Market.Buyers}, m = {Problem.Discretised.Cells}";
}

/// <summary>Shared frontier cases: the exact frontier of a 1000-cell grid costs 0.1–1 s, so each is built once.</summary>
internal static class FrontierCases
{
    private static readonly ConcurrentDictionary<(string, int, int), Lazy<FrontierCase>> Cache = new();

    /// <summary>Markets whose LP sweep is compared with the hull: uniform, exponential and weibull(2) (MHR), lomax(2)
    /// (regular, anti-MHR), and two irregular mixtures (a gap in the support; a heavy exponential component).</summary>
    public static TheoryData<string, int, int> SweepMarkets => new()
    {
        { "uniform(0, 1)", 3, 1000 },
        { "exponential(1)", 3, 1000 },
        { "lomax(2)", 3, 1000 },
        { "weibull(2)", 3, 1000 },
        { "mixture(0.9*uniform(0, 1), 0.1*uniform(2, 3))", 2, 1000 },
        { "mixture(0.5*exponential(1), 0.5*exponential(0.05))", 3, 400 },
    };

    public static FrontierCase Get(string spec, int buyers, int gridSize)
        => Cache.GetOrAdd((spec, buyers, gridSize), key => new Lazy<FrontierCase>(() => new FrontierCase(key.Item1, key.Item2, key.Item3))).Value;

    /// <summary>The bid space of a single auction on the grid, as grid indices (<see cref="RecoveredMechanism.BidPoints"/>).</summary>
    public static SortedSet<int> BidPoints(RecoveredMechanism mechanism)
    {
        ArgumentNullException.ThrowIfNull(mechanism);
        return mechanism.BidPoints();
    }

    /// <summary>
    /// The segment nearest to <paramref name="index"/> (searching down first) that is at least 1e-7·OPT wide in U, so that its
    /// middle is not snapped to a vertex by <see cref="ExactVertices.Locate"/>'s 1e-9·OPT tolerance. Near U* and U⁺ vertices can
    /// be 1e-12 apart.
    /// </summary>
    public static int WideSegment(FrontierCase c, int index)
    {
        ArgumentNullException.ThrowIfNull(c);
        var v = c.Frontier.Vertices;
        bool Wide(int i) => v[i + 1].Surplus - v[i].Surplus > 1e-7 * c.Scale;
        for (int i = Math.Min(index, v.Count - 2); i >= 0; i--) if (Wide(i)) return i;
        for (int i = index + 1; i < v.Count - 1; i++) if (Wide(i)) return i;
        throw new InvalidOperationException($"{c}: no segment wider than 1e-7·OPT");
    }

    /// <summary>Total length (in value) of the bid-space gaps.</summary>
    public static double GapLength(RecoveredMechanism mechanism)
    {
        ArgumentNullException.ThrowIfNull(mechanism);
        return mechanism.GapLength;
    }

    /// <summary>One line describing a mechanism, for failure messages.</summary>
    public static string Describe(RecoveredMechanism mechanism)
        => $"{mechanism.KindName} reserve {mechanism.Reserve:G9} (point {mechanism.ReservePoint}) gaps [{string.Join(", ", mechanism.Gaps.Select(g => $"({g.Low:G6}, {g.High:G6})"))}]";
}
