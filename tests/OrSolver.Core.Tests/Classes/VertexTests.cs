using OrSolver.Core.Auctions;
using OrSolver.Core.Characterization;
using OrSolver.Core.Classes;
using OrSolver.Core.Distributions;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.LinearProgramming.OrTools;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Tests.Classes;

/// <summary>The exact vertex list by parametric λ against the i.i.d. vertex list (one class) and the cutting-plane LP (two
/// classes): every vertex is an LP optimum at its own U, and the frontier is concave through them.</summary>
public sealed class VertexTests
{
    [Theory]
    [InlineData("uniform(0,1)", 3)]
    [InlineData("exponential(1)", 2)]
    public void One_class_has_the_iid_vertices(string spec, long buyers)
    {
        var market = new Market(DistributionSpec.Parse(spec), buyers);
        var iid = new FrontierProblem(market, 80);
        var expected = ExactVertices.Compute(iid.Discretised).Vertices;
        var vertices = ClassVertices.Compute(new ClassProblem(new ClassMarket([new BuyerClass(market.Distribution, buyers)]).Discretise([iid.Discretised.Grid])));
        var agree = Tolerances.SolverAgreement.AtScale(iid.OptimalWelfare);
        // The same piecewise-linear frontier: every vertex of each list lies on the other's, up to the solver tolerance times
        // 1 + λ (the parametric search accepts a segment when nothing lies that far above it; bends below it are merged).
        foreach (var v in expected)
        {
            var (revenue, slope) = At(vertices, v.Surplus);
            Assert.True(Math.Abs(v.Revenue - revenue) <= agree.Bound(v.Revenue, revenue) * (1 + slope), $"i.i.d. vertex ({v.Surplus}, {v.Revenue}) off the classes' frontier");
        }
        foreach (var v in vertices)
        {
            var (revenue, slope) = At(expected, v.Surplus);
            Assert.True(Math.Abs(v.Revenue - revenue) <= agree.Bound(v.Revenue, revenue) * (1 + slope), $"classes' vertex ({v.Surplus}, {v.Revenue}) off the i.i.d. frontier");
        }
        Assert.InRange(vertices.Count, 2, expected.Count);
    }

    /// <summary>The piecewise-linear frontier through <paramref name="vertices"/> at U, and the slope −dΠ/dU of its segment there.</summary>
    private static (double Revenue, double Slope) At(IReadOnlyList<FrontierVertex> vertices, double surplus)
    {
        for (int i = 1; i < vertices.Count; i++)
        {
            var (a, b) = (vertices[i - 1], vertices[i]);
            double slope = (a.Revenue - b.Revenue) / (b.Surplus - a.Surplus);
            if (surplus <= b.Surplus) return (a.Revenue + (b.Revenue - a.Revenue) * Math.Clamp((surplus - a.Surplus) / (b.Surplus - a.Surplus), 0, 1), slope);
        }
        return (vertices[^1].Revenue, vertices.Count > 1 ? (vertices[^2].Revenue - vertices[^1].Revenue) / (vertices[^1].Surplus - vertices[^2].Surplus) : 0);
    }

    [Theory]
    [InlineData(1, "uniform(0,1)", 1, "uniform(0,2)")]
    [InlineData(2, "exponential(1)", 1, "uniform(0,3)")]
    public void Two_class_vertices_are_lp_optima(int n1, string f1, int n2, string f2)
    {
        var problem = new ClassProblem(ClassMarket.Parse((n1, f1), (n2, f2)), 24);
        var vertices = ClassVertices.Compute(problem);
        Assert.True(vertices.Count >= 2);
        using var solver = new ClassFrontierSolver(problem, new OrToolsLinearSolver());
        var agree = Tolerances.SolverAgreement.AtScale(problem.OptimalWelfare);
        for (int i = 0; i < vertices.Count; i++)
        {
            var solve = solver.Solve(vertices[i].Surplus);
            Assert.True(solve.Status == SolveStatus.Optimal, solve.Note);
            Assert.True(agree.Close(vertices[i].Revenue, solve.Allocation!.Revenue), $"vertex {i}: Π {vertices[i].Revenue} against the LP's {solve.Allocation!.Revenue}");
            if (i > 0) Assert.True(vertices[i].Lambda >= vertices[i - 1].Lambda - 1e-9, "slopes must rise along the frontier");
        }
    }
}
