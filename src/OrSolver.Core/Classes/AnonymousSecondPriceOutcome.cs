using OrSolver.Core.Pareto;

namespace OrSolver.Core.Classes;

/// <summary>
/// What a second-price auction with reserves gives in a market of several classes (method.md §13.2), computed from its
/// rules by <see cref="AnonymousSecondPrice"/>: the item goes to the highest bid among the buyers whose values reach their
/// class's reserve, who pays the larger of her reserve and the highest other such bid. A buyer of class c with value v
/// keeps u_c(v) = ∫_{r_c}^v x_c(s) ds (x_c(s) the chance that no other buyer bids above s), so the lowest type v_c of a
/// class keeps the rent u_c(v_c) &gt; 0 whenever some other buyer bids below v_c with positive chance: the auction is then
/// outside the mechanisms the frontier is drawn over, where every class's lowest type gets zero utility. Validates itself.
/// </summary>
/// <param name="Market">The market.</param>
/// <param name="Reserves">r_c per class (all equal for the anonymous auction). Range: finite, ≥ 0.</param>
/// <param name="Welfare">W = E[winner's value] (0 when nobody bids). Range: finite, ≥ 0.</param>
/// <param name="Revenue">Π = E[payment]. Range: finite (≥ 0 up to rounding).</param>
/// <param name="ClassSurplus">n_c·E[u_c(v)] per class: what class c's buyers keep, their lowest types' rents included.
/// Range: finite, ≥ 0.</param>
/// <param name="Rents">u_c(v_c) per class: one buyer's utility at her class's lowest value v_c, ∫_{r_c}^{v_c} x_c(s) ds when
/// v_c &gt; r_c, else 0. Range: finite, ≥ 0.</param>
public sealed record AnonymousSecondPriceOutcome(ClassMarket Market, IReadOnlyList<double> Reserves, double Welfare, double Revenue,
    IReadOnlyList<double> ClassSurplus, IReadOnlyList<double> Rents)
{
    /// <summary>The market (see the record's parameter).</summary>
    public ClassMarket Market { get; } = Market ?? throw new ArgumentNullException(nameof(Market));

    /// <summary>r_c per class (see the record's parameter).</summary>
    public IReadOnlyList<double> Reserves { get; } = PerClass(Market, Reserves, nameof(Reserves));

    /// <summary>W (see the record's parameter).</summary>
    public double Welfare { get; } = double.IsFinite(Welfare) && Welfare >= 0 ? Welfare
        : throw new ArgumentOutOfRangeException(nameof(Welfare), Welfare, "welfare is finite and ≥ 0");

    /// <summary>Π (see the record's parameter).</summary>
    public double Revenue { get; } = double.IsFinite(Revenue) ? Revenue : throw new ArgumentOutOfRangeException(nameof(Revenue), Revenue, "revenue is finite");

    /// <summary>Each class's total utility (see the record's parameter).</summary>
    public IReadOnlyList<double> ClassSurplus { get; } = PerClass(Market, ClassSurplus, nameof(ClassSurplus));

    /// <summary>Each class's lowest-type rent (see the record's parameter).</summary>
    public IReadOnlyList<double> Rents { get; } = PerClass(Market, Rents, nameof(Rents));

    /// <summary>U = Σ_c n_c·E[u_c(v)] = W − Π, the buyers' total expected utility, rents included: what the buyers of this
    /// auction actually keep.</summary>
    public double Surplus => ClassSurplus.Sum();

    /// <summary>Σ_c n_c·u_c(v_c), the rents of the lowest types. Range: ≥ 0.</summary>
    public double TotalRent => Rents.Select((rent, c) => Market.Classes[c].Buyers * rent).Sum();

    /// <summary>Whether some class's lowest type keeps a positive rent, which puts the auction outside the class of
    /// mechanisms the frontier is drawn over (method.md §13.2).</summary>
    public bool OutsideClass => TotalRent > 0;

    /// <summary>U − Σ_c n_c·u_c(v_c): the buyers' utility above their lowest types', the frontier's U of this allocation
    /// (Σ_c n_c·∫ x_c·(v_c − R_c′)). The frontier is compared at this U. Equal to <see cref="Surplus"/> when no rent is
    /// left.</summary>
    public double SurplusNetOfRents => Surplus - TotalRent;

    /// <summary>Π + Σ_c n_c·u_c(v_c) = W − <see cref="SurplusNetOfRents"/>: the frontier's Π of this allocation
    /// (Σ_c n_c·∫ x_c·R_c′), i.e. what the seller would raise with the same allocation and every class's lowest type held to
    /// zero utility (each buyer of class c charged her class's rent to enter). Equal to <see cref="Revenue"/> when no rent
    /// is left.</summary>
    public double RevenueWithRentsCharged => Revenue + TotalRent;

    private static IReadOnlyList<double> PerClass(ClassMarket market, IReadOnlyList<double> values, string name)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Count != market.Count) throw new ArgumentException($"expected {market.Count} values, one per class, got {values.Count}", name);
        if (values.Any(v => !(double.IsFinite(v) && v >= 0))) throw new ArgumentException("every value must be finite and ≥ 0", name);
        return [.. values];
    }
}

