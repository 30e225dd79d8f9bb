using OrSolver.Core.Numerics;
using OrSolver.Core.Structures;

namespace OrSolver.Core.Tests.Structures;

/// <summary>The structure summary on markets whose structure a theorem fixes (Uniform: Thm 3.7; exponential: Thm 3.4),
/// and on a capped tail whose atom at the cap is P(v ≥ cap) in closed form.</summary>
public class StructureSummaryTests
{
    private static MechanismPath Path(string spec, long buyers) => StructureCases.Path(spec, buyers, 400);

    [Fact]
    public void Uniform_has_Theorem_3_7s_structure()
    {
        var summary = new StructureSummary(Path("uniform(0, 1)", 3));
        Assert.Empty(summary.Together);
        Assert.Empty(summary.ReserveIncreases);
        Assert.Empty(summary.ZeroReserveNotShrinking);
        Assert.True(summary.EndsAtLottery);
        Assert.True(summary.SecondPriceOnFrontier);
        Assert.Equal(0, summary.TopAtom);
        string text = summary.Describe();
        Assert.StartsWith("Covered by Theorem 3.7", text, StringComparison.Ordinal);
        Assert.EndsWith("Matches Theorem 3.7.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Exponential_has_Theorem_3_4s_structure()
    {
        var summary = new StructureSummary(Path("exponential(1)", 3));
        Assert.Empty(summary.GapVertices);
        Assert.Empty(summary.ReserveIncreases);
        Assert.True(summary.EndsAtSecondPrice);
        string text = summary.Describe();
        Assert.StartsWith("Covered by Theorem 3.4", text, StringComparison.Ordinal);
        Assert.EndsWith("Matches Theorem 3.4.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_capped_tail_has_an_atom_at_the_cap_and_is_not_called_anti_MHR()
    {
        // P(v ≥ cap) = cap^−α for Pareto I with scale 1.
        var summary = new StructureSummary(Path("pareto(1.1, cap=10000)", 3));
        Assert.True(Tolerances.ClosedForm.Close(Math.Pow(10000, -1.1), summary.TopAtom), $"atom {summary.TopAtom:R}");
        Assert.StartsWith("Outside Theorems 3.4–3.7", summary.Describe(), StringComparison.Ordinal);
    }
}
