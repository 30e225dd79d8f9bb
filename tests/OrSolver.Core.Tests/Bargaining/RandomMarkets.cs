using System.Globalization;
using OrSolver.Core.Bargaining;
using OrSolver.Core.Characterization;
using OrSolver.Core.Frontier;
using OrSolver.Core.Grid;
using OrSolver.Core.Program.OrTools;

namespace OrSolver.Core.Tests.Bargaining;

/// <summary>A market solved on one grid by <see cref="BargainingSolver.Solve"/> (no refinement), with its shape class.</summary>
public sealed class BargainCase
{
    public BargainCase(string spec, long buyers, int gridSize)
    {
        Spec = spec;
        GridSize = gridSize;
        Problem = new FrontierProblem(Support.Market(spec, buyers), gridSize);
        Frontier = ExactFrontier.Compute(Problem.Discretised);
        Shape = ShapeClassification.Classify(Problem.Discretised);
        Solutions = BargainingSolver.Solve(Problem, Frontier, new OrToolsLinearSolver());
    }

    public string Spec { get; }

    public long N => Problem.Market.Buyers;

    /// <summary>The grid size asked for (the grid has a few more cells when breakpoints are inserted).</summary>
    public int GridSize { get; }

    public FrontierProblem Problem { get; }

    public ExactFrontier Frontier { get; }

    public ShapeClassification Shape { get; }

    public BargainingSolutions Solutions { get; }

    public override string ToString() => $"{Spec}, n = {N}, grid {GridSize} ({Problem.Discretised.Cells} cells)";
}

/// <summary>Seeded random value distributions: mixtures of 2–3 components drawn from eight families (bounded, capped
/// heavy tails, atoms at caps, separated supports), almost all of them irregular.</summary>
internal static class RandomMarkets
{
    /// <summary>Fixed seed: the instances are the same on every run.</summary>
    public const int Seed = 20240604;

    private static string F(double x) => x.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>One component spec.</summary>
    public static string Component(Random r)
    {
        ArgumentNullException.ThrowIfNull(r);
        switch (r.Next(9))
        {
            case 0:
            {
                double low = 3 * r.NextDouble(), width = 0.1 + 2 * r.NextDouble();
                return $"uniform({F(low)}, {F(low + width)})";
            }
            case 1: return $"exponential({F(0.3 + 2 * r.NextDouble())})";
            case 2: return $"lognormal({F(2 * r.NextDouble() - 1)}, {F(0.2 + r.NextDouble())}, cap={F(5 + 20 * r.NextDouble())})";
            case 3: return $"beta({F(0.5 + 3 * r.NextDouble())}, {F(0.5 + 3 * r.NextDouble())}, {F(2 * r.NextDouble())}, {F(2.5 + 3 * r.NextDouble())})";
            case 4: return $"pareto({F(1.5 + 2 * r.NextDouble())}, {F(0.5 + r.NextDouble())}, cap={F(10 + 40 * r.NextDouble())})";
            case 5: return $"gamma({F(0.5 + 4 * r.NextDouble())}, {F(0.5 + 2 * r.NextDouble())})";
            case 6: return $"normal({F(1 + 3 * r.NextDouble())}, {F(0.1 + r.NextDouble())}, 0, 6)";
            case 7: return $"lomax({F(2 + 2 * r.NextDouble())}, {F(0.5 + r.NextDouble())})";
            default:
            {
                // A narrow high component: nearly an atom far above the rest (strongly irregular, pooling).
                double low = 4 + 4 * r.NextDouble();
                return $"uniform({F(low)}, {F(low + 0.05)})";
            }
        }
    }

    /// <summary>A mixture of 2–3 components with weights rounded to 1e-4 that sum to 1.</summary>
    public static string Mixture(Random r)
    {
        ArgumentNullException.ThrowIfNull(r);
        int k = 2 + r.Next(2);
        var raw = Enumerable.Range(0, k).Select(_ => 0.1 + r.NextDouble()).ToArray();
        double sum = raw.Sum();
        var weights = raw.Select(w => Math.Round(w / sum, 4)).ToArray();
        weights[^1] = Math.Round(1 - weights.Take(k - 1).Sum(), 4);
        return "mixture(" + string.Join(", ", weights.Select(w => $"{F(w)}*{Component(r)}")) + ")";
    }

    /// <summary><paramref name="count"/> random markets: a mixture, n in 1..10, m in 400..800.</summary>
    public static IReadOnlyList<(string Spec, int Buyers, int GridSize)> Draw(int count)
    {
        var r = new Random(Seed);
        var result = new List<(string, int, int)>();
        for (int i = 0; i < count; i++) result.Add((Mixture(r), 1 + r.Next(10), 400 + r.Next(401)));
        return result;
    }
}
