using OrSolver.Core.Pareto;

namespace OrSolver.Core.Classes;

/// <summary>
/// The mechanisms along the exact frontier of a market of several classes (method.md §13.2), vertex by vertex, read for
/// the structures Theorems 3.4–3.7 describe for one class: the kind of each vertex's mechanism, each class's reserve and
/// where it rises as U grows, and whether a reserve and a pooled interval occur together. A reserve is compared by its
/// grid point q_r on its class's grid (a higher reserve is a lower q_r), so a rise is exact, not up to a tolerance; a
/// class that never wins counts as the highest reserve of all (q_r = 0). Immutable.
/// </summary>
public sealed class ClassFrontierStructure
{
    private readonly int[][] _reservePoints;

    /// <summary>Reads every vertex of <paramref name="frontier"/> (building its mechanism if not built yet).</summary>
    /// <param name="problem">The market on its grids.</param>
    /// <param name="frontier">Its exact frontier (<see cref="ClassAnalysis.ExactFrontier"/>): the vertex list is needed.</param>
    public ClassFrontierStructure(ClassProblem problem, ParetoFrontier<ClassMechanism> frontier)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(frontier);
        Problem = problem;
        Frontier = frontier;
        Vertices = frontier.Vertices ?? throw new ArgumentException("the structure of a frontier is read off its vertex list", nameof(frontier));
        Mechanisms = [.. Vertices.Select(v => v.Mechanism.Value)];
        var grids = problem.Grids;
        _reservePoints = [.. Enumerable.Range(0, grids.Count).Select(c =>
            Mechanisms.Select(m => grids.Classes[c].Grid.NearestPoint(m.Classes[c].ReserveQuantile)).ToArray())];
        KindCounts = Mechanisms.GroupBy(m => m.Kind).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());
    }

    /// <summary>The market on its grids.</summary>
    public ClassProblem Problem { get; }

    /// <summary>The frontier.</summary>
    public ParetoFrontier<ClassMechanism> Frontier { get; }

    /// <summary>Its vertices, in increasing U.</summary>
    public IReadOnlyList<ParetoVertex<ClassMechanism>> Vertices { get; }

    /// <summary>The mechanism of every vertex, in the same order.</summary>
    public IReadOnlyList<ClassMechanism> Mechanisms { get; }

    /// <summary>How many vertices are of each kind (kinds that occur only), in the order of <see cref="ClassMechanismKind"/>.</summary>
    public IReadOnlyDictionary<ClassMechanismKind, int> KindCounts { get; }

    /// <summary>U⁺: the surplus of the efficient auction (λ = 1, the item to the highest value), the one-class market's
    /// second-price auction and the threshold of Theorem 3.7.</summary>
    public double SecondPriceSurplus => Problem.Efficient.Surplus;

    /// <summary>Class c's reserve grid point at vertex i: m_c (q = 1) without a reserve, 0 when the class never wins.</summary>
    public int ReservePoint(int vertex, int c) => _reservePoints[c][vertex];

    /// <summary>Whether class c has a reserve above its lowest value at vertex i (or never wins).</summary>
    public bool HasReserve(int vertex, int c) => _reservePoints[c][vertex] < Problem.Grids.Classes[c].Cells;

    /// <summary>The vertices (from the second on) at which class c's reserve is higher than at the vertex before: what
    /// Theorems 3.4, 3.5 and 3.7 (i) rule out for one class.</summary>
    public IReadOnlyList<int> ReserveIncreases(int c) =>
        [.. Enumerable.Range(1, Math.Max(0, Vertices.Count - 1)).Where(i => _reservePoints[c][i] < _reservePoints[c][i - 1])];

    /// <summary>The vertices at which some class has a reserve and some class pools an interval: what the remark before
    /// Theorem 3.7 rules out for one MHR class.</summary>
    public IReadOnlyList<int> ReserveWithPooling() =>
        [.. Enumerable.Range(0, Vertices.Count).Where(i =>
            Enumerable.Range(0, Problem.Grids.Count).Any(c => HasReserve(i, c)) && Mechanisms[i].Classes.Any(r => r.Pooled.Count > 0))];

    /// <summary>The vertices of one kind.</summary>
    public IReadOnlyList<int> OfKind(ClassMechanismKind kind) => [.. Enumerable.Range(0, Vertices.Count).Where(i => Mechanisms[i].Kind == kind)];

    /// <summary>The smallest and largest λ (of the Lagrangian optimum each was found at) of the vertices of one kind; NaN
    /// when no vertex is of that kind.</summary>
    public (double Low, double High) LambdaRange(ClassMechanismKind kind)
    {
        var lambdas = OfKind(kind).Select(i => Mechanisms[i].Lambda).ToList();
        return lambdas.Count == 0 ? (double.NaN, double.NaN) : (lambdas.Min(), lambdas.Max());
    }

    /// <summary>The chance that the item goes to a buyer of each class, n_c·X_c(1), in class order; their sum is the chance
    /// of a sale. Range: each in [0, 1].</summary>
    public static IReadOnlyList<double> SalesShares(ClassAllocation allocation)
    {
        ArgumentNullException.ThrowIfNull(allocation);
        return [.. allocation.Classes.Select(x => x.Market.Buyers * x.Cumulative(x.Market.Cells))];
    }
}
