using OrSolver.Core.Auctions;
using OrSolver.Core.Mechanisms;
using OrSolver.Core.Numerics;
using OrSolver.Core.Tests.Auctions;

namespace OrSolver.Core.Tests.Mechanisms;

/// <summary>
/// With 10⁹ to 10¹² buyers the auction evaluated from its own rules (<see cref="IndirectVickreyAuction.Evaluate(OrSolver.Core.Distributions.IValueDistribution, double, int)"/>)
/// must give the Π and U of the hull's canonical allocation on the same grid (Prop. B.6: the grid frontier's vertices are
/// those auctions), to 1e-9 of OPT, at every vertex and at randomised points between vertices (Cor. 3.6, 3.8).
/// </summary>
public class HugeMarketAuctionTests
{
    [Theory]
    [MemberData(nameof(HugeMarkets.Cases), MemberType = typeof(HugeMarkets))]
    public void Auction_rules_reproduce_the_hull_at_every_vertex_and_between(string family, long buyers)
        => AssertAuctionsMatchHull(family, buyers, 1);

    /// <summary>k units (Thm 4.2): the (k+1)-th price rules and the k-unit cap at the same sizes.</summary>
    [Theory]
    [InlineData("uniform(0, 1)", 1_000_000_000, 3)]
    [InlineData("example42(N)", 1_000_000_000_000, 3)]
    [InlineData("exponential(1)", 1_000_000_000_000, 100)]
    [InlineData("uniform(0, 1)", 1_000_000_000_000, 1000)]
    public void Multi_unit_auction_rules_reproduce_the_hull(string family, long buyers, int units)
        => AssertAuctionsMatchHull(family, buyers, units);

    private static void AssertAuctionsMatchHull(string family, long buyers, int units)
    {
        var (problem, frontier) = HugeMarkets.Get(family, buyers, units);
        var market = problem.Discretised;
        var values = Tolerances.SolverAgreement.AtScale(problem.OptimalWelfare);
        foreach (var vertex in frontier.Vertices)
        {
            var outcome = MechanismRecovery.FromOptimum(vertex.Optimum(market)).Evaluate(market);
            Support.Close(vertex.Revenue, outcome.Revenue, values, $"{family}, n = {buyers}, k = {units}: Π at λ = {vertex.Lambda:G6}");
            Support.Close(vertex.Surplus, outcome.Surplus, values, $"{family}, n = {buyers}, k = {units}: U at λ = {vertex.Lambda:G6}");
        }
        var random = new Random(20240611);
        double low = problem.MyersonSurplus, high = problem.OptimalSurplus;
        for (int i = 0; i < 6; i++)
        {
            double surplus = low + (high - low) * random.NextDouble();
            var location = frontier.Locate(surplus);
            var left = location.Left.Optimum(market);
            var mechanism = DualityChecker.Canonical(location, left, location.AtVertex ? left : location.Right.Optimum(market));
            var outcome = mechanism.Evaluate(market);
            Support.Close(location.Revenue, outcome.Revenue, values, $"{family}, n = {buyers}, k = {units}: Π at U = {surplus:R}");
            Support.Close(surplus, outcome.Surplus, values, $"{family}, n = {buyers}, k = {units}: U at U = {surplus:R}");
        }
    }
}
