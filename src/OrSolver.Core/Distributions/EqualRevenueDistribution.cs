namespace OrSolver.Core.Distributions;

/// <summary>The equal-revenue distribution truncated at a cap: F(v) = 1 - 1/v on [1, cap), an atom of mass 1/cap
/// at cap. v(q) = min(cap, 1/q), R(q) = 1 on [1/cap, 1], V(q) = cap·q for q ≤ 1/cap and 1 + ln(cap·q) above.
/// Spec: <c>equalrevenue(cap)</c>.</summary>
public sealed class EqualRevenueDistribution : ParametricDistribution
{
    private const string Family = "equalrevenue";

    /// <summary>Equal revenue on [1, cap] with the atom at cap.</summary>
    /// <param name="cap">Cap, the highest value. Range: &gt; 1, finite.</param>
    /// <exception cref="InputException">The cap is out of range.</exception>
    public EqualRevenueDistribution(double cap) : base(Validated(cap))
    {
        Spec = $"{Family}(cap={ParameterCheck.Format(cap)})";
    }

    /// <inheritdoc />
    public override string Spec { get; }

    private protected override double BaseSupportLow => 1.0;

    private protected override double BaseValue(double quantile) => 1.0 / quantile;

    private protected override double BaseIntegratedValue(double quantile) => double.PositiveInfinity;

    private protected override double BaseIntegral(double from, double to) => PowerLaw.Integral(from, to, -1.0);

    private protected override double BaseSurvival(double value) => value <= 1.0 ? 1.0 : 1.0 / value;

    private protected override double BaseDensity(double value) => value < 1.0 ? 0.0 : 1.0 / (value * value);

    private static double Validated(double cap)
    {
        ParameterCheck.Above(Family, "cap", cap, "1", 1.0);
        return cap;
    }
}
