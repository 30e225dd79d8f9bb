using OrSolver.Core.Auctions;
using OrSolver.Core.Discretisation;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.Mechanisms;
using OrSolver.Core.Pareto;

namespace OrSolver.Core.Sweeps;

/// <summary>
/// One row of a sweep: what <c>orsolver bargain</c> and <c>inspect</c> report for one market, as one row. The three
/// bargaining solutions come from <see cref="AuctionBargaining.SolveRefined(Market, int?, ILinearSolver)"/> (on a grid refined around them), each
/// checked as <see cref="SweepVerification"/> says (by its mechanism re-evaluated from its rules against its hull point,
/// or as <see cref="BargainingAnalysis.Run"/> checks it, by an LP too); the landmarks from
/// <see cref="FrontierAnalysis.CheckLandmarks"/> on the same refined grid (each against its auction re-evaluated from the
/// rules), F's classes from <see cref="ShapeClassification"/> on that grid, and the revenue at each asked surplus level
/// from an LP on that grid, checked as <c>solve</c> checks it.
/// </summary>
public static class SweepComputation
{
    /// <summary>The row of <paramref name="market"/>: every number with its check, the checks summarised in the row.</summary>
    /// <exception cref="InputException">A surplus level is above U*.</exception>
    public static SweepResult Compute(SweepMarket market, ILinearSolver solver)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(solver);
        FrontierProblem problem;
        BargainingSolutions s;
        IReadOnlyList<CheckedPoint<RecoveredMechanism>> bargaining;
        if (market.Verify == SweepVerification.Lp)
        {
            var analysis = BargainingAnalysis.Run(market.Market, market.Grid, solver);
            (problem, s, bargaining) = (analysis.Problem, analysis.Solutions, analysis.Points);
        }
        else
        {
            (problem, s) = AuctionBargaining.SolveRefined(market.Market, market.Grid, solver);
            bargaining = BargainingAnalysis.Certify(s, BorderProgram.Build(problem.Discretised));
        }
        var landmarks = FrontierAnalysis.CheckLandmarks(problem);
        var shape = ShapeClassification.Classify(problem.Discretised);
        var levels = FrontierRevenue(problem, market.Surplus, solver);
        var check = CheckSummary.Of(landmarks.Concat(bargaining).Concat(levels));
        CheckedPoint<RecoveredMechanism> Landmark(PointRole role) => landmarks.Single(p => p.Role == role);
        var myerson = Landmark(PointRole.RevenueOptimal);
        var secondPrice = Landmark(AuctionPoints.SecondPrice);
        var buyerOptimal = Landmark(PointRole.SurplusOptimal);
        return new SweepResult(shape.Regular, shape.MonotoneHazardRate, shape.AntiMonotoneHazardRate, problem.OptimalWelfare,
            myerson.Revenue, myerson.Surplus, secondPrice.Revenue, secondPrice.Surplus, buyerOptimal.Surplus, buyerOptimal.Revenue,
            Solution(s.KalaiSmorodinsky), Solution(s.Nash), Solution(s.CrossSideNash), [.. levels.Select(p => p.Revenue)],
            check.Check, check.Agrees, check.WorstGap, check.Failure);
    }

    /// <summary>The row of <paramref name="row"/>: its result, or the error that stopped it (a bad row never stops a
    /// sweep: its error goes into its own row).</summary>
    public static SweepRow Run(SweepCase row, SweepSettings settings, string? baseDirectory, ILinearSolver solver)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(settings);
        SweepMarket market;
        try
        {
            market = row.Resolve(settings, baseDirectory);
        }
        catch (InputException e)
        {
            return new SweepRow(row.Row, row.AsGiven(settings), null, e.Message);
        }
        return Run(market, solver);
    }

    /// <summary>The row of a resolved market: its result, or the error that stopped it.</summary>
    public static SweepRow Run(SweepMarket market, ILinearSolver solver)
    {
        ArgumentNullException.ThrowIfNull(market);
        try
        {
            return new SweepRow(market.Row, market.Input, Compute(market, solver), null);
        }
        catch (InputException e)
        {
            return new SweepRow(market.Row, market.Input, null, e.Message);
        }
#pragma warning disable CA1031 // One market's bug must not stop thousands of others: it is reported in its row as an internal error.
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new SweepRow(market.Row, market.Input, null, $"internal error: {e.GetType().Name}: {e.Message}");
        }
#pragma warning restore CA1031
    }

    /// <summary>max Π s.t. U ≥ U₀ at each level, each checked by the LP route (<c>solve</c>'s check). Solved in increasing
    /// U so that each warm start moves the floor least; returned in the order asked.</summary>
    private static CheckedPoint<RecoveredMechanism>[] FrontierRevenue(FrontierProblem problem, IReadOnlyList<double> levels, ILinearSolver solver)
    {
        if (levels.Count == 0) return [];
        using var lp = new FrontierSolver(problem, solver);
        var points = new CheckedPoint<RecoveredMechanism>[levels.Count];
        foreach (int i in Enumerable.Range(0, levels.Count).OrderBy(i => levels[i]))
            points[i] = AuctionPoints.FromSolve(PointRole.Sample, lp.Solve(levels[i]), s => DualityChecker.Analyse(s, problem.Discretised));
        return points;
    }

    private static SweepSolution Solution(BargainingSolution solution)
        => new(solution.Revenue, solution.Surplus, solution.WelfareRatio, solution.Mechanism.Describe());
}
