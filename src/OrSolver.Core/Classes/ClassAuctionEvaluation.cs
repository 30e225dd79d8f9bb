using OrSolver.Core.Distributions;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.Numerics;
using OrSolver.Core.Pareto;

namespace OrSolver.Core.Classes;

/// <summary>
/// A second-price auction the user names (one anonymous reserve, or one reserve per class) in a market of several classes,
/// evaluated two independent ways and compared with the frontier (method.md §13.2): by quadrature on the continuous
/// distributions (<see cref="AnonymousSecondPrice"/>: Π and U as run, each class's rent) and by its rules run on the grids,
/// each class's grid passing through the reserves and every class's kinks (<see cref="ClassMechanism.SecondPrice"/>), re-evaluated
/// two ways there; the gap between quadrature and grid is reported as the grids' discretisation error. The frontier is solved
/// by the cutting-plane LP at the grid auction's U, so the revenue left on the table is a difference of two grid values.
/// </summary>
public sealed class ClassAuctionEvaluation
{
    private ClassAuctionEvaluation(ClassProblem problem, AnonymousSecondPriceOutcome outcome, ClassMechanism mechanism, ClassAllocation onGrid,
        PointCheck check, CheckedPoint<ClassMechanism> frontier)
    {
        Problem = problem;
        Outcome = outcome;
        Mechanism = mechanism;
        OnGrid = onGrid;
        Check = check;
        Frontier = frontier;
    }

    /// <summary>The market on grids through the reserves.</summary>
    public ClassProblem Problem { get; }

    /// <summary>The auction by quadrature: Π and U as run, and each class's rent.</summary>
    public AnonymousSecondPriceOutcome Outcome { get; }

    /// <summary>The auction as a mechanism on the grids (its kind names it).</summary>
    public ClassMechanism Mechanism { get; }

    /// <summary>The auction run on the grids: Π and U in the frontier's convention (every class's lowest type at zero
    /// utility, so rents charged as entry fees).</summary>
    public ClassAllocation OnGrid { get; }

    /// <summary>The auction on the grids re-evaluated two ways (its rules, and the allocation routine of the Lagrangian solver
    /// on the same score steps), route <see cref="ClassCheckRoutes.AuctionAllocation"/>.</summary>
    public PointCheck Check { get; }

    /// <summary>The largest gap between the auction by quadrature (Π with rents charged, U net of rents) and on the grids,
    /// relative to OPT: the grids' discretisation error for this auction (it shrinks with the grid, at second order where
    /// no cell of one class straddles a kink of another, more slowly and unevenly where cells of different classes overlap
    /// in value). Informative: the frontier comparison is made on the grids.</summary>
    public double DiscretisationGap { get; init; }

    /// <summary>The frontier at the grid auction's U, solved by the LP and checked.</summary>
    public CheckedPoint<ClassMechanism> Frontier { get; }

    /// <summary>The frontier's Π at the auction's U less the auction's Π on the grid, both with every lowest type at zero
    /// utility. Range: ≥ 0 up to the solver tolerance.</summary>
    public double RevenueLeftOnTable => Frontier.Revenue - OnGrid.Revenue;

    /// <summary>Evaluates the second-price auction with reserves <paramref name="reserves"/> (one per class).</summary>
    public static ClassAuctionEvaluation Run(ClassMarket market, int grid, IReadOnlyList<double> reserves, ILinearSolver solver)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(reserves);
        ArgumentNullException.ThrowIfNull(solver);
        if (reserves.Count != market.Count) throw new InputException($"give one reserve per class ({market.Count}), got {reserves.Count}");
        var outcome = AnonymousSecondPrice.Evaluate(market, reserves);
        // Every class's grid passes through every reserve and every class's support ends and kinks: where one class's values
        // begin, end or bend, another's cell straddling that value would be ranked as a whole, an error of first order.
        var values = reserves.Concat(market.Classes.SelectMany(c => ValueSpace.Kinks(c.Distribution)
            .Concat([c.Distribution.SupportLow, c.Distribution.SupportHigh]))).Where(double.IsFinite).Distinct().ToList();
        var problem = new ClassProblem(market.Discretise(new ClassOptions { Grid = grid }.Grid, [.. reserves.Select(_ => (IReadOnlyList<double>)values)]));
        var mechanism = ClassMechanism.SecondPrice(problem.Grids, reserves);
        var onGrid = mechanism.Evaluate();
        // The auction on the grids two ways: its rules by binomial convolution of tie counts, and the solver's allocation
        // routine on the same score steps; they must agree to the solver tolerance.
        var bySolver = mechanism.EvaluateBySolver();
        double opt = problem.OptimalWelfare;
        double revenueGap = Math.Abs(bySolver.Revenue - onGrid.Revenue), surplusGap = Math.Abs(bySolver.Surplus - onGrid.Surplus);
        double worst = Math.Max(revenueGap, surplusGap) / opt;
        bool agrees = worst <= Tolerances.SolverAgreement.Relative;
        var check = new PointCheck(ClassCheckRoutes.AuctionAllocation, double.NaN, null, revenueGap, surplusGap, worst, agrees,
            agrees ? null : $"the auction's rules give (Π, U) = ({onGrid.Revenue:G12}, {onGrid.Surplus:G12}), the allocation routine ({bySolver.Revenue:G12}, {bySolver.Surplus:G12})");
        double discretisation = Math.Max(Math.Abs(outcome.RevenueWithRentsCharged - onGrid.Revenue), Math.Abs(outcome.SurplusNetOfRents - onGrid.Surplus)) / opt;
        var frontier = ClassAnalysis.ExactFrontier(problem);
        using var lp = new ClassFrontierSolver(problem, solver);
        var point = ClassAnalysis.CheckSolve(problem, frontier, PointRole.Sample, lp.Solve(Math.Min(onGrid.Surplus, problem.OptimalSurplus)));
        return new ClassAuctionEvaluation(problem, outcome, mechanism, onGrid, check, point) { DiscretisationGap = discretisation };
    }
}
