using OrSolver.Core.LinearProgramming;
using OrSolver.Core.Mechanisms;
using OrSolver.Core.Numerics;
using OrSolver.Core.Pareto;

namespace OrSolver.Core.Auctions;

/// <summary>
/// An indirect Vickrey auction the user names by its reserve and bid-space gaps, run on the grid and set against the
/// frontier at the same surplus: how much revenue it leaves on the table. Everything reported is checked: the auction's
/// values from its rules against its grid allocation (<see cref="CheckRoutes.AuctionAllocation"/>), the frontier point
/// at its U by the LP route, and that the frontier is not below the auction (every grid auction is a point of the
/// program, so the frontier dominates it).
/// </summary>
/// <param name="Problem">The market on a grid that has the reserve and the gap ends as grid points.</param>
/// <param name="Mechanism">The auction as run on the grid (bids are grid values).</param>
/// <param name="Outcome">Π and U from the auction's rules.</param>
/// <param name="Check">The auction's own check, combined with the dominance check.</param>
/// <param name="Frontier">The frontier's point at the auction's U (the Myerson point when U is below it), LP-checked.</param>
public sealed record AuctionEvaluation(FrontierProblem Problem, RecoveredMechanism Mechanism, AuctionOutcome Outcome, PointCheck Check, CheckedPoint<RecoveredMechanism> Frontier)
{
    /// <summary>Frontier revenue minus the auction's at the same U. Range: ≥ 0 up to solver tolerance.</summary>
    public double RevenueLeftOnTable => Frontier.Revenue - Outcome.Revenue;

    /// <summary>Whether the auction's check and the frontier point's check both passed.</summary>
    public bool Agrees => Check.Agrees && Frontier.Check.Agrees;

    /// <summary>Evaluates the auction with reserve <paramref name="reserve"/> whose bid space excludes the open value
    /// intervals <paramref name="gaps"/>, on a grid of about <paramref name="gridSize"/> cells.</summary>
    /// <exception cref="InputException">A reserve that is negative, not finite or above every value.</exception>
    public static AuctionEvaluation Run(Market market, int? gridSize, double reserve, IReadOnlyList<BidSpaceGap> gaps, ILinearSolver solver)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(gaps);
        ArgumentNullException.ThrowIfNull(solver);
        if (!double.IsFinite(reserve) || reserve < 0) throw new InputException($"the reserve must be a finite number ≥ 0 (got {reserve})");
        var distribution = market.Distribution;
        // The reserve and the gap ends become grid points, so that the grid auction has exactly this bid space there.
        var cuts = new List<double> { reserve };
        foreach (var g in gaps) { cuts.Add(g.Low); cuts.Add(g.High); }
        var forced = cuts.SelectMany(v => new[] { distribution.SurvivalInclusive(v), distribution.Survival(v) }).Where(q => q > 0 && q < 1);
        var problem = new FrontierProblem(market, gridSize, forced);
        var discretised = problem.Discretised;

        // Bid points: the grid points whose value is an allowed bid, one per distinct value (the highest quantile of an atom,
        // where X meets X̂ after every buyer with that value). Decided in quantiles, which the cuts put exactly on the grid:
        // v(q) ≥ r ⇔ q ≤ P(v ≥ r), and low < v(q) < high ⇔ P(v ≥ high) < q < P(v > low). Comparing values instead would
        // drop the reserve's own grid point whenever v(q_r) rounds an ulp below r, moving the reserve up by a cell.
        double reserveQuantile = distribution.SurvivalInclusive(reserve);
        var gapQuantiles = gaps.Select(g => (Above: distribution.SurvivalInclusive(g.High), Below: distribution.Survival(g.Low))).ToList();
        var bidPoints = new List<int>();
        double last = double.NaN;
        for (int k = discretised.Cells; k >= 1; k--)
        {
            double q = discretised.Grid[k], bid = discretised.Value(k);
            if (q > reserveQuantile || gapQuantiles.Any(g => q > g.Above && q < g.Below)) continue;
            if (bidPoints.Count == 0 || bid > last) { bidPoints.Add(k); last = bid; }
        }
        if (bidPoints.Count == 0) throw new InputException($"the reserve {reserve:G8} is above every value of {distribution.Spec}");
        var mechanism = MechanismRecovery.FromBidPoints(discretised, bidPoints);
        var (outcome, check) = DualityChecker.CheckMechanism(mechanism, discretised);

        using var lp = new FrontierSolver(problem, solver);
        var frontier = AuctionPoints.FromSolve(PointRole.Sample, lp.Solve(Math.Min(outcome.Surplus, problem.OptimalSurplus)), s => DualityChecker.Analyse(s, discretised));
        if (!double.IsNaN(frontier.Revenue) && !Tolerances.SolverAgreement.AtScale(problem.OptimalWelfare).AtMost(outcome.Revenue, frontier.Revenue))
        {
            check = check.Combine(check with
            {
                Agrees = false,
                Failure = $"the auction's revenue {outcome.Revenue:G12} exceeds the frontier's {frontier.Revenue:G12} at the same U",
            });
        }
        return new AuctionEvaluation(problem, mechanism, outcome, check, frontier);
    }
}
