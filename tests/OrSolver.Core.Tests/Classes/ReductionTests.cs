using OrSolver.Core.Auctions;
using OrSolver.Core.Classes;
using OrSolver.Core.Discretisation;
using OrSolver.Core.Distributions;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.LinearProgramming.OrTools;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Tests.Classes;

/// <summary>Exact reductions of the model of several classes (method.md §13.2): one class is the i.i.d. model, and classes
/// with one F on one grid are the i.i.d. market with all their buyers (symmetrising an optimum loses nothing).</summary>
public sealed class ReductionTests
{
    [Theory]
    [InlineData("uniform(0,1)", 5)]
    [InlineData("exponential(1)", 3)]
    [InlineData("lomax(3)", 2)]
    public void One_class_equals_the_iid_solver(string spec, long buyers)
    {
        var market = new Market(DistributionSpec.Parse(spec), buyers);
        var iid = new FrontierProblem(market, 120);
        var classes = new ClassProblem(new ClassMarket([new BuyerClass(market.Distribution, buyers)]).Discretise([iid.Discretised.Grid]));
        var agree = Tolerances.SolverAgreement.AtScale(iid.OptimalWelfare);
        Assert.True(agree.Close(iid.OptimalRevenue, classes.OptimalRevenue), $"Π* {iid.OptimalRevenue} vs {classes.OptimalRevenue}");
        Assert.True(agree.Close(iid.OptimalSurplus, classes.OptimalSurplus), $"U* {iid.OptimalSurplus} vs {classes.OptimalSurplus}");
        Assert.True(agree.Close(iid.OptimalWelfare, classes.OptimalWelfare), $"OPT {iid.OptimalWelfare} vs {classes.OptimalWelfare}");

        using var single = new FrontierSolver(iid, new OrToolsLinearSolver());
        using var multi = new ClassFrontierSolver(classes, new OrToolsLinearSolver());
        foreach (double u in FrontierSolver.Levels(iid.MyersonSurplus, iid.OptimalSurplus, 5))
        {
            var a = single.Solve(u);
            var b = multi.Solve(u);
            Assert.Equal(SolveStatus.Optimal, a.Status);
            Assert.True(b.Status == SolveStatus.Optimal, b.Note);
            Assert.True(agree.Close(a.Point.Revenue, b.Allocation!.Revenue), $"U = {u}: Π {a.Point.Revenue} vs {b.Allocation!.Revenue}");
            Assert.Equal(0, b.Cuts);
            Assert.True(ClassDualityChecker.Check(classes, b).Agrees, ClassDualityChecker.Check(classes, b).Failure);
        }
    }

    /// <summary>2 + 3 buyers of U[0,1] as two classes on the 5-buyer grid are 5 i.i.d. buyers: Π* = 0.671875, the
    /// second-price auction at (2/3, 1/6), U* = 1/2 (method.md §14), to the grid's accuracy, and the i.i.d. solver's values
    /// on the same grid to the solver tolerance.</summary>
    [Fact]
    public void Two_plus_three_uniform_buyers_are_five_iid_buyers()
    {
        var uniform = DistributionSpec.Parse("uniform(0,1)");
        var iid = new FrontierProblem(new Market(uniform, 5), 400);
        var grid = iid.Discretised.Grid;
        var classes = new ClassProblem(new ClassMarket([new BuyerClass(uniform, 2), new BuyerClass(uniform, 3)]).Discretise([grid, grid]));
        var agree = Tolerances.SolverAgreement.AtScale(iid.OptimalWelfare);
        Assert.True(agree.Close(iid.OptimalRevenue, classes.OptimalRevenue), $"Π* {iid.OptimalRevenue} vs {classes.OptimalRevenue}");
        Assert.True(agree.Close(iid.OptimalSurplus, classes.OptimalSurplus), $"U* {iid.OptimalSurplus} vs {classes.OptimalSurplus}");
        Assert.True(agree.Close(iid.OptimalWelfare, classes.OptimalWelfare), $"OPT {iid.OptimalWelfare} vs {classes.OptimalWelfare}");
        // The grid's discretisation error at 400 cells is below 1e-4 (n·h²/6 with h ≈ 1/160).
        var grid400 = new Tolerance(1e-4, 0);
        Assert.True(grid400.Close(0.671875, classes.OptimalRevenue));
        Assert.True(grid400.Close(0.5, classes.OptimalSurplus));
        Assert.True(grid400.Close(5.0 / 6, classes.OptimalWelfare));

        using var single = new FrontierSolver(iid, new OrToolsLinearSolver());
        using var multi = new ClassFrontierSolver(classes, new OrToolsLinearSolver());
        var secondPrice = InterimAllocation.SecondPrice(iid.Discretised);
        foreach (double u in (double[])[double.NegativeInfinity, secondPrice.Surplus, 0.3, 0.45, iid.OptimalSurplus])
        {
            var b = multi.Solve(u);
            Assert.True(b.Status == SolveStatus.Optimal, b.Note);
            double expected = double.IsNegativeInfinity(u) ? iid.OptimalRevenue : single.Solve(u).Point.Revenue;
            Assert.True(agree.Close(expected, b.Allocation!.Revenue), $"U = {u}: Π {expected} vs {b.Allocation!.Revenue}");
            var check = ClassDualityChecker.Check(classes, b);
            Assert.True(check.Agrees, check.Failure);
        }
        // At the second-price auction's surplus the frontier passes through it: Π = 2/3 to the grid's accuracy.
        Assert.True(grid400.Close(2.0 / 3, multi.Solve(secondPrice.Surplus).Allocation!.Revenue));
        Assert.True(grid400.Close(1.0 / 6, secondPrice.Surplus));
    }
}
