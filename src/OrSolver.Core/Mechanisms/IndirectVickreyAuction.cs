using OrSolver.Core.Distributions;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Mechanisms;

/// <summary>A value interval (Low, High) removed from the bid space. Range: Low &lt; High.</summary>
public sealed record BidSpaceGap(double Low, double High);

/// <summary>
/// An indirect Vickrey auction with a discrete bid space (§3 of the paper; on a grid every mechanism is one):
/// the allowed bids are <see cref="Bids"/> (ascending; the lowest is the reserve). A buyer bids the highest allowed
/// bid not above her value (none below the reserve); the highest bid wins, ties are broken uniformly at random,
/// and the winner pays her critical bid: for each allowed bid b_k up to hers, b_k times the increase in her winning
/// probability at b_k (the threshold rule, which is what truthfulness charges when ties are randomised).
/// </summary>
public sealed class IndirectVickreyAuction
{
    /// <summary>Creates the auction; bids must be finite, non-negative and strictly increasing.</summary>
    public IndirectVickreyAuction(IReadOnlyList<double> bids)
    {
        ArgumentNullException.ThrowIfNull(bids);
        if (bids.Count == 0) throw new ArgumentException("an auction needs at least one allowed bid", nameof(bids));
        for (int i = 0; i < bids.Count; i++)
        {
            if (!double.IsFinite(bids[i]) || bids[i] < 0) throw new ArgumentException($"bid {bids[i]} is not a finite non-negative value", nameof(bids));
            if (i > 0 && !(bids[i] > bids[i - 1])) throw new ArgumentException("bids must increase strictly", nameof(bids));
        }
        _bids = [.. bids];
    }

    /// <summary>
    /// Creates the auction run on a grid: level k is the bid <paramref name="bids"/>[k] and is chosen by the buyers of
    /// quantile at most <paramref name="reach"/>[k] who choose no higher level, i.e. P(a buyer bids level k or higher) =
    /// reach[k]. For a continuous F that is P(v ≥ b_k), the value route; the quantile route is exact where it is not:
    /// at the upper end of an atom a, the level "just above a" (reach P(v &gt; a), bid a as its critical value) and the
    /// level a (reach P(v ≥ a)) are different bids, which values alone cannot tell apart (method.md §6.4).
    /// </summary>
    /// <param name="bids">Bid values b_1 ≤ … ≤ b_K, finite and non-negative (equal values allowed for the two sides of
    /// an atom).</param>
    /// <param name="reach">P(bid ≥ level k), strictly decreasing in k, in (0, 1].</param>
    /// <param name="integratedValue">V(reach[k]) = ∫₀^reach[k] v(q) dq for each level, when known (a grid's cached values:
    /// V of a mixture needs a root-finding per quantile, and a frontier's vertices evaluate thousands of levels each);
    /// null to compute it from the distribution.</param>
    public IndirectVickreyAuction(IReadOnlyList<double> bids, IReadOnlyList<double> reach, IReadOnlyList<double>? integratedValue = null)
        : this(bids?.ToArray() ?? throw new ArgumentNullException(nameof(bids)), reach?.ToArray() ?? throw new ArgumentNullException(nameof(reach)),
            integratedValue?.ToArray(), null, null)
    {
    }

    /// <summary>The auction run on a grid, owning the arrays it is given (as the public constructor, and
    /// <paramref name="capIncrements"/>: X̂(reach[k]) − X̂(reach[k + 1]) for each level, reach[K] = 0, at the market
    /// <paramref name="capIncrementsFor"/> = (n, units), when known). A frontier on an empirical grid builds one with 10⁵ levels
    /// per vertex: at a level that holds one cell, as most do, the increment is the grid's cached one, where computing it
    /// anew would take four transcendental functions.</summary>
    internal IndirectVickreyAuction(double[] bids, double[] reach, double[]? integratedValue, double[]? capIncrements, (double Buyers, int Units)? capIncrementsFor)
    {
        if (bids.Length == 0) throw new ArgumentException("an auction needs at least one allowed bid", nameof(bids));
        if (reach.Length != bids.Length) throw new ArgumentException($"expected {bids.Length} reaches, got {reach.Length}", nameof(reach));
        if (integratedValue is not null && integratedValue.Length != bids.Length)
            throw new ArgumentException($"expected {bids.Length} integrated values, got {integratedValue.Length}", nameof(integratedValue));
        if (capIncrements is not null && (capIncrements.Length != bids.Length || capIncrementsFor is null))
            throw new ArgumentException($"expected {bids.Length} cap increments and their market", nameof(capIncrements));
        for (int i = 0; i < bids.Length; i++)
        {
            if (!double.IsFinite(bids[i]) || bids[i] < 0) throw new ArgumentException($"bid {bids[i]} is not a finite non-negative value", nameof(bids));
            if (i > 0 && !(bids[i] >= bids[i - 1])) throw new ArgumentException("bids must not decrease", nameof(bids));
            if (!(reach[i] > 0 && reach[i] <= 1) || (i > 0 && !(reach[i] < reach[i - 1])))
                throw new ArgumentException("reaches must lie in (0, 1] and decrease strictly", nameof(reach));
        }
        _bids = bids;
        _reach = reach;
        _integratedValue = integratedValue;
        _capIncrements = capIncrements;
        _capIncrementsFor = capIncrementsFor;
    }

