using OrSolver.Core.Classes;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Tests.Classes;

/// <summary>The structure of a class market's frontier read vertex by vertex: on one distribution split into classes it is
/// Theorem 3.7's (uniform values are MHR), and the classes' shares of sales meet the closed forms of Myerson's auction and
/// of the surplus optimum for a weak and a strong uniform buyer.</summary>
public sealed class FrontierStructureTests
{
    /// <summary>Two classes of U[0,1] on one grid are three i.i.d. buyers: below U⁺ second-price auctions whose one reserve falls
    /// from the monopoly reserve 1/2, above it only the lottery (R₂ = q is linear, so the frontier there is one segment),
    /// never a reserve together with a pooled interval (Theorem 3.7).</summary>
    [Fact]
    public void One_uniform_distribution_in_two_classes_has_the_structure_of_Theorem_3_7()
    {
        var market = ClassMarket.Parse((1, "uniform(0,1)"), (2, "uniform(0,1)"));
        var grid = market.Discretise(120).Classes[0].Grid;
        var problem = new ClassProblem(market.Discretise([grid, grid]));
        var structure = new ClassFrontierStructure(problem, ClassAnalysis.ExactFrontier(problem));
        Assert.All(structure.KindCounts.Keys, k => Assert.Contains(k, new[] { ClassMechanismKind.SecondPrice, ClassMechanismKind.SecondPriceWithReserve, ClassMechanismKind.IndirectVickrey }));
        Assert.Empty(structure.ReserveIncreases(0));
        Assert.Empty(structure.ReserveIncreases(1));
        Assert.Empty(structure.ReserveWithPooling());
        // The Myerson point: the monopoly reserve 1/2 (a grid point: each class's grid has its monopoly quantile on it).
        Assert.All(structure.Mechanisms[0].Classes, r => Assert.True(Tolerances.Rounding.Close(0.5, r.Reserve), $"reserve {r.Reserve}"));
        var uPlus = structure.SecondPriceSurplus;
        var rounding = Tolerances.SolverAgreement.AtScale(problem.OptimalWelfare);
        foreach (int i in structure.OfKind(ClassMechanismKind.SecondPriceWithReserve)) Assert.True(rounding.AtMost(structure.Vertices[i].Surplus, uPlus));
        // Above U⁺ the one vertex is the lottery: every class pools its whole range, and U* = E[v] = 1/2 (one item, to a buyer drawn at random).
        var above = Enumerable.Range(0, structure.Vertices.Count).Where(i => !rounding.AtMost(structure.Vertices[i].Surplus, uPlus)).ToList();
        int last = Assert.Single(above);
        Assert.Equal(ClassMechanismKind.IndirectVickrey, structure.Mechanisms[last].Kind);
        Assert.All(structure.Mechanisms[last].Classes, r => Assert.True(Tolerances.Rounding.Close(1, r.Pooled.Single().High - r.Pooled.Single().Low)));
        Assert.True(Tolerances.ClosedForm.Close(0.5, structure.Vertices[last].Surplus));
    }

    /// <summary>One U[0,1] buyer against one U[0,2]. Myerson's auction ranks by the virtual values 2v₁ − 1 and 2v₂ − 2: the
    /// weak buyer wins when v₁ &gt; 1/2 and v₂ &lt; v₁ + 1/2, with chance ∫_{1/2}^1 (v + 1/2)/2 dv = 5/16, the strong one when
    /// v₂ &gt; max(1, v₁ + 1/2), with chance 7/16. At U* the ironed surplus weights −q·v_c′(q) are the means less the lowest
    /// values, 1/2 and 1, so the strong buyer always wins: shares 0 and 1. The grid ranks values cell by cell, so the Myerson
    /// shares are met only to a fraction of a cell's width where the ranking changes: a tenth of the widest cell is allowed
    /// (measured: 1/28 of it at 60 cells, 1/106 at 200).</summary>
    [Fact]
    public void Sales_shares_of_a_weak_and_a_strong_buyer_meet_the_closed_forms()
    {
        var problem = new ClassProblem(ClassMarket.Parse((1, "uniform(0,1)"), (1, "uniform(0,2)")), 200);
        var myerson = ClassFrontierStructure.SalesShares(problem.RevenueOptimal);
        double cells = problem.Grids.Classes.Max(m => Enumerable.Range(1, m.Cells).Max(j => m.Grid.Width(j)));
        Assert.True(Math.Abs(myerson[0] - 5.0 / 16) <= cells / 10, $"weak share {myerson[0]} against 5/16 (cell width up to {cells})");
        Assert.True(Math.Abs(myerson[1] - 7.0 / 16) <= cells / 10, $"strong share {myerson[1]} against 7/16");
        var best = ClassFrontierStructure.SalesShares(problem.SurplusOptimal);
        Assert.True(Tolerances.Rounding.Close(0, best[0]) && Tolerances.Rounding.Close(1, best[1]), $"shares at U*: {best[0]}, {best[1]}");
    }
}
