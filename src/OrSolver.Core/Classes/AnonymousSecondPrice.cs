using MathNet.Numerics;
using MathNet.Numerics.Optimization;
using OrSolver.Core.Distributions;
using OrSolver.Core.Numerics;
using OrSolver.Core.Pareto;

namespace OrSolver.Core.Classes;

/// <summary>
/// Second-price auctions with reserves in a market of several classes (method.md §13.2), evaluated from their rules by
/// quadrature of the classes' distribution functions, with no grid: how much an anonymous auction gives up when buyers
/// are asymmetric.
/// <para>
/// With reserves r_c, a buyer of class c bids her value v when v ≥ r_c; let S̃_d(t) = P(a buyer of class d bids above t),
/// which is P(v_d ≥ r_d) for t &lt; r_d and P(v_d &gt; t) from r_d on. A buyer of class c wins at value s with
/// x_c(s) = ∏_d (1 − S̃_d(s))^{n_d − [d = c]} (for one anonymous reserve r and continuous values, ∏_d F_d(s)^{n_d − [d = c]}),
/// pays max(r_c, highest other bid) and keeps u_c(v) = ∫_{r_c}^v x_c(s) ds. Hence
/// W = ∫₀^∞ (1 − ∏_d (1 − S̃_d(t))^{n_d}) dt, U = Σ_c n_c·∫_{r_c}^∞ x_c(s)·P(v_c &gt; s) ds and Π = W − U. These hold for
/// atoms too (empirical data, caps): a tie at an atom is broken uniformly and the winner pays the tied value, which leaves
/// her nothing, so u_c(v) = E[(v − max(r_c, Y))⁺] = ∫_{r_c}^v P(Y &lt; s) ds with Y the highest other bid, and P(Y &lt; s)
/// differs from x_c(s) only at the countably many atoms; an atom at a reserve bids (v ≥ r).
/// </para>
/// Every integral runs over pieces split where an integrand may jump or kink (<see cref="ValueSpace.Integrate"/>): every
/// class's breakpoints, lowest and highest values, and the reserves.
/// </summary>
public static class AnonymousSecondPrice
{
    /// <summary>Points per class at which the revenue is scanned for the best reserve, at its quantiles j/ScanPoints.</summary>
    private const int ScanPoints = 64;

    /// <summary>The scan's top for an unbounded class: its value at quantile TopQuantile / Σ n_c, above which a sale has
    /// probability below 1e-9.</summary>
    private const double TopQuantile = 1e-9;

    /// <summary>The golden-section search stops when its bracket is this share of the scan cell it refines. The revenue is
    /// flat to second order at its maximum, so values accurate to 1e-12 locate the reserve to about 1e-6 of its scale;
    /// the rest of the search only wanders within that.</summary>
    private const double ReserveTolerance = 1e-9;

    /// <summary>The second-price auction with the anonymous reserve <paramref name="reserve"/>: every buyer bids when her value
    /// is at least r.</summary>
    /// <exception cref="InputException">A reserve that is negative or not finite.</exception>
    public static AnonymousSecondPriceOutcome Evaluate(ClassMarket market, double reserve)
    {
        ArgumentNullException.ThrowIfNull(market);
        return Evaluate(market, [.. Enumerable.Repeat(reserve, market.Count)]);
    }

    /// <summary>The second-price auction with class-specific reserves: a buyer of class c bids only when her value is at least
    /// r_c, the highest bid wins and pays the larger of her class's reserve and the highest other bid (for one class the
    /// i.i.d. second-price auction with a reserve).</summary>
    /// <param name="market">The market.</param>
    /// <param name="reserves">r_c, one per class. Range: finite, ≥ 0.</param>
    /// <exception cref="InputException">A reserve that is negative or not finite, or not one per class.</exception>
    public static AnonymousSecondPriceOutcome Evaluate(ClassMarket market, IReadOnlyList<double> reserves)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(reserves);
        if (reserves.Count != market.Count) throw new InputException($"expected one reserve per class ({market.Count}), got {reserves.Count}");
        foreach (double r in reserves)
        {
            if (!double.IsFinite(r) || r < 0) throw new InputException($"a reserve must be a finite number ≥ 0 (got {r})");
        }
        var classes = market.Classes;
        int count = market.Count;
        double[] reserve = [.. reserves];
        double[] bidsAtReserve = [.. classes.Select((c, d) => c.Distribution.SurvivalInclusive(reserve[d]))];

        // S̃_d(t): the chance that a buyer of class d bids above t.
        double BidsAbove(int d, double t) => t < reserve[d] ? bidsAtReserve[d] : classes[d].Distribution.Survival(t);

        // ln P(no buyer but one of class `own` bids above t); own = −1 counts every buyer. In logarithms, so that a product
        // of up to 1000 factors near 1 keeps its digits.
        double LogNobodyAbove(double t, int own)
        {
            double log = 0;
            for (int d = 0; d < count; d++)
            {
                double exponent = classes[d].Buyers - (d == own ? 1 : 0);
                if (exponent == 0) continue;
                double above = BidsAbove(d, t);
                if (above >= 1) return double.NegativeInfinity;
                log += exponent * SpecialFunctions.Log1p(-above);
            }
            return log;
        }

