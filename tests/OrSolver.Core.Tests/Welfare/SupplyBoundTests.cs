using OrSolver.Core.Numerics;
using OrSolver.Core.Welfare;

namespace OrSolver.Core.Tests.Welfare;

/// <summary>Theorem 4.2's Ψ against hand values.</summary>
public class SupplyBoundTests
{
    [Fact]
    public void Psi_matches_hand_values()
    {
        // τ = 1: min{1, (e − 1)/e + 1/(e + e²)}.
        double atOne = (Math.E - 1) / Math.E + 1 / (Math.E + Math.E * Math.E);
        Assert.True(Tolerances.Rounding.Close(SupplyBound.Psi(1), atOne));
        Assert.True(Tolerances.Rounding.Close(SupplyBound.LotteryCase(1), 1));
        // τ = e^{−2}: (2 + 2)/(2 + 4) = 2/3 against (e − 1)/e + 1/(e + 1) ≈ 0.90.
        Assert.True(Tolerances.Rounding.Close(SupplyBound.Psi(Math.Exp(-2)), 2.0 / 3));
        Assert.True(Tolerances.Rounding.Close(SupplyBound.MyersonCase(Math.Exp(-2)), (Math.E - 1) / Math.E + 1 / (Math.E + 1)));
    }

}
