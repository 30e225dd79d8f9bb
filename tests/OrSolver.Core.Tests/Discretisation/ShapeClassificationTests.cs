using OrSolver.Core.Auctions;
using OrSolver.Core.Discretisation;

namespace OrSolver.Core.Tests.Discretisation;

public class ShapeClassificationTests
{
    /// <summary>A grid whose first cell is exactly the atom at the cap, [0, P(X ≥ cap)], then uniform cells: the chord
    /// slopes of v against ln q never see the flat piece inside one cell.</summary>
    private static ShapeClassification OnGridStartingAtTheAtom(string spec)
    {
        var market = Support.Market(spec, 1);
        double atom = market.Distribution.SurvivalInclusive(market.Distribution.SupportHigh);
        var points = new List<double> { 0, atom };
        for (int i = 1; i < 400; i++) points.Add(atom + (1 - atom) * i / 400);
        points.Add(1);
        return ShapeClassification.Classify(new FrontierProblem(market, new QuantileGrid(points)).Discretised);
    }

    // A cap puts an atom at the top: the hazard rate jumps to +∞ there, which a non-increasing hazard rate cannot do
    // (Def. 2.2); R stays concave (R' = cap on the atom, above the virtual values below it).
    [Theory]
    [InlineData("pareto(2, cap=100)")]
    [InlineData("equalrevenue(100)")]
    [InlineData("lomax(3, 1, cap=20)")]
    public void A_capped_power_law_is_regular_but_not_anti_MHR_even_when_its_atom_is_the_first_cell(string spec)
    {
        var shape = OnGridStartingAtTheAtom(spec);
        Assert.True(shape.Regular, $"{spec}: {shape}");
        Assert.False(shape.AntiMonotoneHazardRate, $"{spec}: {shape}");
        Assert.False(shape.MonotoneHazardRate, $"{spec}: {shape}");
    }

    // Example 4.2 is MHR with its atom at K (Weibull(2) below it): the jump of the hazard to +∞ is allowed.
    [Fact]
    public void An_atom_at_the_top_of_an_MHR_law_keeps_it_MHR()
    {
        var shape = OnGridStartingAtTheAtom("example42(1000)");
        Assert.True(shape.MonotoneHazardRate && shape.Regular && !shape.AntiMonotoneHazardRate, shape.ToString());
    }

    // Unbounded v: the first cell carries no chord slope; Pareto I's q·v'(q) = −q^(−1/2)/2 rises, so it is anti-MHR and
    // not MHR.
    [Fact]
    public void An_uncapped_power_law_stays_anti_MHR()
    {
        var market = Support.Market("pareto(2)", 1);
        var shape = ShapeClassification.Classify(new FrontierProblem(market, 400).Discretised);
        Assert.True(shape.Regular && shape.AntiMonotoneHazardRate && !shape.MonotoneHazardRate, shape.ToString());
    }
}
