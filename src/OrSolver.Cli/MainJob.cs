using OrSolver.Core.Auctions;
using OrSolver.Core.Scenarios;
using Spectre.Console;

namespace OrSolver.Cli;

/// <summary>The bare <c>orsolver</c>: the default model's landmarks and an 11-point frontier with the mechanism and the
/// check behind every point.</summary>
internal static class MainJob
{
    /// <summary>The scenario the bare <c>orsolver</c> runs.</summary>
    public const string DefaultModel = "uniform";

    /// <summary>Points of the main job's frontier.</summary>
    private const int Points = 11;

    public static int Run(CliContext context)
    {
        var scenario = Scenario.Load(ModelFiles.Find(DefaultModel));
        var request = CommonOptions.Of(scenario, OutputFormat.Table);
        var console = CliOutput.Console(context.Output);
        console.MarkupLine($"[bold]OrSolver[/] — default model [bold]{Markup.Escape(scenario.Name)}[/]: {Markup.Escape(scenario.Description)}");
        var problem = new FrontierProblem(request.Market, request.Grid);
        var analysis = FrontierAnalysis.Run(problem, context.NewSolver(), new FrontierAnalysisOptions { Points = Points, Vertices = false, Bargaining = false });
        Tables.Inspect(console, InspectReport.Of(problem, analysis.Landmarks));
        Tables.Frontier(console, analysis.Samples);
        return CliOutput.Verdict(context.Error, analysis.All);
    }
}
