using CsvHelper;
using OrSolver.Core.Pareto;
using OrSolver.Core;
using OrSolver.Core.Characterization;
using OrSolver.Core.Distributions;
using OrSolver.Core.Frontier;
using OrSolver.Core.Grid;
using OrSolver.Core.Mechanisms;
using OrSolver.Core.Numerics;

namespace OrSolver.Experiments.Analysis;

/// <summary>One vertex (extreme point) of the grid frontier and the auction that implements it, as a CSV row.</summary>
/// <param name="Surplus">U at the vertex.</param>
/// <param name="Revenue">Π at the vertex.</param>
/// <param name="Welfare">W = Π + U.</param>
/// <param name="Lambda">A λ at which it is a Lagrangian optimum (+∞ at the buyer-optimal end).</param>
/// <param name="Kind">second-price, second-price-with-reserve, indirect-vickrey or lottery.</param>
/// <param name="Reserve">The reserve price; v(1), the lowest value, when there is none.</param>
/// <param name="HasReserve">Whether a reserve excludes some values (reserve point before q = 1).</param>
/// <param name="Gaps">Number of bid-space gaps.</param>
/// <param name="GapLength">Total length in value of the gaps.</param>
/// <param name="Check">The route the vertex was checked by (hull+auction).</param>
/// <param name="Agrees">Whether its check passed.</param>
/// <param name="WorstGap">Its worst gap relative to OPT.</param>
[CsvRecord]
public sealed partial record VertexRow(
    [property: CsvColumn("surplus")] double Surplus,
    [property: CsvColumn("revenue")] double Revenue,
    [property: CsvColumn("welfare")] double Welfare,
    [property: CsvColumn("lambda")] double Lambda,
    [property: CsvColumn("kind")] string Kind,
    [property: CsvColumn("reserve")] double Reserve,
    [property: CsvColumn("has_reserve")] bool HasReserve,
    [property: CsvColumn("gaps")] int Gaps,
    [property: CsvColumn("gap_length")] double GapLength,
    [property: CsvColumn("check")] string Check,
    [property: CsvColumn("agrees")] bool Agrees,
    [property: CsvColumn("worst_gap")] double WorstGap) : IVerifiedRow;

/// <summary>
/// The exact grid frontier of a market with the canonical mechanism of every vertex (Appendix B: the optimum at ℓ(λ) or
/// r(λ) of the concave hull of R_λ), and the structural facts Theorems 3.4, 3.5 and 3.7 state about them: which kinds
/// occur, whether the reserve falls as U grows, whether the bid space expands or shrinks.
/// </summary>
public sealed class FrontierStructure
{
    private FrontierStructure(FrontierProblem problem, ExactFrontier frontier)
    {
        Problem = problem;
        Frontier = frontier;
        var market = problem.Discretised;
        var analyses = frontier.Vertices.Select(v => DualityChecker.AnalyseHullPoint(frontier.Locate(v.Surplus), v.Surplus, market)).ToList();
        Mechanisms = [.. analyses.Select(a => a.Mechanism)];
        Checks = [.. analyses.Select(a => a.Check)];
    }

    /// <summary>Builds the grid frontier of <paramref name="market"/> on <paramref name="gridSize"/> cells.</summary>
    public static FrontierStructure Compute(Market market, int gridSize)
    {
        var problem = new FrontierProblem(market, gridSize);
        return new FrontierStructure(problem, ExactFrontier.Compute(problem.Discretised));
    }

    /// <summary>Builds the grid frontier of <c>spec</c> with <paramref name="buyers"/> buyers.</summary>
    public static FrontierStructure Compute(string spec, long buyers, int gridSize) => Compute(new Market(DistributionSpec.Parse(spec), buyers), gridSize);

    /// <summary>The problem (market, grid, landmarks).</summary>
    public FrontierProblem Problem { get; }

    /// <summary>The exact grid frontier.</summary>
    public ExactFrontier Frontier { get; }

    /// <summary>The canonical mechanism of each vertex, in increasing U.</summary>
    public IReadOnlyList<RecoveredMechanism> Mechanisms { get; }

    /// <summary>Each vertex's check: its auction re-evaluated from the rules against the hull, and its allocation against
    /// Border, monotonicity and x ≥ 0 (<see cref="CheckRoutes.HullAuction"/>).</summary>
    public IReadOnlyList<PointCheck> Checks { get; }

    /// <summary>The vertices, in increasing U.</summary>
    public IReadOnlyList<FrontierVertex> Vertices => Frontier.Vertices;

    /// <summary>The shape of F on the grid (regular, MHR, anti-MHR).</summary>
    public ShapeClassification Shape => ShapeClassification.Classify(Problem.Discretised);

    /// <summary>U⁺: the surplus of the plain second-price auction (Theorem 3.7's threshold).</summary>
    public double SecondPriceSurplus => Problem.SecondPrice.Surplus;

    /// <summary>OPT, the scale of every payoff.</summary>
    public double Scale => Problem.OptimalWelfare;

    /// <summary>Payoffs that differ by less than this are equal up to the grid's rounding (1e-12 of OPT).</summary>
    public Tolerance Rounding => Tolerances.Rounding.AtScale(Scale);

    /// <summary>Whether vertex <paramref name="i"/>'s mechanism has a reserve that excludes some values.</summary>
    public bool HasReserve(int i) => Mechanisms[i].ReservePoint < Problem.Discretised.Cells;

    /// <summary>The CSV rows, one per vertex.</summary>
    public IEnumerable<VertexRow> Rows() => Vertices.Select((v, i) => new VertexRow(v.Surplus, v.Revenue, v.Welfare, v.Lambda,
        Mechanisms[i].KindName, Mechanisms[i].Reserve, HasReserve(i), Mechanisms[i].Gaps.Count, Mechanisms[i].GapLength,
        Checks[i].Route, Checks[i].Agrees, Checks[i].WorstGap));

    /// <summary>Indices of vertices whose reserve is above the one before (Thms 3.4, 3.5, 3.7(i): the reserve falls in U).</summary>
    public IReadOnlyList<int> ReserveIncreases() =>
        [.. Enumerable.Range(1, Math.Max(0, Mechanisms.Count - 1)).Where(i => Mechanisms[i].Reserve > Mechanisms[i - 1].Reserve)];

    /// <summary>Indices of vertices with both a reserve and a restricted bid space.</summary>
    public IReadOnlyList<int> ReserveWithGaps() => [.. Enumerable.Range(0, Mechanisms.Count).Where(i => HasReserve(i) && Mechanisms[i].Gaps.Count > 0)];

    /// <summary>Indices of vertices whose reserve exceeds the monopoly reserve (Prop. 3.1, Thms 3.4–3.7 bound it by it).</summary>
    public IReadOnlyList<int> ReserveAboveMonopoly() =>
        [.. Enumerable.Range(0, Mechanisms.Count).Where(i => !Tolerances.SolverAgreement.AtMost(Mechanisms[i].Reserve, Problem.Monopoly.Reserve))];

    /// <summary>"market, n = …, m = …" for settings and messages.</summary>
    public override string ToString() => $"{Problem.Market.Distribution.Spec}, n = {Problem.Market.Buyers}, m = {Problem.Discretised.Cells}";
}
