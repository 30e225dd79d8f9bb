using System.CommandLine;
using OrSolver.Core.Auctions;
using OrSolver.Core.Bargaining;
using OrSolver.Core.Characterization;
using OrSolver.Core.LinearProgramming;
using OrSolver.Plots;

namespace OrSolver.Cli;

/// <summary><c>orsolver bargain</c>: the Kalai–Smorodinsky, Nash and cross-side Nash solutions on a grid refined around
/// them, their welfare and mechanisms, each checked by an LP solved at its U.</summary>
internal static class BargainCommand
{
    public static Command Create(CliContext context)
    {
        var options = new CommonOptions();
        var plot = PlotOption.Create();
        var command = new Command("bargain", "Kalai–Smorodinsky, Nash and cross-side Nash solutions, their welfare and mechanisms.");
        options.AddTo(command);
        command.Add(plot);
        command.SetAction(parse => context.Run(() => Run(options.Resolve(parse), parse.GetValue(plot), context)));
        return command;
    }

    private static int Run(Request request, bool plot, CliContext context)
    {
        var analysis = BargainingAnalysis.Run(request.Market, request.Grid, context.NewSolver());
        var problem = analysis.Problem;
        var solutions = analysis.Solutions;
        var landmarks = FrontierAnalysis.CheckLandmarks(problem);
        var report = BargainReport.Of(analysis, landmarks);
        CliOutput.Print(request, "bargain.json", report, context.Output, console => Tables.Bargain(console, report));
        if (solutions.KalaiSmorodinskyStatus != SolveStatus.Optimal)
            context.Error.WriteLine($"orsolver: the KS LP returned {StatusWords.Of(solutions.KalaiSmorodinskyStatus)}; KS is the exact ray intersection with the grid frontier");
        if (plot)
        {
            var exact = ExactVertices.Compute(problem.Discretised);
            var ks = solutions.KalaiSmorodinsky;
            CliOutput.PlotFiles(request, context.Output,
                ("frontier", FrontierPicture.Of(problem, exact, solutions)),
                ("allocation-ks", Figures.Allocation(ks.Location.Allocation(problem.Discretised), ks.Mechanism,
                    $"Kalai–Smorodinsky auction: {request.Distribution.Spec}, n = {request.Buyers}")));
        }
        return CliOutput.Verdict(context.Error, landmarks.Concat(analysis.Points));
    }
}
