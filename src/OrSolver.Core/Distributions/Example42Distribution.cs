namespace OrSolver.Core.Distributions;

/// <summary>The paper's Example 4.2 for n buyers (an MHR instance): F(v) = 1 - e^{-v²} on [0, K) with
/// K = √(ln n)/2, and an atom of mass e^{-K²} = n^{-1/4} at K. v(q) = min(K, √(-ln q)).
/// Spec: <c>example42(n)</c>.</summary>
public sealed class Example42Distribution : ParametricDistribution
{
    private const string Family = "example42";
    private static readonly WeibullLaw Law = new(2.0, 1.0);

    /// <summary>Example 4.2 for <paramref name="buyers"/> buyers.</summary>
    /// <param name="buyers">Number of buyers n (a real number; the cap K = √(ln n)/2 depends on it). Range: ≥ 2, finite.</param>
    /// <exception cref="InputException">n is out of range.</exception>
    public Example42Distribution(double buyers) : base(CapFor(buyers))
    {
        Buyers = buyers;
        Spec = $"{Family}(n={ParameterCheck.Format(buyers)})";
    }

    /// <summary>Number of buyers n the instance is built for. Range: ≥ 2.</summary>
    public double Buyers { get; }

    /// <inheritdoc />
    public override string Spec { get; }

    private protected override double BaseSupportLow => 0.0;

    private protected override double BaseValue(double quantile) => Law.Value(quantile);

    private protected override double BaseIntegratedValue(double quantile) => Law.IntegratedValue(quantile);

    private protected override double BaseSurvival(double value) => Law.Survival(value);

    private protected override double BaseDensity(double value) => Law.Density(value);

    private static double CapFor(double buyers)
    {
        // n only sets the cap √(ln n)/2 (at most 13.3), so any finite n is fine.
        ParameterCheck.Finite(Family, "n", buyers, double.MaxValue);
        if (!(buyers >= 2.0))
            throw new InputException($"{Family}: n ({ParameterCheck.Format(buyers)}) must be at least 2");
        return 0.5 * Math.Sqrt(Math.Log(buyers));
    }
}
