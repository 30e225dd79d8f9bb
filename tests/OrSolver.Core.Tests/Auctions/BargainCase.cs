using OrSolver.Core.Auctions;
using OrSolver.Core.Bargaining;
using OrSolver.Core.Characterization;
using OrSolver.Core.Discretisation;
using OrSolver.Core.LinearProgramming.OrTools;

namespace OrSolver.Core.Tests.Auctions;

/// <summary>A market solved on one grid by <see cref="AuctionBargaining.Solve"/> (no refinement), with its shape class.</summary>
public sealed class BargainCase
{
    public BargainCase(string spec, long buyers, int gridSize)
    {
        Spec = spec;
        GridSize = gridSize;
        Problem = new FrontierProblem(Support.Market(spec, buyers), gridSize);
        Frontier = ExactVertices.Compute(Problem.Discretised);
        Shape = ShapeClassification.Classify(Problem.Discretised);
        Solutions = AuctionBargaining.Solve(Problem, Frontier, new OrToolsLinearSolver());
    }

    public string Spec { get; }

    public long N => Problem.Market.Buyers;

    /// <summary>The grid size asked for (the grid has a few more cells when breakpoints are inserted).</summary>
    public int GridSize { get; }

    public FrontierProblem Problem { get; }

    public ExactVertices Frontier { get; }

    public ShapeClassification Shape { get; }

    public BargainingSolutions Solutions { get; }

    public override string ToString() => $"{Spec}, n = {N}, grid {GridSize} ({Problem.Discretised.Cells} cells)";
}
