using System.CommandLine;
using OrSolver.Core.Auctions;
using OrSolver.Core.Classes;
using OrSolver.Core.Output;
using OrSolver.Core.Pareto;
using OrSolver.Plots;
using Spectre.Console;

namespace OrSolver.Cli;

/// <summary><c>orsolver frontier</c>: P points from the Myerson point to U*, every vertex of the exact frontier and the
/// three bargaining solutions, each with its mechanism and its check.</summary>
internal static class FrontierCommand
{
    /// <summary>The result file's name.</summary>
    public const string FileName = "frontier.csv";

    public static Command Create(CliContext context)
    {
        var options = new CommonOptions();
        var points = new Option<int>("--points") { Description = "Number of points, evenly spaced in U from the Myerson point to U*.", DefaultValueFactory = _ => 11 };
        var method = new Option<FrontierMethod>("--method") { Description = "lp (warm-started LP sweep), hull (closed form) or both (each point checked both ways).", DefaultValueFactory = _ => FrontierMethod.Lp };
        var plot = PlotOption.Create();
        var command = new Command("frontier", "The Pareto frontier: P points from the Myerson point to U*, and every vertex.");
        options.AddTo(command);
        command.Add(points);
        command.Add(method);
        command.Add(plot);
        command.SetAction(parse => context.Run(() => options.ResolveClasses(parse) is { } classes
            ? Run(classes, parse.GetValue(points), parse.GetValue(method), parse.GetValue(plot), context)
            : Run(options.Resolve(parse), parse.GetValue(points), parse.GetValue(method), parse.GetValue(plot), context)));
        return command;
    }

    private static int Run(Request request, int count, FrontierMethod method, bool plot, CliContext context)
    {
        var settings = new FrontierAnalysisOptions { Points = count, Method = method };
        var problem = new FrontierProblem(request.Market, request.Grid);
        bool simplex = settings.RunsSimplex(problem.Discretised.Cells);
        string description = simplex ? $"LP sweep, {count} points" : method == FrontierMethod.Hull ? $"hull, {count} points" : $"certified hull points, {count} points";
        var analysis = Progress.Run(context.Error, description, count, progress => FrontierAnalysis.Run(problem, context.NewSolver(), settings, progress));
        if (method == FrontierMethod.Lp && !simplex)
            context.Error.WriteLine($"orsolver: {problem.Discretised.Cells} cells: no simplex above {settings.SimplexCellLimit}; every point is certified for the LP by weak duality");
        if (plot) CliOutput.PlotFiles(request, context.Output, ("frontier", FrontierPicture.Of(problem, analysis.Exact, analysis.Bargaining)));

        var points = analysis.Samples.Concat(analysis.Vertices).Concat(analysis.BargainingPoints)
            .OrderBy(p => p.Surplus).ThenBy(p => p.Role == PointRole.Vertex ? 0 : 1).ToList();
        string csv = FrontierTable.ToCsv(points);
        switch (request.Format)
        {
            case OutputFormat.Csv:
                CliOutput.Emit(request, FileName, csv, context.Output);
                break;
            case OutputFormat.Json:
                CliOutput.Emit(request, FileName, csv, null);
                context.Output.WriteLine(FrontierTable.ToJson(points));
                break;
            default:
                CliOutput.Emit(request, FileName, csv, null);
                var console = CliOutput.Console(context.Output);
                Tables.Frontier(console, analysis.Samples);
                int failed = analysis.Failures.Count;
                console.WriteLine($"{analysis.Exact.Vertices.Count} frontier vertices (extreme points); the CSV (--format csv or --out) lists them all. "
                    + (failed == 0 ? "Every point's check passed." : $"{failed} point(s) FAILED their check."));
                break;
        }
        return CliOutput.Verdict(context.Error, analysis.Samples.Concat(analysis.Vertices).Concat(analysis.BargainingPoints));
    }

    /// <summary>Buyers of several classes: the LP sweep with cutting planes (<c>--method lp</c> or <c>both</c>) or points of the
    /// exact frontier (<c>hull</c>: the Lagrangian route's, each mechanism re-evaluated), every vertex, and the KS and
    /// cross-side Nash solutions.</summary>
    private static int Run(ClassRequest request, int count, FrontierMethod method, bool plot, CliContext context)
    {
        var settings = new ClassOptions { Grid = request.Grid, Points = count, Sweep = method != FrontierMethod.Hull };
        int steps = 6 + (settings.Sweep ? count : 0);
        var analysis = Progress.Run(context.Error, $"buyers of several classes, {count} points", steps,
            progress => ClassAnalysis.Run(request.Market, settings, context.NewSolver(), progress));
        var samples = settings.Sweep ? analysis.Samples : ClassAnalysis.FrontierSamples(analysis.Problem, analysis.Frontier, count);
        var bargaining = analysis.Landmarks.Where(p => p.Role.IsBargaining);
        var points = samples.Concat(analysis.Vertices).Concat(bargaining).OrderBy(p => p.Surplus).ThenBy(p => p.Role == PointRole.Vertex ? 0 : 1).ToList();
        if (plot)
            CliOutput.PlotFiles(request.Format, request.OutputDirectory, context.Output,
                ("frontier", FrontierPicture.Of(request, analysis)),
                ("allocation-myerson", Figures.ClassAllocation(analysis.Problem.RevenueOptimal, $"Myerson auction: {request.Title}")));
        string csv = FrontierTable.ToCsv(points);
        switch (request.Format)
        {
            case OutputFormat.Csv:
                CliOutput.Emit(request.OutputDirectory, FileName, csv, context.Output);
                break;
            case OutputFormat.Json:
                CliOutput.Emit(request.OutputDirectory, FileName, csv, null);
                context.Output.WriteLine(FrontierTable.ToJson(points));
                break;
            default:
                CliOutput.Emit(request.OutputDirectory, FileName, csv, null);
                var console = CliOutput.Console(context.Output);
                Tables.Frontier(console, samples, "mechanism (reserves in class order; probability × auction for a randomisation)");
                int failed = analysis.Failures.Count + samples.Count(p => !p.Check.Agrees);
                console.WriteLine($"{request.Title}: {analysis.Frontier.Vertices!.Count} frontier vertices (extreme points); the CSV (--format csv or --out) lists them all. "
                    + (failed == 0 ? "Every point's check passed." : $"{failed} point(s) FAILED their check."));
                break;
        }
        return CliOutput.Verdict(context.Error, samples.Concat(analysis.Vertices).Concat(analysis.Landmarks).Distinct());
    }
}
