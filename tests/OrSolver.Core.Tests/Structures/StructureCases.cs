using System.Collections.Concurrent;
using OrSolver.Core.Structures;

namespace OrSolver.Core.Tests.Structures;

/// <summary>Shared frontier structures: the exact frontier of a 400–1000-cell grid with every vertex's check costs
/// 0.1–1 s, so each market is built once per process.</summary>
internal static class StructureCases
{
    /// <summary>Anti-MHR (a mixture of exponentials is DFR) and irregular: two humps of R (monopoly prices 1 and 20), so
    /// the hull irons (pools).</summary>
    public const string ExponentialMixture = "mixture(0.5*exponential(1), 0.5*exponential(0.05))";

    private static readonly ConcurrentDictionary<(string, long, int), Lazy<MechanismPath>> Cache = new();

    /// <summary>The mechanisms along the exact frontier of <paramref name="spec"/> with <paramref name="buyers"/> buyers on
    /// <paramref name="gridSize"/> cells.</summary>
    public static MechanismPath Path(string spec, long buyers, int gridSize)
        => Cache.GetOrAdd((spec, buyers, gridSize), key => new Lazy<MechanismPath>(
            () => new MechanismPath(FrontierStructure.Compute(Support.Market(key.Item1, key.Item2), key.Item3)))).Value;
}