    // Arrays, not the interfaces the properties show: Evaluate reads every level, and a frontier vertex on an empirical
    // grid has 10⁵ of them.
    private readonly double[] _bids;

    private readonly double[]? _reach;

    private readonly double[]? _integratedValue;

    private readonly double[]? _capIncrements;

    private readonly (double Buyers, int Units)? _capIncrementsFor;

    /// <summary>P(a buyer bids level k or higher) per level when the auction was built on a grid; null when levels are
    /// reached by value (P(v ≥ b_k)).</summary>
    public IReadOnlyList<double>? Reach => _reach;

    /// <summary>The allowed bids b_1 &lt; … &lt; b_K; b_1 is the reserve price.</summary>
    public IReadOnlyList<double> Bids => _bids;

    /// <summary>The reserve price b_1.</summary>
    public double Reserve => Bids[0];

    /// <summary>
    /// Revenue, surplus and welfare with <paramref name="buyers"/> buyers whose values are i.i.d. from
    /// <paramref name="distribution"/>, computed from the auction's rules alone (no LP, no hull): bid level k collects the
    /// values in [b_k, b_{k+1}), of mass p_k = P(v ≥ b_k) − P(v ≥ b_{k+1}); with L_k = P(v &lt; b_k) the probability of
    /// winning with tied bids broken uniformly is x_k = Σ_j C(n−1, j)·p_k^j·L_k^{n−1−j}/(j+1) = ((L_k+p_k)^n − L_k^n)/(n·p_k).
    /// </summary>
    public AuctionOutcome Evaluate(IValueDistribution distribution, double buyers) => Evaluate(distribution, buyers, 1);

    /// <summary>As <see cref="Evaluate(IValueDistribution, double)"/> with k identical units (method.md §6.4, §9.1): a buyer wins a
    /// unit when fewer than k others bid higher, ties for the last units broken uniformly. By symmetry the chance at a
    /// level holding the values of quantile mass p above mass H is (E[min(k, Bin(n, H + p))] − E[min(k, Bin(n, H))])/(n·p).</summary>
    public AuctionOutcome Evaluate(IValueDistribution distribution, double buyers, int units)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        if (!(buyers >= 1)) throw new ArgumentOutOfRangeException(nameof(buyers), buyers, "n must be at least 1");
        int count = _bids.Length;
        var atLeast = new double[count + 1];
        if (_reach is not null) _reach.CopyTo(atLeast, 0);
        else for (int k = 0; k < count; k++) atLeast[k] = distribution.SurvivalInclusive(_bids[k]);
        atLeast[count] = 0;
        var integrated = new double[count + 1];
        if (_integratedValue is not null) _integratedValue.CopyTo(integrated, 0);
        else for (int k = 0; k < count; k++) integrated[k] = distribution.IntegratedValue(atLeast[k]);
        // The cached increments hold for the market they came from: the n passed in is that market's own, not a computed value.
        var increments = _capIncrementsFor is { } known && known.Units == units && known.Buyers == buyers ? _capIncrements : null;

        double revenue = 0, welfare = 0, previousWin = 0, threshold = 0;
        for (int k = 0; k < count; k++)
        {
            double mass = atLeast[k] - atLeast[k + 1];
            if (!(mass > 0)) continue; // no value bids here: the level is never used
            // ((L+p)^n − L^n)/n with L = 1 − S_k, L + p = 1 − S_{k+1} is X̂(S_k) − X̂(S_{k+1}): taken from the tails (S
            // near 1/n at huge n), never from L = 1 − S_k, which keeps only the first digits of S_k.
            double increment = increments?[k] ?? Discretisation.BorderCap.Increment(atLeast[k + 1], atLeast[k], buyers, units);
            double win = increment / mass;
            threshold += _bids[k] * (win - previousWin);
            previousWin = win;
            revenue += mass * threshold;
            welfare += win * (integrated[k] - integrated[k + 1]);
        }
        return new AuctionOutcome(buyers * revenue, buyers * welfare - buyers * revenue);
    }
}

/// <summary>Expected revenue and buyers' surplus of a mechanism.</summary>
/// <param name="Revenue">Π.</param>
/// <param name="Surplus">U.</param>
public sealed record AuctionOutcome(double Revenue, double Surplus)
{
    /// <summary>W = Π + U.</summary>
    public double Welfare => Revenue + Surplus;
}
