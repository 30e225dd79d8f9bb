using OrSolver.Core.Distributions;

namespace OrSolver.Core.BilateralTrade;

/// <summary>
/// Bilateral trade (Appendix D.4): one seller whose cost c ~ G is private, one buyer whose value v ~ F is private,
/// independent. Mechanisms are Bayesian incentive compatible, interim individually rational for both and budget balanced;
/// Π is the seller's expected utility, U the buyer's, and Π + U the gains from trade (method.md §13.1).
/// Both distributions are any family OrSolver reads; the seller's is read as a distribution of costs. Immutable.
/// </summary>
public sealed record TradeMarket
{
    /// <summary>Creates the market; both distributions must be given.</summary>
    /// <param name="buyer">F, the buyer's value distribution.</param>
    /// <param name="seller">G, the seller's cost distribution.</param>
    public TradeMarket(IValueDistribution buyer, IValueDistribution seller)
    {
        ArgumentNullException.ThrowIfNull(buyer);
        ArgumentNullException.ThrowIfNull(seller);
        Buyer = buyer;
        Seller = seller;
    }

    /// <summary>The market of two distribution specs (<see cref="DistributionSpec.Parse(string)"/>).</summary>
    /// <exception cref="InputException">A spec is malformed or out of range.</exception>
    public static TradeMarket Parse(string buyer, string seller, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(buyer);
        ArgumentNullException.ThrowIfNull(seller);
        return new TradeMarket(DistributionSpec.Parse(buyer, baseDirectory), DistributionSpec.Parse(seller, baseDirectory));
    }

    /// <summary>F, the buyer's value distribution.</summary>
    public IValueDistribution Buyer { get; }

    /// <summary>G, the seller's cost distribution.</summary>
    public IValueDistribution Seller { get; }

    /// <summary>Whether the seller's cost is unbounded (c(1) = +∞): then S(1) = p·c(p) is infinite at p = 1 and the
    /// highest-cost cell of a grid can never trade (a seller of arbitrarily high cost would need arbitrarily high
    /// payments).</summary>
    public bool UnboundedCost => double.IsPositiveInfinity(Seller.SupportHigh);

    /// <summary>Whether trade can ever gain: some value exceeds some cost (sup v &gt; inf c). A market where it cannot is
    /// valid and degenerate: every mechanism on its frontier is "no trade", at (Π, U) = (0, 0).</summary>
    public bool CanGain => Buyer.SupportHigh > Seller.SupportLow;

    /// <summary>"buyer SPEC, seller SPEC".</summary>
    public override string ToString() => $"buyer {Buyer.Spec}, seller {Seller.Spec}";
}
