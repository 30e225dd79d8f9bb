using CsvHelper;
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

/// <summary>The JSON of <c>solve</c>.</summary>
internal sealed record SolveReport(string Status, double Revenue, double Surplus, double Welfare, double Lambda)
{
    public static SolveReport Of(SurplusSolve solve)
    {
        var p = solve.Point;
        return new SolveReport(StatusWord(solve.Status), p.Revenue, p.Surplus, p.Welfare, solve.Lambda);
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

/// <summary>One row of <c>frontier</c>'s CSV: <c>surplus,revenue,welfare,lambda</c>.</summary>
[CsvRecord]
internal sealed partial record FrontierRow(
    [property: CsvColumn("surplus")] double Surplus,
    [property: CsvColumn("revenue")] double Revenue,
    [property: CsvColumn("welfare")] double Welfare,
    [property: CsvColumn("lambda")] double Lambda)
{
    public static FrontierRow Of(SurplusSolve solve)
    {
        var p = solve.Point;
        return new FrontierRow(p.Surplus, p.Revenue, p.Welfare, solve.Lambda);
    }
}
