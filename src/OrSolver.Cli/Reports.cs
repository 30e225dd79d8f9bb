using System.Globalization;
using CsvHelper;
using OrSolver.Core.Bargaining;
using OrSolver.Core.Frontier;
using OrSolver.Core.Grid;
using OrSolver.Core.Mechanisms;

namespace OrSolver.Cli;

/// <summary>The printed records of every command, with the names their JSON and CSV fields carry.</summary>
internal static class Reports
{
    /// <summary>The printed name of a point's role: <c>kalai-smorodinsky</c>, <c>nash</c>, <c>cross-side-nash</c>,
    /// <c>revenue-optimal</c>, <c>second-price</c>, <c>surplus-optimal</c>, <c>vertex</c> or <c>sample</c>.</summary>
    public static string RoleName(PointRole role) => role switch
    {
        PointRole.Sample => "sample",
        PointRole.Vertex => "vertex",
        PointRole.RevenueOptimal => "revenue-optimal",
        PointRole.SecondPrice => "second-price",
        PointRole.SurplusOptimal => "surplus-optimal",
        PointRole.KalaiSmorodinsky => "kalai-smorodinsky",
        PointRole.Nash => "nash",
        PointRole.CrossSideNash => "cross-side-nash",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

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
        return new(check.RouteName, check.Agrees, check.WorstGap, Reports.Finite(check.LambdaHull), check.LambdaLp, check.MaxAllocationGap,
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
    public static PointReport Of(CheckedPoint point)
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
    public static InspectReport Of(FrontierProblem problem, IReadOnlyList<CheckedPoint> landmarks)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(landmarks);
        var shape = ShapeClassification.Classify(problem.Discretised);
        var f = problem.Market.Distribution;
        PointReport Landmark(PointRole role) => PointReport.Of(landmarks.Single(p => p.Role == role));
        return new InspectReport(f.Spec, problem.Market.Buyers, shape.Regular, shape.MonotoneHazardRate, shape.AntiMonotoneHazardRate,
            f.Mean, problem.Monopoly.Reserve, problem.Monopoly.Quantile, problem.OptimalWelfare,
            Landmark(PointRole.RevenueOptimal), Landmark(PointRole.SurplusOptimal), Landmark(PointRole.SecondPrice));
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
            [.. mechanism.Components.Select(c => new ComponentReport(c.Probability, Of(c.Mechanism)))]);
    }

    /// <summary>One-line description for tables and CSV: the kind, the reserve and the gaps; components joined by " | ".</summary>
    public string Describe() => Components.Length > 0
        ? string.Join(" | ", Components.Select(c => $"{c.Probability.ToString("G6", CultureInfo.InvariantCulture)}×{c.Mechanism.Describe()}"))
        : $"{Kind} reserve {Number(Reserve)}{(BidSpaceGaps.Length == 0 ? "" : " gaps " + Gaps(this))}";

    /// <summary>The gaps as "low:high;low:high".</summary>
    public static string Gaps(MechanismReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return string.Join(";", report.BidSpaceGaps.Select(g => $"{Number(g[0])}:{Number(g[1])}"));
    }

    private static string Number(double? value) => value is { } v ? v.ToString("G8", CultureInfo.InvariantCulture) : "";
}

/// <summary>One component of a randomisation.</summary>
internal sealed record ComponentReport(double Probability, MechanismReport Mechanism);

/// <summary>One bargaining solution as printed.</summary>
internal sealed record BargainingReport(double Revenue, double Surplus, double Welfare, double WelfareRatio, MechanismReport Mechanism, CheckReport Check)
{
    public static BargainingReport Of(BargainingSolution solution, CheckedPoint point)
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
    public static BargainReport Of(BargainingAnalysis analysis, IReadOnlyList<CheckedPoint> landmarks)
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

/// <summary>One row of <c>frontier</c>'s CSV:
/// <c>surplus,revenue,welfare,lambda,kind,reserve,gaps,extreme,solution,check,agrees,worstGap,failure</c>.
/// The P sampled points have <c>extreme</c> false; every vertex of the exact frontier follows as a row with
/// <c>extreme</c> true (a sample that falls on a vertex appears in both), and the three bargaining solutions as rows
/// whose <c>solution</c> is <c>kalai-smorodinsky</c>, <c>nash</c> or <c>cross-side-nash</c> (empty on every other row).
/// For a randomisation, <c>reserve</c> and <c>gaps</c> list the two components' separated by " | "; gaps are
/// "low:high" value intervals joined by ";". <c>check</c> names the routes compared, <c>agrees</c> whether they agree,
/// <c>worstGap</c> the largest gap relative to OPT and <c>failure</c> what failed (empty when it agrees).</summary>
[CsvRecord]
internal sealed partial record FrontierRow(
    [property: CsvColumn("surplus")] double Surplus,
    [property: CsvColumn("revenue")] double Revenue,
    [property: CsvColumn("welfare")] double Welfare,
    [property: CsvColumn("lambda")] double Lambda,
    [property: CsvColumn("kind")] string Kind,
    [property: CsvColumn("reserve")] string Reserve,
    [property: CsvColumn("gaps")] string Gaps,
    [property: CsvColumn("extreme")] bool Extreme,
    [property: CsvColumn("solution")] string Solution,
    [property: CsvColumn("check")] string Check,
    [property: CsvColumn("agrees")] bool Agrees,
    [property: CsvColumn("worstGap")] double WorstGap,
    [property: CsvColumn("failure")] string Failure)
{
    /// <summary>The mechanism in words, for tables (not a CSV column).</summary>
    [CsvIgnore]
    public string Description { get; init; } = "";

    /// <summary>The row of a checked point.</summary>
    public static FrontierRow Of(CheckedPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        bool extreme = point.Role == PointRole.Vertex;
        string solution = point.Role is PointRole.KalaiSmorodinsky or PointRole.Nash or PointRole.CrossSideNash ? Reports.RoleName(point.Role) : "";
        string kind = "", reserve = "", gaps = "", description = "";
        if (point.Mechanism is { } mechanism)
        {
            var report = MechanismReport.Of(mechanism);
            var parts = report.Components.Length > 0 ? [.. report.Components.Select(c => c.Mechanism)] : new[] { report };
            kind = report.Kind;
            reserve = string.Join(" | ", parts.Select(p => p.Reserve?.ToString("R", CultureInfo.InvariantCulture) ?? ""));
            gaps = string.Join(" | ", parts.Select(MechanismReport.Gaps));
            description = report.Describe();
        }
        var check = point.Check;
        return new FrontierRow(point.Surplus, point.Revenue, point.Welfare, point.Lambda, kind, reserve, gaps, extreme, solution,
            check.RouteName, check.Agrees, check.WorstGap, check.Failure ?? "") { Description = description };
    }
}
