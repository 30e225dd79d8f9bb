using System.CommandLine;
using OrSolver.Core.Auctions;
using OrSolver.Core.Classes;

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
        command.SetAction(parse => context.Run(() => options.ResolveClasses(parse) is { } classes ? Run(classes, context) : Run(options.Resolve(parse), context)));
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

    /// <summary>Buyers of several classes: the classes and the Myerson, efficient and buyer-optimal points, each solved by the
    /// cutting-plane LP, certified against Border and checked against its mechanism re-evaluated from its rules.</summary>
    private static int Run(ClassRequest request, CliContext context)
    {
        var problem = new ClassProblem(request.Market, request.Grid);
        var landmarks = ClassAnalysis.CheckLandmarks(problem, context.NewSolver());
        var report = ClassInspectReport.Of(problem, landmarks);
        CliOutput.Print(request.Format, request.OutputDirectory, "inspect.json", report, context.Output, console => Tables.ClassInspect(console, report));
        return CliOutput.Verdict(context.Error, landmarks);
    }
}
