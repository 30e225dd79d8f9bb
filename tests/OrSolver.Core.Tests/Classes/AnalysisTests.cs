using OrSolver.Core.Auctions;
using OrSolver.Core.Bargaining;
using OrSolver.Core.Characterization;
using OrSolver.Core.Classes;
using OrSolver.Core.Distributions;
using OrSolver.Core.Mechanisms;
using OrSolver.Core.LinearProgramming.OrTools;
using OrSolver.Core.Numerics;
using OrSolver.Core.Pareto;

namespace OrSolver.Core.Tests.Classes;

/// <summary>The verified analysis of a market of several classes: its bargaining solutions reduce to the i.i.d. ones, and every
/// point it reports carries a passing check.</summary>
public sealed class AnalysisTests
{
    /// <summary>One class, and one distribution split into two classes, on the i.i.d. grid: the KS and cross-side Nash points
    /// equal the i.i.d. solver's on its own exact frontier, to the solver tolerance (times 1 + λ in Π, the accuracy of an
    /// exact vertex list found by parametric search).</summary>
    [Theory]
    [InlineData("uniform(0,1)", 5, false)]
    [InlineData("uniform(0,1)", 5, true)]
    [InlineData("exponential(1)", 3, false)]
    [InlineData("mixture(0.7*normal(1, 0.3, 0, inf), 0.3*normal(4, 0.5, 0, inf))", 3, true)]
    public void Bargaining_points_reduce_to_the_iid_ones(string spec, long buyers, bool split)
    {
        var market = new Market(DistributionSpec.Parse(spec), buyers);
        var iid = new FrontierProblem(market, 120);
        var grid = iid.Discretised.Grid;
        var classes = split
            ? new ClassMarket([new BuyerClass(market.Distribution, 1), new BuyerClass(market.Distribution, buyers - 1)]).Discretise([grid, grid])
            : new ClassMarket([new BuyerClass(market.Distribution, buyers)]).Discretise([grid]);
        var expected = AuctionPareto.Of(ExactVertices.Compute(iid.Discretised));
        var frontier = ClassAnalysis.ExactFrontier(new ClassProblem(classes));
        var agree = Tolerances.SolverAgreement.AtScale(iid.OptimalWelfare);
        void Same(ParetoPoint<RecoveredMechanism> a, ParetoPoint<ClassMechanism> b, string what)
        {
            double slope = double.IsFinite(a.Lambda) ? a.Lambda : 0;
            Assert.True(Math.Abs(a.Revenue - b.Revenue) <= agree.Bound(a.Revenue, b.Revenue) * (1 + slope), $"{what}: Π {a.Revenue} against {b.Revenue}");
            Assert.True(Math.Abs(a.Surplus - b.Surplus) <= agree.Bound(a.Surplus, b.Surplus) * (1 + 1 / Math.Max(slope, 1e-3)),
                $"{what}: U {a.Surplus} against {b.Surplus}");
        }
        Same(ParetoBargaining.KalaiSmorodinsky(expected), ParetoBargaining.KalaiSmorodinsky(frontier), "KS");
        Same(ParetoBargaining.CrossSideNash(expected), ParetoBargaining.CrossSideNash(frontier), "cross-side Nash");
        Assert.True(agree.Close(expected.IdealRevenue, frontier.IdealRevenue) && agree.Close(expected.IdealSurplus, frontier.IdealSurplus));
    }

    [Theory]
    [InlineData(1, "uniform(0,1)", 1, "uniform(0,2)")]
    [InlineData(1, "uniform(2,3)", 2, "uniform(0,4)")]
    [InlineData(2, "exponential(1)", 1, "exponential(3)")]
    public void Every_reported_point_is_checked_and_passes(int n1, string f1, int n2, string f2)
    {
        var analysis = ClassAnalysis.Run(ClassMarket.Parse((n1, f1), (n2, f2)), new ClassOptions { Grid = 60, Points = 5 }, new OrToolsLinearSolver());
        Assert.Empty(analysis.Failures);
        Assert.All(analysis.Landmarks.Where(p => p.Role != PointRole.Nash).Concat(analysis.Samples), p => Assert.Equal(ClassCheckRoutes.LpLagrangianAuction, p.Check.Route));
        // The Nash point is checked by the Lagrangian route with one weight per class (and its mechanism when one attains it).
        Assert.StartsWith(ClassCheckRoutes.LpLagrangianPerClass, analysis.Landmark(PointRole.Nash).Check.Route, StringComparison.Ordinal);
        Assert.All(analysis.Vertices, p => Assert.Equal(ClassCheckRoutes.LagrangianAuction, p.Check.Route));
        Assert.Equal(analysis.Frontier.Vertices!.Count, analysis.Vertices.Count);
        Assert.All(analysis.Solves, s => Assert.True(s.Certificate!.Holds));
        // The landmarks are the Lagrangian route's: Π*, U* and OPT on the grids.
        var agree = Tolerances.SolverAgreement.AtScale(analysis.Problem.OptimalWelfare);
        Assert.True(agree.Close(analysis.Problem.OptimalRevenue, analysis.Landmark(PointRole.RevenueOptimal).Revenue));
        Assert.True(agree.Close(analysis.Problem.OptimalSurplus, analysis.Landmark(PointRole.SurplusOptimal).Surplus));
        Assert.True(agree.Close(analysis.Problem.OptimalWelfare, analysis.Landmark(AuctionPoints.SecondPrice).Welfare));
        // A bargaining solution lies between the ends, and W/OPT ≤ 1.
        foreach (var role in new[] { PointRole.KalaiSmorodinsky, PointRole.CrossSideNash })
        {
            var point = analysis.Landmark(role);
            Assert.InRange(point.Surplus, analysis.Problem.MyersonSurplus - 1e-12, analysis.Problem.OptimalSurplus + 1e-12);
            Assert.True(analysis.WelfareRatio(point) <= 1 + 1e-12);
        }
    }
}
