using System.CommandLine;
using OrSolver.Core.Auctions;

namespace OrSolver.Cli;

/// <summary><c>orsolver inspect</c>: the distribution's classes, mean and monopoly reserve, and the frontier's landmarks,
/// each checked against its auction re-evaluated from the rules.</summary>
internal static class InspectCommand
{
    public static Command Create(CliContext context)
    {
        var options = new CommonOptions();
        var command = new Command("inspect", "The distribution's class, mean, monopoly reserve and the frontier's landmarks.");
        options.AddTo(command);
        command.SetAction(parse => context.Run(() => Run(options.Resolve(parse), context)));
        return command;
    }

    private static int Run(Request request, CliContext context)
    {
        var problem = new FrontierProblem(request.Market, request.Grid);
        var landmarks = FrontierAnalysis.CheckLandmarks(problem);
        var report = InspectReport.Of(problem, landmarks);
        CliOutput.Print(request, "inspect.json", report, context.Output, console => Tables.Inspect(console, report));
        return CliOutput.Verdict(context.Error, landmarks);
    }
}
