using System.Globalization;
using OrSolver.Core.Auctions;
using OrSolver.Core.Bargaining;
using OrSolver.Core.Discretisation;
using OrSolver.Core.Mechanisms;
using OrSolver.Core.Pareto;

namespace OrSolver.Cli;

/// <summary>The printed records of every command, with the names their JSON and CSV fields carry.</summary>
internal static class Reports
{
    /// <summary>NaN as null (JSON has no NaN); every other value as it is.</summary>
    public static double? Finite(double value) => double.IsNaN(value) ? null : value;
}

/// <summary>The check of a point as printed: the routes compared, whether they agree, the worst gap relative to OPT,
/// and the details (see <see cref="PointCheck"/>).</summary>
internal sealed record CheckReport(string Route, bool Agrees, double WorstGap, double? LambdaHull, double? LambdaLp, double? MaxAllocationGap,
    double? RevenueGap, double? SurplusGap, string? Failure)
{
    public static CheckReport Of(PointCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return new(check.Route, check.Agrees, check.WorstGap, Reports.Finite(check.LambdaHull), check.LambdaLp, check.MaxAllocationGap,
            Reports.Finite(check.RevenueGap), Reports.Finite(check.SurplusGap), check.Failure);
    }

    /// <summary>For tables: "ok 3.1E-15 (lp+hull+auction)" or "FAILED (route)".</summary>
    public string Describe() => Agrees
        ? $"ok {WorstGap.ToString("0.0E+0", CultureInfo.InvariantCulture)} ({Route})"
        : $"FAILED ({Route})";
}

/// <summary>(Π, U, W) as printed, with the point's check.</summary>
internal sealed record PointReport(double Revenue, double Surplus, double Welfare, CheckReport Check)
{
    public static PointReport Of(CheckedPoint<RecoveredMechanism> point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return new(point.Revenue, point.Surplus, point.Welfare, CheckReport.Of(point.Check));
    }
}

/// <summary>The JSON of <c>inspect</c>: the distribution's classes and the frontier's landmarks, each checked.</summary>
internal sealed record InspectReport(string Distribution, long Buyers, bool Regular, bool Mhr, bool AntiMhr, double Mean,
    double MonopolyReserve, double MonopolyQuantile, double OptimalWelfare, PointReport RevenueOptimal,
    PointReport SurplusOptimal, PointReport SecondPrice)
{
    /// <summary>The report of <paramref name="problem"/> with its landmarks checked
    /// (<see cref="FrontierAnalysis.CheckLandmarks"/>).</summary>
    public static InspectReport Of(FrontierProblem problem, IReadOnlyList<CheckedPoint<RecoveredMechanism>> landmarks)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(landmarks);
        var shape = ShapeClassification.Classify(problem.Discretised);
        var f = problem.Market.Distribution;
        PointReport Landmark(PointRole role) => PointReport.Of(landmarks.Single(p => p.Role == role));
        return new InspectReport(f.Spec, problem.Market.Buyers, shape.Regular, shape.MonotoneHazardRate, shape.AntiMonotoneHazardRate,
            f.Mean, problem.Monopoly.Reserve, problem.Monopoly.Quantile, problem.OptimalWelfare,
            Landmark(PointRole.RevenueOptimal), Landmark(PointRole.SurplusOptimal), Landmark(AuctionPoints.SecondPrice));
    }
}

/// <summary>A mechanism as printed: kind, reserve price and quantile, the value intervals removed from the bid space,
/// and for a randomisation its two components (reserve and quantile are then null).</summary>
internal sealed record MechanismReport(string Kind, double? Reserve, double? ReserveQuantile, double[][] BidSpaceGaps, ComponentReport[] Components)
{
    public static MechanismReport Of(RecoveredMechanism mechanism)
    {
        ArgumentNullException.ThrowIfNull(mechanism);
        bool mixed = mechanism.Kind == MechanismKind.Randomization;
        return new MechanismReport(mechanism.KindName, mixed ? null : mechanism.Reserve, mixed ? null : mechanism.ReserveQuantile,
            [.. mechanism.Gaps.Select(g => new[] { g.Low, g.High })],
            [.. mechanism.Components.Select(c => new ComponentReport(c.Probability, Of(c.Mechanism)))]) { Description = mechanism.Describe() };
    }