/// <summary>One anonymous second-price auction of a family against a frontier of the same market (method.md §13.2).</summary>
/// <typeparam name="TMechanism">The frontier's description of a mechanism.</typeparam>
/// <param name="Reserve">r, the anonymous reserve. Range: finite, ≥ 0.</param>
/// <param name="Outcome">The auction with reserve r.</param>
/// <param name="Frontier">The frontier's point at the auction's <see cref="AnonymousSecondPriceOutcome.SurplusNetOfRents"/>,
/// clamped to the frontier's ends: Π* below the U of the revenue-optimal end (max Π subject to U ≥ U₀ is Π* there), the
/// surplus-optimal end above U* (<see cref="BeyondFrontier"/>).</param>
public sealed record AnonymousReservePoint<TMechanism>(double Reserve, AnonymousSecondPriceOutcome Outcome, ParetoPoint<TMechanism> Frontier)
{
    /// <summary>r (see the record's parameter).</summary>
    public double Reserve { get; } = double.IsFinite(Reserve) && Reserve >= 0 ? Reserve
        : throw new ArgumentOutOfRangeException(nameof(Reserve), Reserve, "a reserve is finite and ≥ 0");

    /// <summary>The auction (see the record's parameter).</summary>
    public AnonymousSecondPriceOutcome Outcome { get; } = Outcome ?? throw new ArgumentNullException(nameof(Outcome));

    /// <summary>The frontier's point (see the record's parameter).</summary>
    public ParetoPoint<TMechanism> Frontier { get; } = Frontier ?? throw new ArgumentNullException(nameof(Frontier));

    /// <summary>
    /// Frontier Π(U) − Π of the auction at the same U, in the frontier's convention: U net of the lowest types' rents and
    /// the auction's Π with those rents charged (<see cref="AnonymousSecondPriceOutcome.RevenueWithRentsCharged"/>), the
    /// one comparison in which the auction's allocation is a point of the program the frontier is drawn over. It is then
    /// the revenue the anonymous allocation gives up; the rents (<see cref="AnonymousSecondPriceOutcome.TotalRent"/>) are
    /// what the auction run as it is gives away on top. Without rents it is plainly frontier Π(U) − Π. Range: ≥ 0 up to the
    /// frontier's own accuracy (a grid frontier lies below the continuous one by its discretisation error); read it only
    /// when <see cref="BeyondFrontier"/> is false.
    /// </summary>
    public double RevenueGivenUp => Frontier.Revenue - Outcome.RevenueWithRentsCharged;

    /// <summary>Whether the auction's U net of rents exceeds the frontier's U*, so that no point of the frontier has its U
    /// (possible only on a frontier less accurate than the quadrature, e.g. a coarse grid's).</summary>
    public bool BeyondFrontier => Outcome.SurplusNetOfRents > Frontier.Surplus;
}

/// <summary>The anonymous second-price auctions with reserves from the market's lowest value to the best anonymous revenue
/// reserve, each against a frontier of the same market (<see cref="AnonymousSecondPrice.Family{TMechanism}"/>).</summary>
/// <typeparam name="TMechanism">The frontier's description of a mechanism.</typeparam>
/// <param name="Best">The auction with the best anonymous reserve for revenue.</param>
/// <param name="Points">The family in increasing reserve; the last is <paramref name="Best"/>.</param>
public sealed record AnonymousReserveFamily<TMechanism>(AnonymousSecondPriceOutcome Best, IReadOnlyList<AnonymousReservePoint<TMechanism>> Points)
{
    /// <summary>The best anonymous auction (see the record's parameter).</summary>
    public AnonymousSecondPriceOutcome Best { get; } = Best ?? throw new ArgumentNullException(nameof(Best));

    /// <summary>The family (see the record's parameter).</summary>
    public IReadOnlyList<AnonymousReservePoint<TMechanism>> Points { get; } =
        Points is { Count: > 0 } ? [.. Points] : throw new ArgumentException("a family has at least one auction", nameof(Points));
}
