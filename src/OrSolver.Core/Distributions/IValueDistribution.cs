namespace OrSolver.Core.Distributions;

/// <summary>
/// A buyer's value distribution F, seen in quantile space (method.md §1.2). The quantile of value v is
/// q = 1 - F(v) = P(value ≥ v); the value function v(q) = F⁻¹(1 - q) is non-increasing on (0, 1].
/// Atoms of F are flat pieces of v(q); gaps in the support are jumps of v(q).
/// </summary>
public interface IValueDistribution
{
    /// <summary>The canonical spec string, e.g. <c>uniform(low=0, high=1)</c>; parsing it gives this distribution back.</summary>
    string Spec { get; }

    /// <summary>v(q) = F⁻¹(1 - q), the value at quantile q. Range of q: [0, 1]; v(0) is the supremum of the
    /// support (possibly +∞). At a jump of v (a gap in the support) the left limit is returned.</summary>
    double Value(double quantile);

    /// <summary>V(q) = ∫₀^q v(t) dt, the integrated value in closed form or by an exact piecewise formula
    /// (no numerical integration), accurate to 1e-12 relative over the accepted parameters. Range of q: [0, 1];
    /// V(0) = 0, V(1) = E[v].</summary>
    double IntegratedValue(double quantile);

    /// <summary>R(q) = q·v(q), the revenue curve (price-posting revenue at quantile q); R(0) = lim_{q→0} q·v(q).</summary>
    double Revenue(double quantile);

    /// <summary>R(0) = lim_{q→0} q·v(q): positive for equal-revenue tails, 0 otherwise.</summary>
    double RevenueAtZero { get; }

    /// <summary>E[v] = V(1), finite (distributions without a finite mean are refused on construction).</summary>
    double Mean { get; }

    /// <summary>Infimum of the support, v(1). Range: ≥ 0.</summary>
    double SupportLow { get; }

    /// <summary>Supremum of the support, v(0); +∞ when v is unbounded near q = 0.</summary>
    double SupportHigh { get; }

    /// <summary>Quantiles in (0, 1) where v(q) has a kink, a jump, or an atom begins or ends (sorted, distinct).
    /// The grid puts a point on each (method.md §3.5).</summary>
    IReadOnlyList<double> Breakpoints { get; }

    /// <summary>P(value &gt; v). Range: [0, 1].</summary>
    double Survival(double value);

    /// <summary>P(value ≥ v). Differs from <see cref="Survival"/> only at atoms.</summary>
    double SurvivalInclusive(double value);

    /// <summary>Density f(v) of the absolutely continuous part of F (atoms excluded). Range: ≥ 0.</summary>
    double Density(double value);
}
