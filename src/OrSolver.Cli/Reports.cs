using System.Globalization;
using CsvHelper;
using OrSolver.Core.Mechanisms;
using OrSolver.Core.Frontier;
using OrSolver.Core.Grid;

namespace OrSolver.Cli;

/// <summary>(Π, U, W) as printed.</summary>
internal sealed record PointReport(double Revenue, double Surplus, double Welfare)
{
    public static PointReport Of(InterimAllocation allocation) => new(allocation.Revenue, allocation.Surplus, allocation.Welfare);
}

/// <summary>The JSON of <c>inspect</c>: exactly the fields issue 2 names.</summary>
internal sealed record InspectReport(string Distribution, long Buyers, bool Regular, bool Mhr, bool AntiMhr, double Mean,
    double MonopolyReserve, double MonopolyQuantile, double OptimalWelfare, PointReport RevenueOptimal,
    PointReport SurplusOptimal, PointReport SecondPrice)
{
    public static InspectReport Of(FrontierProblem problem)
    {
        var shape = ShapeClassification.Classify(problem.Discretised);
        var f = problem.Market.Distribution;
        return new InspectReport(f.Spec, problem.Market.Buyers, shape.Regular, shape.MonotoneHazardRate, shape.AntiMonotoneHazardRate,
            f.Mean, problem.Monopoly.Reserve, problem.Monopoly.Quantile, problem.OptimalWelfare,
            PointReport.Of(problem.RevenueOptimal.Allocation), PointReport.Of(problem.SurplusOptimal.Allocation),
            PointReport.Of(problem.SecondPrice));
    }
}

/// <summary>A mechanism as printed: kind, reserve price and quantile, the value intervals removed from the bid space,
/// and for a randomisation its two components (reserve and quantile are then null).</summary>
internal sealed record MechanismReport(string Kind, double? Reserve, double? ReserveQuantile, double[][] BidSpaceGaps, ComponentReport[] Components)
{
    public static MechanismReport Of(RecoveredMechanism mechanism)
    {
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
        => string.Join(";", report.BidSpaceGaps.Select(g => $"{Number(g[0])}:{Number(g[1])}"));

    private static string Number(double? value) => value is { } v ? v.ToString("G8", CultureInfo.InvariantCulture) : "";
}

/// <summary>One component of a randomisation.</summary>
internal sealed record ComponentReport(double Probability, MechanismReport Mechanism);

/// <summary>The check of a point: LP versus hull versus the re-evaluated auction (issue 3).</summary>
internal sealed record CheckReport(double LambdaHull, double MaxAllocationGap, double RevenueGap, double SurplusGap, bool Agrees, string? Failure)
{
    public static CheckReport Of(DualityCheck check) => new(check.LambdaHull, check.MaxAllocationGap, check.RevenueGap, check.SurplusGap, check.Agrees, check.Failure);
}

/// <summary>One bargaining solution as printed (issue 4).</summary>
internal sealed record BargainingReport(double Revenue, double Surplus, double Welfare, double WelfareRatio, MechanismReport Mechanism)
{
    public static BargainingReport Of(OrSolver.Core.Bargaining.BargainingSolution solution)
        => new(solution.Revenue, solution.Surplus, solution.Welfare, solution.WelfareRatio, MechanismReport.Of(solution.Mechanism));
}

/// <summary>The JSON of <c>bargain</c>: exactly the fields issue 4 names.</summary>
internal sealed record BargainReport(string Distribution, long Buyers, double OptimalWelfare, PointReport RevenueOptimal, PointReport SurplusOptimal,
    BargainingReport KalaiSmorodinsky, BargainingReport Nash, BargainingReport CrossSideNash)
{
    public static BargainReport Of(FrontierProblem problem, OrSolver.Core.Bargaining.BargainingSolutions solutions)
        => new(problem.Market.Distribution.Spec, problem.Market.Buyers, problem.OptimalWelfare,
            PointReport.Of(problem.RevenueOptimal.Allocation), PointReport.Of(problem.SurplusOptimal.Allocation),
            BargainingReport.Of(solutions.KalaiSmorodinsky), BargainingReport.Of(solutions.Nash), BargainingReport.Of(solutions.CrossSideNash));
}

/// <summary>The JSON of <c>solve</c>.</summary>
internal sealed record SolveReport(string Status, double Revenue, double Surplus, double Welfare, double Lambda, MechanismReport Mechanism, CheckReport Check)
{
    public static SolveReport Of(SurplusSolve solve, PointAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var p = solve.Point;
        return new SolveReport(StatusWord(solve.Status), p.Revenue, p.Surplus, p.Welfare, solve.Lambda,
            MechanismReport.Of(analysis.Mechanism), CheckReport.Of(analysis.Check));
    }

    public static string StatusWord(OrSolver.Core.Program.SolveStatus status) => status switch
    {
        OrSolver.Core.Program.SolveStatus.Optimal => "optimal",
        OrSolver.Core.Program.SolveStatus.Infeasible => "infeasible",
        OrSolver.Core.Program.SolveStatus.Unbounded => "unbounded",
        OrSolver.Core.Program.SolveStatus.NumericalFailure => "numerical-failure",
        OrSolver.Core.Program.SolveStatus.ModelInvalid => "model-invalid",
        _ => "not-solved",
    };
}

/// <summary>One row of <c>frontier</c>'s CSV: <c>surplus,revenue,welfare,lambda,kind,reserve,gaps,extreme,solution</c>.
/// The P sampled points have <c>extreme</c> false; every vertex of the exact frontier follows as a row with
/// <c>extreme</c> true (a sample that falls on a vertex appears in both), and the three bargaining solutions as rows
/// whose <c>solution</c> is <c>kalai-smorodinsky</c>, <c>nash</c> or <c>cross-side-nash</c> (issue 4; empty on
/// every other row). For a randomisation, <c>reserve</c> and
/// <c>gaps</c> list the two components' separated by " | "; gaps are "low:high" value intervals joined by ";".</summary>
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
    [property: CsvColumn("solution")] string Solution = "")
{
    /// <summary>The mechanism in words, for tables (not a CSV column).</summary>
    [CsvIgnore]
    public string Description { get; init; } = "";

    public static FrontierRow Of(double surplus, double revenue, double lambda, RecoveredMechanism mechanism, bool extreme)
    {
        var report = MechanismReport.Of(mechanism);
        var parts = report.Components.Length > 0 ? [.. report.Components.Select(c => c.Mechanism)] : new[] { report };
        string reserve = string.Join(" | ", parts.Select(p => p.Reserve?.ToString("R", CultureInfo.InvariantCulture) ?? ""));
        string gaps = string.Join(" | ", parts.Select(MechanismReport.Gaps));
        return new FrontierRow(surplus, revenue, revenue + surplus, lambda, report.Kind, reserve, gaps, extreme) { Description = report.Describe() };
    }
}
