using OrSolver.Core.Auctions;
using OrSolver.Core.Characterization;
using OrSolver.Core.Discretisation;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.LinearProgramming.OrTools;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Tests.Auctions;

/// <summary>
/// <see cref="LpCertificate"/>: every vertex of the exact frontier is proven optimal for the grid LP by the Lagrangian
/// multipliers, the bound they give equals the simplex optimum at the same floor, and a feasible point off the frontier
/// or an infeasible one is refused.
/// </summary>
public class LpCertificateTests
{
    /// <summary>Every vertex on smooth, heavy-tailed and bimodal markets (the bimodal one has atoms of pooling and the
    /// 1e-12 cells of a graded grid where slopes are rounding noise).</summary>
    [Theory]
    [InlineData("uniform(0, 1)", 5)]
    [InlineData("exponential(1)", 3)]
    [InlineData("lomax(2)", 5)]
    [InlineData("mixture(0.5*uniform(0, 1), 0.5*uniform(2, 3))", 5)]
    public void Every_vertex_is_certified(string spec, long buyers)
    {
        var problem = new FrontierProblem(Support.Market(spec, buyers), 800);
        var exact = ExactVertices.Compute(problem.Discretised);
        var program = BorderProgram.Build(problem.Discretised);
        foreach (var vertex in exact.Vertices.Where(v => double.IsFinite(v.Lambda)))
        {
            var certificate = LpCertificate.Of(program, vertex.Optimum(problem.Discretised).Allocation, vertex.Lambda);
            Assert.True(certificate.Holds, $"vertex at U = {vertex.Surplus}: {certificate.Failure}");
        }
    }

    /// <summary>The bound at a point of the frontier equals the simplex optimum at its floor (strong duality, solved
    /// independently by GLOP).</summary>
    [Fact]
    public void The_bound_is_the_simplex_optimum()
    {
        var problem = new FrontierProblem(Support.Market("exponential(1)", 5), 1000);
        var exact = ExactVertices.Compute(problem.Discretised);
        using var lp = new FrontierSolver(problem, new OrToolsLinearSolver());
        foreach (double share in new[] { 0.1, 0.5, 0.9 })
        {
            double u = problem.MyersonSurplus + share * (problem.OptimalSurplus - problem.MyersonSurplus);
            var location = exact.Locate(u);
            var certificate = LpCertificate.Of(lp.Program, location.Allocation(problem.Discretised), location.Lambda);
            Assert.True(certificate.Holds, certificate.Failure);
            var solve = lp.Solve(location.Surplus);
            Assert.Equal(SolveStatus.Optimal, solve.Status);
            Support.Close(solve.Point.Revenue, certificate.Bound, Tolerances.SolverAgreement.AtScale(problem.OptimalWelfare), $"bound at U = {u}");
        }
    }

    /// <summary>The second-price auction with reserve 0.7, above Myerson's 1/2 (uniform, n = 5), is feasible but dominated:
    /// the Myerson point has more revenue and more surplus, so the LP at its U earns Π* and the gap is at least the revenue
    /// it leaves; a Border violation is named.</summary>
    [Fact]
    public void A_feasible_point_off_the_frontier_and_an_infeasible_one_are_refused()
    {
        var problem = new FrontierProblem(Support.Market("uniform(0, 1)", 5), 800);
        var market = problem.Discretised;
        var program = BorderProgram.Build(market);
        var secondPrice = InterimAllocation.SecondPrice(market);
        // Reserve 0.7: cells below the value 0.7 (quantiles above 0.3) get nothing.
        var reserved = new InterimAllocation(market, [.. Enumerable.Range(1, market.Cells).Select(j => market.Grid[j] <= 0.3 + 1e-12 ? secondPrice.Cell(j) : 0)]);
        Assert.True(reserved.Surplus < problem.MyersonSurplus && reserved.Revenue < problem.OptimalRevenue);
        var exact = ExactVertices.Compute(market);
        var location = exact.Locate(reserved.Surplus);
        var offFrontier = LpCertificate.Of(program, reserved, location.Lambda);
        Assert.False(offFrontier.Holds);
        Assert.Contains("duality gap", offFrontier.Failure, StringComparison.Ordinal);
        Assert.True(offFrontier.Gap * secondPrice.Welfare * (1 + location.Lambda) >= problem.OptimalRevenue - reserved.Revenue - 1e-12, $"gap {offFrontier.Gap} vs lost revenue {problem.OptimalRevenue - reserved.Revenue}");

        var inflated = new InterimAllocation(market, [.. secondPrice.Cells.Select(x => 1.01 * x)]);
        var infeasible = LpCertificate.Of(program, inflated, 1);
        Assert.False(infeasible.Holds);
        Assert.Contains("violates", infeasible.Failure, StringComparison.Ordinal);
    }

    /// <summary>The multipliers and the canonical optimum are built in scratch arrays kept per thread: a larger grid, then a
    /// smaller one, then the larger one again must give the first answer again, bit for bit (the same arithmetic on the
    /// same inputs), whatever the scratch held.</summary>
    [Fact]
    public void Scratch_kept_between_grids_does_not_leak_into_the_answer()
    {
        var large = new FrontierProblem(Support.Market("lomax(2)", 5), 900).Discretised;
        var small = new FrontierProblem(Support.Market("uniform(0, 1)", 3), 200).Discretised;
        double lambda = 0.7;
        var first = (LagrangianDual.Of(large, lambda), LagrangianOptimum.Solve(large, lambda, TieSide.MostSurplus));
        var other = (LagrangianDual.Of(small, lambda), LagrangianOptimum.Solve(small, lambda, TieSide.MostSurplus));
        var again = (LagrangianDual.Of(large, lambda), LagrangianOptimum.Solve(large, lambda, TieSide.MostSurplus));
        Assert.Equal(first.Item1.CellMultipliers, again.Item1.CellMultipliers);
        Assert.Equal(first.Item1.MonotoneMultipliers, again.Item1.MonotoneMultipliers);
        Assert.Equal(first.Item2.Allocation.Cells, again.Item2.Allocation.Cells);
        Assert.Equal(first.Item2.HullVertices, again.Item2.HullVertices);
        Assert.Equal(small.Cells, other.Item1.CellMultipliers.Count);
        Assert.Equal(small.Cells, other.Item2.Allocation.Cells.Count);
    }
}