        var cuts = classes.SelectMany(c => ValueSpace.Kinks(c.Distribution).Append(c.Distribution.SupportLow).Append(c.Distribution.SupportHigh))
            .Concat(reserve).ToList();
        double top = classes.Max(c => c.Distribution.SupportHigh);
        double welfare = ValueSpace.Integrate(t => -AccurateFunctions.ExpMinusOne(LogNobodyAbove(t, -1)), 0, top, cuts);
        var classSurplus = new double[count];
        var rents = new double[count];
        for (int c = 0; c < count; c++)
        {
            var distribution = classes[c].Distribution;
            int own = c;
            double Wins(double s) => Math.Exp(LogNobodyAbove(s, own));
            classSurplus[c] = classes[c].Buyers * ValueSpace.Integrate(s => Wins(s) * distribution.Survival(s), reserve[c], distribution.SupportHigh, cuts);
            rents[c] = distribution.SupportLow > reserve[c] ? ValueSpace.Integrate(Wins, reserve[c], distribution.SupportLow, cuts) : 0;
        }
        return new AnonymousSecondPriceOutcome(market, reserve, welfare, welfare - classSurplus.Sum(), classSurplus, rents);
    }

    /// <summary>
    /// The anonymous reserve that maximises Π, and its auction. Π(r) is scanned at every class's values at quantiles
    /// j/64, its lowest and highest values (for an unbounded class, its value at quantile 10⁻⁹/Σ n_c), the values on both
    /// sides of its breakpoints (atoms) and its monopoly price, between the market's lowest value and its highest; the
    /// best scanned reserve is then refined by MathNet's golden-section search between its two neighbours (Π need not be
    /// unimodal over the whole support when classes differ: a scan first keeps the search off a local maximum). Ties (up to
    /// rounding) go to the scanned reserve, and among scanned reserves to the lowest.
    /// </summary>
    public static AnonymousSecondPriceOutcome BestReserve(ClassMarket market)
    {
        ArgumentNullException.ThrowIfNull(market);
        var classes = market.Classes;
        double low = LowestValue(market);
        double tail = TopQuantile / market.TotalBuyers;
        double high = classes.Max(c => double.IsFinite(c.Distribution.SupportHigh) ? c.Distribution.SupportHigh : c.Distribution.Value(tail));
        var candidates = classes.SelectMany(c =>
        {
            var f = c.Distribution;
            return Enumerable.Range(1, ScanPoints).Select(j => f.Value((double)j / ScanPoints))
                .Concat(ValueSpace.Kinks(f)).Append(f.SupportLow).Append(f.Value(tail)).Append(MonopolyPrice.Find(f).Reserve);
        });
        double[] points = [.. candidates.Append(low).Append(high).Where(r => r >= low && r <= high).Distinct().Order()];
        var outcomes = points.Select(r => Evaluate(market, r)).ToArray();
        int best = 0;
        for (int i = 1; i < outcomes.Length; i++)
        {
            if (outcomes[i].Revenue > outcomes[best].Revenue) best = i;
        }
        if (points.Length == 1) return outcomes[best];

        // Golden section on t ∈ [0, 1], mapped piecewise linearly onto [left neighbour, right neighbour] so that MathNet's
        // first middle point t = 1/(1 + φ) is the best scanned reserve itself: its bracket then holds a maximum without
        // expanding beyond the neighbours (its expansion would leave the support).
        double a = points[Math.Max(best - 1, 0)], x = points[best], b = points[Math.Min(best + 1, points.Length - 1)];
        double middle = 1 / (1 + Constants.GoldenRatio);
        double Reserve(double t) => t == middle ? x : t < middle ? a + (x - a) * (t / middle) : x + (b - x) * ((t - middle) / (1 - middle));
        var search = GoldenSectionMinimizer.Minimum(ObjectiveFunction.ScalarValue(t => -Evaluate(market, Reserve(t)).Revenue), 0, 1,
            ReserveTolerance, maxIterations: 1000, maxExpansionSteps: 0);
        var refined = Evaluate(market, Reserve(search.MinimizingPoint));
        // A refinement that gains no more than rounding keeps the scanned reserve: a maximum at a kink (a class's lowest
        // value, an atom) is scanned exactly, and the search only creeps up to it.
        var scanned = outcomes[best];
        return Tolerances.Rounding.AtScale(scanned.Welfare).AtMost(refined.Revenue, scanned.Revenue) ? scanned : refined;
    }

    /// <summary>
    /// The anonymous second-price auctions with <paramref name="count"/> reserves evenly spaced from the market's lowest
    /// value to the best anonymous revenue reserve (<see cref="BestReserve"/>), each with the frontier's point at its U net
    /// of rents and the revenue it gives up there (<see cref="AnonymousReservePoint{TMechanism}.RevenueGivenUp"/>).
    /// </summary>
    /// <typeparam name="TMechanism">The frontier's description of a mechanism.</typeparam>
    /// <param name="market">The market.</param>
    /// <param name="frontier">A frontier of the same market (it knows no market, so this is the caller's to ensure): the grid
    /// frontier of the Lagrangian route or the LP, or any other.</param>
    /// <param name="count">Reserves in the family (one when the best reserve is the lowest value). Range: ≥ 2.</param>
    public static AnonymousReserveFamily<TMechanism> Family<TMechanism>(ClassMarket market, ParetoFrontier<TMechanism> frontier, int count = 21)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(frontier);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        var best = BestReserve(market);
        double low = LowestValue(market), top = best.Reserves[0];
        int points = top > low ? count : 1;
        var family = new List<AnonymousReservePoint<TMechanism>>(points);
        for (int i = 0; i < points; i++)
        {
            bool last = i == points - 1;
            double reserve = last ? top : low + (top - low) * i / (points - 1);
            var outcome = last ? best : Evaluate(market, reserve);
            family.Add(new AnonymousReservePoint<TMechanism>(reserve, outcome, frontier.At(outcome.SurplusNetOfRents)));
        }
        return new AnonymousReserveFamily<TMechanism>(best, family);
    }

    /// <summary>The market's lowest value, min_c v_c: below it a reserve changes nothing.</summary>
    private static double LowestValue(ClassMarket market) => market.Classes.Min(c => c.Distribution.SupportLow);
}
