using OrSolver.Core.Characterization;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.Mechanisms;
using OrSolver.Core.Pareto;

namespace OrSolver.Core.Auctions;

/// <summary>
/// The three bargaining solutions of a market on a grid refined around them, each verified: an LP is solved at the
/// solution's U and compared with the hull and with the solution's mechanism re-evaluated from its auction rules
/// (<see cref="CheckRoutes.LpHullAuction"/>), or, when the grid asked for has more than <see cref="FrontierSolver.SimplexCellLimit"/> cells, the
/// solution is certified for the LP by weak duality (<see cref="CheckRoutes.CertificateHullAuction"/>). The one entry
/// point for bargaining.
/// </summary>
/// <param name="Problem">The refined discretised market the solutions are exact on.</param>
/// <param name="Solutions">KS, Nash and cross-side Nash.</param>
/// <param name="Points">The three solutions as checked points, in the order KS, Nash, cross-side Nash.</param>
public sealed record BargainingAnalysis(FrontierProblem Problem, BargainingSolutions Solutions, IReadOnlyList<CheckedPoint<RecoveredMechanism>> Points)
{
    /// <summary>The solutions whose check failed (none when everything agrees).</summary>
    public IReadOnlyList<CheckedPoint<RecoveredMechanism>> Failures => [.. Points.Where(p => !p.Check.Agrees)];

    /// <summary>Solves (<see cref="AuctionBargaining.SolveRefined(FrontierProblem, int?, ILinearSolver?)"/>) and verifies the bargaining solutions of <paramref name="market"/>.</summary>
    public static BargainingAnalysis Run(Market market, int? gridSize, ILinearSolver solver)
    {
        ArgumentNullException.ThrowIfNull(solver);
        ArgumentNullException.ThrowIfNull(market);
        // The grid asked for decides (refinement adds a few hundred points around the solutions).
        var first = new FrontierProblem(market, gridSize);
        bool simplex = first.Discretised.Cells <= FrontierSolver.SimplexCellLimit;
        var (problem, solutions) = AuctionBargaining.SolveRefined(first, gridSize, simplex ? solver : null);
        if (!simplex) return new BargainingAnalysis(problem, solutions, Certify(solutions, BorderProgram.Build(problem.Discretised)));
        using var lp = new FrontierSolver(problem, solver);
        return new BargainingAnalysis(problem, solutions, Verify(solutions, lp, null));
    }

    /// <summary>Each solution's hull point certified optimal for <paramref name="program"/> by weak duality and its mechanism
    /// re-evaluated from its auction rules (<see cref="CheckRoutes.CertificateHullAuction"/>): the check on grids above
    /// <see cref="FrontierSolver.SimplexCellLimit"/> cells, where a cold simplex solve per solution takes seconds to minutes.
    /// In the order KS, Nash, cross-side Nash.</summary>
    public static IReadOnlyList<CheckedPoint<RecoveredMechanism>> Certify(BargainingSolutions solutions, BorderProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return ByHull(solutions, program.Market, program);
    }

    /// <summary>Each solution as a point checked by an LP solved at its U on <paramref name="lp"/>'s program, against the
    /// hull (<paramref name="frontier"/> when the vertex list is at hand, else a parametric search).</summary>
    public static IReadOnlyList<CheckedPoint<RecoveredMechanism>> Verify(BargainingSolutions solutions, FrontierSolver lp, ExactVertices? frontier)
    {
        ArgumentNullException.ThrowIfNull(solutions);
        ArgumentNullException.ThrowIfNull(lp);
        var market = lp.Problem.Discretised;
        // Solved in increasing U, so that each warm start moves the floor least (a cold dual simplex on a refined grid
        // costs seconds, a nearby warm one milliseconds); reported in the order KS, Nash, cross-side Nash.
        var points = AuctionBargaining.Points(solutions);
        var checkedPoints = new Dictionary<PointRole, CheckedPoint<RecoveredMechanism>>();
        foreach (var p in points.OrderBy(p => p.Solution.Surplus))
            checkedPoints[p.Role] = Verify(p.Role, p.Solution, lp.Solve(p.Solution.Surplus),
                s => frontier is null ? DualityChecker.Analyse(s, market) : DualityChecker.Analyse(s, frontier));
        return [.. points.Select(p => checkedPoints[p.Role])];
    }

    /// <summary>The cheaper check of each solution, without an LP (<see cref="CheckRoutes.HullAuction"/>): its mechanism
    /// re-evaluated from its auction rules against its hull point, and its allocation against Border, monotonicity and
    /// x ≥ 0 (method.md §5.7). For studies over many markets, where an LP per solution would dominate the cost; in the
    /// order KS, Nash, cross-side Nash.</summary>
    public static IReadOnlyList<PointCheck> CheckByHull(BargainingSolutions solutions, Discretisation.DiscretisedMarket market)
    {
        ArgumentNullException.ThrowIfNull(market);
        return [.. ByHull(solutions, market, null).Select(p => p.Check)];
    }

    /// <summary>Each solution at its own (Π, U) and mechanism with the hull route's check, certified for
    /// <paramref name="program"/> when it is given (<see cref="DualityChecker.AnalyseHullPoint"/>).</summary>
    private static IReadOnlyList<CheckedPoint<RecoveredMechanism>> ByHull(BargainingSolutions solutions, Discretisation.DiscretisedMarket market, BorderProgram? program)
    {
        ArgumentNullException.ThrowIfNull(solutions);
        return [.. AuctionBargaining.Points(solutions).Select(p => new CheckedPoint<RecoveredMechanism>(p.Role, p.Solution.Surplus, p.Solution.Revenue,
            p.Solution.Location.Lambda, p.Solution.Mechanism, DualityChecker.AnalyseHullPoint(p.Solution.Location, p.Solution.Surplus, market, program).Check))];
    }

    /// <summary>The solution's own (Π, U) and mechanism, with the LP's check, and the solution's point compared with the
    /// LP's at the same floor.</summary>
    private static CheckedPoint<RecoveredMechanism> Verify(PointRole role, BargainingSolution solution, SurplusSolve solve, Func<SurplusSolve, PointAnalysis> analyse)
    {
        var checkedSolve = AuctionPoints.FromSolve(role, solve, analyse);
        var point = new CheckedPoint<RecoveredMechanism>(role, solution.Surplus, solution.Revenue, checkedSolve.Lambda, solution.Mechanism, checkedSolve.Check);
        if (double.IsNaN(checkedSolve.Revenue)) return point;
        var values = Numerics.Tolerances.SolverAgreement.AtScale(solution.OptimalWelfare);
        var failures = new List<string>();
        if (!values.Close(solution.Revenue, checkedSolve.Revenue)) failures.Add($"solution revenue {solution.Revenue:G12} vs LP {checkedSolve.Revenue:G12}");
        if (!values.Close(solution.Surplus, checkedSolve.Surplus)) failures.Add($"solution surplus {solution.Surplus:G12} vs LP {checkedSolve.Surplus:G12}");
        double revenueGap = Math.Abs(solution.Revenue - checkedSolve.Revenue), surplusGap = Math.Abs(solution.Surplus - checkedSolve.Surplus);
        var own = new PointCheck(CheckRoutes.LpHullAuction, checkedSolve.Check.LambdaHull, null, revenueGap, surplusGap,
            Math.Max(revenueGap, surplusGap) / solution.OptimalWelfare, failures.Count == 0, failures.Count == 0 ? null : string.Join("; ", failures));
        return point with { Check = point.Check.Combine(own) };
    }
}
