using OrSolver.Core.Auctions;
using OrSolver.Core.Characterization;
using OrSolver.Core.Discretisation;
using OrSolver.Core.Mechanisms;
using OrSolver.Core.Numerics;
using OrSolver.Core.Pareto;

namespace OrSolver.Core.Structures;

/// <summary>
/// The exact grid frontier of a market with the canonical mechanism of every vertex (Appendix B: the optimum at ℓ(λ) or
/// r(λ) of the concave hull of R_λ) and its check, and the structural facts Theorems 3.4, 3.5 and 3.7 state about them:
/// which kinds occur, whether the reserve falls as U grows, whether it stays below the monopoly reserve
/// (method.md §7.5). Immutable; vertex i is the i-th of <see cref="Vertices"/>, in increasing U.
/// </summary>
public sealed class FrontierStructure
{
    /// <summary>A frontier with the mechanism and check of each of its vertices, as the caller computed them.</summary>
    /// <param name="problem">The market on its grid, with its landmarks.</param>
    /// <param name="frontier">The exact frontier of <paramref name="problem"/>'s grid.</param>
    /// <param name="mechanisms">The mechanism of each vertex, in the order of <see cref="ExactVertices.Vertices"/>.</param>
    /// <param name="checks">The check of each vertex, in the same order.</param>
    /// <exception cref="ArgumentException">The frontier is not on the problem's grid, or a list does not have one entry
    /// per vertex, or a vertex's mechanism is missing.</exception>
    public FrontierStructure(FrontierProblem problem, ExactVertices frontier, IReadOnlyList<RecoveredMechanism> mechanisms, IReadOnlyList<PointCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(frontier);
        ArgumentNullException.ThrowIfNull(mechanisms);
        ArgumentNullException.ThrowIfNull(checks);
        if (!ReferenceEquals(frontier.Market, problem.Discretised))
            throw new ArgumentException("the frontier must be computed on the problem's own grid", nameof(frontier));
        int count = frontier.Vertices.Count;
        if (mechanisms.Count != count || checks.Count != count)
            throw new ArgumentException($"one mechanism and one check per vertex: {count} vertices, {mechanisms.Count} mechanisms, {checks.Count} checks", nameof(mechanisms));
        if (mechanisms.Any(m => m is null) || checks.Any(c => c is null))
            throw new ArgumentException("every vertex needs a mechanism and a check", nameof(mechanisms));
        Problem = problem;
        Frontier = frontier;
        Mechanisms = [.. mechanisms];
        Checks = [.. checks];
        Shape = ShapeClassification.Classify(problem.Discretised);
    }

    /// <summary>The exact frontier of <paramref name="problem"/>, every vertex read through the hull: its canonical
    /// mechanism re-evaluated from its auction rules against the hull, and its allocation re-checked against Border,
    /// monotonicity and x ≥ 0 (<see cref="CheckRoutes.HullAuction"/>).</summary>
    public static FrontierStructure Compute(FrontierProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var market = problem.Discretised;
        var frontier = ExactVertices.Compute(market);
        var analyses = frontier.Vertices.Select(v => DualityChecker.AnalyseHullPoint(frontier.Locate(v.Surplus), v.Surplus, market)).ToList();
        return new FrontierStructure(problem, frontier, [.. analyses.Select(a => a.Mechanism)], [.. analyses.Select(a => a.Check)]);
    }

    /// <summary>As <see cref="Compute(FrontierProblem)"/>, for <paramref name="market"/> on a graded grid of
    /// <paramref name="gridSize"/> cells.</summary>
    /// <param name="market">F and n.</param>
    /// <param name="gridSize">m. Range: ≥ <see cref="GridBuilder.MinimumSize"/>.</param>
    public static FrontierStructure Compute(Market market, int gridSize) => Compute(new FrontierProblem(market, gridSize));

    /// <summary>The problem (market, grid, landmarks).</summary>
    public FrontierProblem Problem { get; }

    /// <summary>The exact grid frontier.</summary>
    public ExactVertices Frontier { get; }

    /// <summary>The canonical mechanism of each vertex, in increasing U.</summary>
    public IReadOnlyList<RecoveredMechanism> Mechanisms { get; }

    /// <summary>Each vertex's check, in increasing U.</summary>
    public IReadOnlyList<PointCheck> Checks { get; }

    /// <summary>The vertices, in increasing U.</summary>
    public IReadOnlyList<FrontierVertex> Vertices => Frontier.Vertices;

    /// <summary>The class of F on the grid (regular, MHR, anti-MHR), which decides the theorem that applies.</summary>
    public ShapeClassification Shape { get; }

    /// <summary>U⁺: the surplus of the plain second-price auction (Theorem 3.7's threshold).</summary>
    public double SecondPriceSurplus => Problem.SecondPrice.Surplus;

    /// <summary>OPT, the scale of every payoff.</summary>
    public double Scale => Problem.OptimalWelfare;

    /// <summary>Payoffs that differ by less than this are equal up to the grid's rounding (1e-12 of OPT).</summary>
    public Tolerance Rounding => Tolerances.Rounding.AtScale(Scale);

    /// <summary>v(1), the lowest value: the "reserve" of an auction without one.</summary>
    public double LowestValue => Problem.Discretised.Value(Problem.Discretised.Cells);

    /// <summary>Whether vertex <paramref name="i"/>'s mechanism has a reserve that excludes some values (its reserve
    /// point before q = 1).</summary>
    public bool HasReserve(int i) => Mechanisms[i].ReservePoint < Problem.Discretised.Cells;

    /// <summary>Indices i ≥ 1 of vertices whose reserve is above vertex i − 1's (Thms 3.4, 3.5, 3.7(i) have it fall in U).</summary>
    public IReadOnlyList<int> ReserveIncreases() =>
        [.. Enumerable.Range(1, Math.Max(0, Mechanisms.Count - 1)).Where(i => Mechanisms[i].Reserve > Mechanisms[i - 1].Reserve)];

    /// <summary>Indices of vertices with both a reserve and a restricted bid space (Thm 3.7 excludes them).</summary>
    public IReadOnlyList<int> ReserveWithGaps() => [.. Enumerable.Range(0, Mechanisms.Count).Where(i => HasReserve(i) && Mechanisms[i].Gaps.Count > 0)];

    /// <summary>Indices of vertices whose reserve exceeds the lowest monopoly reserve beyond
    /// <see cref="Tolerances.SolverAgreement"/> (Prop. 3.1 and Thms 3.4–3.7 bound it by it).</summary>
    public IReadOnlyList<int> ReserveAboveMonopoly() =>
        [.. Enumerable.Range(0, Mechanisms.Count).Where(i => !Tolerances.SolverAgreement.AtMost(Mechanisms[i].Reserve, Problem.Monopoly.Reserve))];

    /// <summary>"market, n = …, m = …".</summary>
    public override string ToString() => $"{Problem.Market.Distribution.Spec}, n = {Problem.Market.Buyers}, m = {Problem.Discretised.Cells}";
}
