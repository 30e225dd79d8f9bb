using OrSolver.Core.Characterization;
using OrSolver.Core.Discretisation;
using OrSolver.Core.Mechanisms;
using OrSolver.Core.Pareto;

namespace OrSolver.Core.Auctions;

/// <summary>The i.i.d. auction market's frontier as a market-agnostic <see cref="ParetoFrontier{TMechanism}"/>: its vertices
/// with the auctions that attain them (read from the hull of R_λ, method.md §6.1), OPT as the welfare benchmark, and
/// randomisations of two auctions between vertices.</summary>
public static class AuctionPareto
{
    /// <summary>The frontier through every vertex of <paramref name="exact"/>.</summary>
    public static ParetoFrontier<RecoveredMechanism> Of(ExactVertices exact)
    {
        ArgumentNullException.ThrowIfNull(exact);
        var market = exact.Market;
        return ParetoFrontier.FromVertices([.. exact.Vertices.Select(v => Vertex(v, market))],
            market.SecondPriceWelfare, RecoveredMechanism.Randomize);
    }

    /// <summary>The frontier of <paramref name="problem"/> explored by the parametric search in λ
    /// (<see cref="ExactVertices.SearchSegment"/>, O(m·log) per question) instead of the full vertex list.</summary>
    public static ParetoFrontier<RecoveredMechanism> BySearch(FrontierProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var market = problem.Discretised;
        var revenueOptimal = problem.RevenueOptimal.Allocation;
        var surplusOptimal = problem.SurplusOptimal.Allocation;
        var first = Vertex(new FrontierVertex(revenueOptimal.Revenue, revenueOptimal.Surplus, 0, TieSide.MostSurplus), market);
        var last = Vertex(new FrontierVertex(surplusOptimal.Revenue, surplusOptimal.Surplus, double.PositiveInfinity, TieSide.MostSurplus), market);
        // Where the revenue-optimal reserve moves U by less than rounding (many buyers and a light tail: the reserve sits
        // where the second-price auction's x is below 1e-16), the two ends meet and the frontier is one point, as the full
        // vertex list finds it (ExactVertices.Compute); the buyer-optimal end may then compute a rounding below the other.
        if (ExactVertices.VertexTolerance(first.Welfare, last.Welfare).Close(first.Surplus, last.Surplus)) last = first;
        return ParetoFrontier.FromSearch(first, last, problem.OptimalWelfare, side =>
        {
            var (a, b) = ExactVertices.SearchSegment(market, v => side(Vertex(v, market)));
            var left = Vertex(a, market);
            return (left, ReferenceEquals(a, b) ? left : Vertex(b, market));
        }, RecoveredMechanism.Randomize);
    }

    private static ParetoVertex<RecoveredMechanism> Vertex(FrontierVertex v, DiscretisedMarket market)
        => new(v.Surplus, v.Revenue, v.Lambda, new Lazy<RecoveredMechanism>(() => MechanismRecovery.FromOptimum(v.Optimum(market))));
}
