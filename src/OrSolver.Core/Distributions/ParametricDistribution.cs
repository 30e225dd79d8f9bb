namespace OrSolver.Core.Distributions;

/// <summary>
/// A parametric family: an absolutely continuous base law with value function v₀(q), optionally capped at
/// <see cref="Cap"/>: v(q) = min(Cap, v₀(q)), which puts an atom of mass q_c = P₀(X ≥ Cap) at the cap
/// (method.md §11.1). With a cap, V(q) = Cap·min(q, q_c) + ∫_{q_c}^{q} v₀ for q &gt; q_c.
/// </summary>
public abstract class ParametricDistribution : ValueDistribution
{
    private readonly Lazy<double> capQuantile;
    private readonly Lazy<IReadOnlyList<double>> breakpoints;

    private protected ParametricDistribution(double cap)
    {
        Cap = cap;
        capQuantile = new Lazy<double>(() => double.IsPositiveInfinity(Cap) ? 0.0 : BaseSurvival(Cap));
        breakpoints = new Lazy<IReadOnlyList<double>>(() =>
        {
            double qc = CapQuantile;
            return qc > 0.0 && qc < 1.0 ? Array.AsReadOnly(new[] { qc }) : Array.AsReadOnly(Array.Empty<double>());
        });
    }

    /// <summary>The cap: values above it are moved onto it (an atom). +∞ when uncapped. Range: &gt; the base
    /// support's low end.</summary>
    public double Cap { get; }

    /// <summary>q_c = P(X ≥ Cap), the mass of the atom at the cap and the quantile where v stops being flat;
    /// 0 when uncapped. Range: [0, 1).</summary>
    public double CapQuantile => capQuantile.Value;

    /// <inheritdoc />
    public override double SupportLow => BaseSupportLow;

    /// <inheritdoc />
    public override double SupportHigh => Math.Min(Cap, BaseSupportHigh);

    /// <inheritdoc />
    public override IReadOnlyList<double> Breakpoints => breakpoints.Value;

    private protected override double RevenueAtZeroCore =>
        double.IsPositiveInfinity(SupportHigh) ? BaseRevenueAtZero : 0.0;

    /// <summary>Infimum of the base law's support.</summary>
    private protected abstract double BaseSupportLow { get; }

    /// <summary>Supremum of the base law's support (+∞ when unbounded).</summary>
    private protected virtual double BaseSupportHigh => double.PositiveInfinity;

    /// <summary>lim_{q→0} q·v₀(q) for an unbounded base law.</summary>
    private protected virtual double BaseRevenueAtZero => 0.0;

    /// <summary>v₀(q) for q in (0, 1).</summary>
    private protected abstract double BaseValue(double quantile);

    /// <summary>V₀(q) = ∫₀^q v₀ for q in (0, 1] (may be +∞ for a base law without a mean).</summary>
    private protected abstract double BaseIntegratedValue(double quantile);

    /// <summary>∫_from^to v₀ for 0 ≤ from ≤ to ≤ 1. Override where the difference of V₀ loses digits or V₀ is infinite.</summary>
    private protected virtual double BaseIntegral(double from, double to)
        => from == 0.0 ? BaseIntegratedValue(to) : BaseIntegratedValue(to) - BaseIntegratedValue(from);

    /// <summary>P₀(X &gt; v) of the base law (continuous, so also P₀(X ≥ v)).</summary>
    private protected abstract double BaseSurvival(double value);

    /// <summary>Density of the base law.</summary>
    private protected abstract double BaseDensity(double value);

    private protected override double ValueCore(double quantile)
    {
        if (quantile <= CapQuantile) return Cap;
        return Math.Min(Cap, BaseValue(quantile));
    }

    private protected override double IntegratedValueCore(double quantile)
    {
        double qc = CapQuantile;
        if (qc == 0.0) return BaseIntegral(0.0, quantile);
        if (quantile <= qc) return Cap * quantile;
        return Cap * qc + BaseIntegral(qc, quantile);
    }

    private protected override double SurvivalCore(double value) => value >= Cap ? 0.0 : BaseSurvival(value);

    private protected override double SurvivalInclusiveCore(double value)
    {
        if (value > Cap) return 0.0;
        return value == Cap ? CapQuantile : BaseSurvival(value);
    }

    private protected override double DensityCore(double value) => value >= Cap ? 0.0 : BaseDensity(value);
}
