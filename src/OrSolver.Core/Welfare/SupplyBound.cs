namespace OrSolver.Core.Welfare;

/// <summary>
/// Theorem 4.2's bound on the KS welfare with m units and n ≥ m unit-demand MHR buyers, as a function of τ = m/n ∈ (0, 1]:
/// Ψ(τ) = min{(2 − ln τ)/(2 − 2 ln τ), (e − 1)/e + 1/(e + e²τ)} (method.md §9.3; Figure 2 draws the two parts and Ψ).
/// </summary>
public static class SupplyBound
{
    /// <summary>Case 1 of the proof (VCG mixed with the buyer-optimal lottery, Lemma C.6 and H_n − H_m ≤ ln(n/m)):
    /// (2 − ln τ)/(2 − 2 ln τ), rising from 1/2 (τ → 0) to 1 (τ = 1). Range of τ: (0, 1].</summary>
    public static double LotteryCase(double tau) => (2 - Math.Log(tau)) / (2 - 2 * Math.Log(tau));

    /// <summary>Case 2 of the proof (VCG mixed with Myerson, Lemmas C.4 and C.8): (e − 1)/e + 1/(e + e²τ), falling
    /// from 1 (τ → 0) to (e − 1)/e + 1/(e + e²) ≈ 0.731 (τ = 1). Range of τ: (0, 1].</summary>
    public static double MyersonCase(double tau) => (Math.E - 1) / Math.E + 1 / (Math.E + Math.E * Math.E * tau);

    /// <summary>Ψ(τ), the smaller of the two cases. Range of τ: (0, 1].</summary>
    public static double Psi(double tau) => Math.Min(LotteryCase(tau), MyersonCase(tau));
}
