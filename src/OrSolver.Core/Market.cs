using OrSolver.Core.Distributions;

namespace OrSolver.Core;

/// <summary>
/// The seller's problem: one item (or k units, method.md §9), <see cref="Buyers"/> unit-demand buyers with values i.i.d. from
/// <see cref="Distribution"/> (method.md §1.1). Validates itself on construction.
/// </summary>
public sealed record Market
{
    /// <summary>The largest market size the solver accepts: the cap X̂ stays accurate well beyond it.</summary>
    public const long MaximumBuyers = 1_000_000_000_000;

    /// <summary>Creates a market; throws <see cref="InputException"/> for n outside [1, 10¹²] or k &lt; 1.</summary>
    /// <param name="distribution">F.</param>
    /// <param name="buyers">n.</param>
    /// <param name="units">k, identical units for sale to unit-demand buyers (method.md §9.1). Range: ≥ 1.</param>
    public Market(IValueDistribution distribution, long buyers, int units = 1)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        if (buyers < 1) throw new InputException($"buyers must be at least 1 (got {buyers})");
        if (buyers > MaximumBuyers) throw new InputException($"buyers must be at most {MaximumBuyers} (got {buyers})");
        if (units < 1) throw new InputException($"units must be at least 1 (got {units})");
        Distribution = distribution;
        Buyers = buyers;
        Units = units;
    }

    /// <summary>k, the number of identical units (1 for the single-item market of the paper's §3–5).</summary>
    public int Units { get; }

    /// <summary>F, the value distribution of every buyer.</summary>
    public IValueDistribution Distribution { get; }

    /// <summary>n, the number of buyers. Range: 1 ≤ n ≤ 10¹².</summary>
    public long Buyers { get; }
}
