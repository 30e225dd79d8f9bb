using OrSolver.Core.Distributions;

namespace OrSolver.Core;

/// <summary>
/// The seller's problem: one item, <see cref="Buyers"/> unit-demand buyers with values i.i.d. from
/// <see cref="Distribution"/> (SPEC §1). Validates itself on construction.
/// </summary>
public sealed record Market
{
    /// <summary>The largest market size the solver accepts: the cap X̂ stays accurate well beyond it.</summary>
    public const long MaximumBuyers = 1_000_000_000_000;

    /// <summary>Creates a market; throws <see cref="InputException"/> for n outside [1, 10¹²].</summary>
    public Market(IValueDistribution distribution, long buyers)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        if (buyers < 1) throw new InputException($"buyers must be at least 1 (got {buyers})");
        if (buyers > MaximumBuyers) throw new InputException($"buyers must be at most {MaximumBuyers} (got {buyers})");
        Distribution = distribution;
        Buyers = buyers;
    }

    /// <summary>F, the value distribution of every buyer.</summary>
    public IValueDistribution Distribution { get; }

    /// <summary>n, the number of buyers. Range: 1 ≤ n ≤ 10¹².</summary>
    public long Buyers { get; }
}