    /// <summary>The mechanism in one line (<see cref="RecoveredMechanism.Describe"/>), for tables; not a JSON field.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Description { get; init; } = "";
}

/// <summary>One component of a randomisation.</summary>
internal sealed record ComponentReport(double Probability, MechanismReport Mechanism);

/// <summary>One bargaining solution as printed.</summary>
internal sealed record BargainingReport(double Revenue, double Surplus, double Welfare, double WelfareRatio, MechanismReport Mechanism, CheckReport Check)
{
    public static BargainingReport Of(BargainingSolution solution, CheckedPoint<RecoveredMechanism> point)
    {
        ArgumentNullException.ThrowIfNull(solution);
        ArgumentNullException.ThrowIfNull(point);
        return new(solution.Revenue, solution.Surplus, solution.Welfare, solution.WelfareRatio, MechanismReport.Of(solution.Mechanism), CheckReport.Of(point.Check));
    }
}

/// <summary>The JSON of <c>bargain</c>: the market, its landmarks and the three solutions, each checked.</summary>
internal sealed record BargainReport(string Distribution, long Buyers, double OptimalWelfare, PointReport RevenueOptimal, PointReport SurplusOptimal,
    BargainingReport KalaiSmorodinsky, BargainingReport Nash, BargainingReport CrossSideNash)
{
    public static BargainReport Of(BargainingAnalysis analysis, IReadOnlyList<CheckedPoint<RecoveredMechanism>> landmarks)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(landmarks);
        var problem = analysis.Problem;
        var s = analysis.Solutions;
        BargainingReport Solution(BargainingSolution solution, PointRole role) => BargainingReport.Of(solution, analysis.Points.Single(p => p.Role == role));
        return new(problem.Market.Distribution.Spec, problem.Market.Buyers, problem.OptimalWelfare,
            PointReport.Of(landmarks.Single(p => p.Role == PointRole.RevenueOptimal)), PointReport.Of(landmarks.Single(p => p.Role == PointRole.SurplusOptimal)),
            Solution(s.KalaiSmorodinsky, PointRole.KalaiSmorodinsky), Solution(s.Nash, PointRole.Nash), Solution(s.CrossSideNash, PointRole.CrossSideNash));
    }
}

/// <summary>The JSON of <c>solve</c>.</summary>
internal sealed record SolveReport(string Status, double Revenue, double Surplus, double Welfare, double? Lambda, MechanismReport Mechanism, CheckReport Check)
{
    public static SolveReport Of(SurplusSolve solve, PointAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(solve);
        ArgumentNullException.ThrowIfNull(analysis);
        var p = solve.Point;
        return new SolveReport(StatusWords.Of(solve.Status), p.Revenue, p.Surplus, p.Welfare, Reports.Finite(analysis.Check.LambdaHull),
            MechanismReport.Of(analysis.Mechanism), CheckReport.Of(analysis.Check));
    }
}

/// <summary>The JSON of <c>evaluate</c>: the auction as run on the grid, its values and check, and the frontier at its
/// surplus with that point's check.</summary>
internal sealed record EvaluateReport(double Reserve, double[][] BidSpaceGaps, double Revenue, double Surplus, double Welfare,
    double FrontierRevenue, double RevenueLeftOnTable, double? Lambda, CheckReport Check, CheckReport FrontierCheck)
{
    public static EvaluateReport Of(AuctionEvaluation evaluation, IReadOnlyList<BidSpaceGap> gaps)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(gaps);
        var o = evaluation.Outcome;
        return new EvaluateReport(evaluation.Mechanism.Reserve, [.. gaps.Select(g => new[] { g.Low, g.High })], o.Revenue, o.Surplus, o.Welfare,
            evaluation.Frontier.Revenue, evaluation.RevenueLeftOnTable, Reports.Finite(evaluation.Frontier.Lambda),
            CheckReport.Of(evaluation.Check), CheckReport.Of(evaluation.Frontier.Check));
    }
}
