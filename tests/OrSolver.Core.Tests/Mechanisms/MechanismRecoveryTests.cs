using OrSolver.Core.Auctions;
using OrSolver.Core.Characterization;
using OrSolver.Core.Distributions;
using OrSolver.Core.Mechanisms;

namespace OrSolver.Core.Tests.Mechanisms;

/// <summary>Mechanism recovery where Border's cap is linear (method.md §6.2): with one buyer, or as many units as buyers,
/// X̂(q) = q, everyone at or above the reserve is served, and the frontier's mechanisms are posted prices (Prop. 3.1).</summary>
public class MechanismRecoveryTests
{
    // A gap in the support makes R_λ non-concave at q = 1/2, so the hull pools an interval there at many λ.
    private const string Bimodal = "mixture(0.5*uniform(0, 1), 0.5*uniform(2, 3))";

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 3)]
    [InlineData(2, 5)]
    public void Every_vertex_posts_a_price_when_the_cap_is_linear(int buyers, int units)
    {
        var problem = new FrontierProblem(new Market(DistributionSpec.Parse(Bimodal), buyers, units), 400);
        var market = problem.Discretised;
        var vertices = ExactVertices.Compute(market).Vertices;
        foreach (var vertex in vertices)
        {
            var mechanism = MechanismRecovery.FromOptimum(vertex.Optimum(market));
            Assert.True(mechanism.Gaps.Count == 0, $"n = {buyers}, k = {units}, U = {vertex.Surplus:R}: {mechanism.Describe()}");
            Assert.Contains(mechanism.Kind, new[] { MechanismKind.SecondPrice, MechanismKind.SecondPriceWithReserve });
            // A posted price at v(q_r): x = 1 on every cell up to the reserve point, 0 after.
            var allocation = mechanism.Allocation(market);
            for (int j = 1; j <= market.Cells; j++)
                Assert.Equal(j <= mechanism.ReservePoint ? 1.0 : 0.0, allocation.Cell(j), 12);
        }
    }

    [Fact]
    public void Pooling_is_kept_where_the_cap_bends()
    {
        // Two buyers and one unit: X̂ is strictly concave, and the same market's frontier needs a restricted bid space.
        var problem = new FrontierProblem(new Market(DistributionSpec.Parse(Bimodal), 2), 400);
        var market = problem.Discretised;
        var vertices = ExactVertices.Compute(market).Vertices;
        Assert.Contains(vertices, v => MechanismRecovery.FromOptimum(v.Optimum(market)).Gaps.Count > 0);
    }
}
