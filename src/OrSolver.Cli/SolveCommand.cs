using System.CommandLine;
using OrSolver.Core.Auctions;
using OrSolver.Core.Classes;
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
        command.SetAction(parse => context.Run(() => options.ResolveClasses(parse) is { } classes
            ? Run(classes, parse.GetValue(surplus), parse.GetValue(plot), context)
            : Run(options.Resolve(parse), parse.GetValue(surplus), parse.GetValue(plot), context)));
        return command;
    }

    private static int Run(ClassRequest request, double surplus, bool plot, CliContext context) => ClassSolveCommand.Run(request, surplus, plot, context);

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

/// <summary>Buyers of several classes: the cutting-plane LP at U₀ (with its cuts and Border certificate), checked against
/// the Lagrangian route and the exact frontier's mechanism at its U re-evaluated from its rules.</summary>
internal static class ClassSolveCommand
{
    public static int Run(ClassRequest request, double surplus, bool plot, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problem = new ClassProblem(request.Market, request.Grid);
        using var solver = new ClassFrontierSolver(problem, context.NewSolver());
        var solve = solver.Solve(surplus);
        if (solve.Status != SolveStatus.Optimal) throw new SolverFailureException(solve.Note ?? $"the LP returned {StatusWords.Of(solve.Status)}");
        var point = ClassAnalysis.CheckSolve(problem, ClassAnalysis.ExactFrontier(problem), PointRole.Sample, solve);
        var report = ClassSolveReport.Of(solve, point);
        CliOutput.Print(request.Format, request.OutputDirectory, "solve.json", report, context.Output, console => Tables.ClassSolve(console, report));
        if (plot)
            CliOutput.PlotFiles(request.Format, request.OutputDirectory, context.Output,
                ("allocation", Figures.ClassAllocation(solve.Allocation!, $"Allocation at U ≥ {surplus:G6}: {request.Title}")));
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
