using System.CommandLine;
using OrSolver.Core.Auctions;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.Mechanisms;
using OrSolver.Core.Pareto;
using OrSolver.Plots;

namespace OrSolver.Cli;

/// <summary><c>orsolver solve --surplus U</c>: maximum revenue subject to the buyers' surplus being at least U, the
/// mechanism behind it and its full check (LP, hull, re-evaluated auction).</summary>
internal static class SolveCommand
{
    public static Command Create(CliContext context)
    {
        var options = new CommonOptions();
        var surplus = new Option<double>("--surplus") { Description = "U₀: the buyers' surplus to guarantee.", Required = true };
        var plot = PlotOption.Create();
        var command = new Command("solve", "Maximum revenue subject to buyers' surplus ≥ U.");
        options.AddTo(command);
        command.Add(surplus);
        command.Add(plot);
        command.SetAction(parse => context.Run(() => Run(options.Resolve(parse), parse.GetValue(surplus), parse.GetValue(plot), context)));
        return command;
    }

    private static int Run(Request request, double surplus, bool plot, CliContext context)
    {
        var problem = new FrontierProblem(request.Market, request.Grid);
        using var solver = new FrontierSolver(problem, context.NewSolver());
        var solve = solver.Solve(surplus);
        if (solve.Status != SolveStatus.Optimal)
            throw new SolverFailureException(AuctionPoints.WhyNotSolved(solve));
        var analysis = DualityChecker.Analyse(solve, problem.Discretised);
        var report = SolveReport.Of(solve, analysis);
        CliOutput.Print(request, "solve.json", report, context.Output, console => Tables.Solve(console, report));
        // Notes after the result: a failure to write --out must stay the only line on stderr.
        if (solve.Note is not null) context.Error.WriteLine($"orsolver: {solve.Note}");
        if (plot && solve.Allocation is { } allocation)
        {
            double lambda = double.IsNaN(analysis.Check.LambdaHull) ? solve.Lambda : analysis.Check.LambdaHull;
            CliOutput.PlotFiles(request, context.Output,
                ("allocation", Figures.Allocation(allocation, analysis.Mechanism, $"Allocation at U ≥ {surplus:G6}: {request.Distribution.Spec}, n = {request.Buyers}")),
                ("mixed-curve", Figures.MixedCurve(problem.Discretised, lambda)));
        }
        var point = new CheckedPoint<RecoveredMechanism>(PointRole.Sample, solve.Point.Surplus, solve.Point.Revenue, solve.Lambda, analysis.Mechanism, analysis.Check);
        return CliOutput.Verdict(context.Error, [point]);
    }
}

/// <summary>The <c>--plot</c> option of <c>solve</c>, <c>frontier</c> and <c>bargain</c>.</summary>
internal static class PlotOption
{
    public static Option<bool> Create() => new("--plot")
    {
        Description = "Also draw the pictures (PNG and SVG) into --out (or the current directory).",
    };
}
