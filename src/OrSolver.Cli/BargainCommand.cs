using System.CommandLine;
using OrSolver.Core.Auctions;
using OrSolver.Core.Bargaining;
using OrSolver.Core.Characterization;
using OrSolver.Core.Classes;
using OrSolver.Core.Pareto;
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
        command.SetAction(parse => context.Run(() => options.ResolveClasses(parse) is { } classes
            ? Run(classes, parse.GetValue(plot), context)
            : Run(options.Resolve(parse), parse.GetValue(plot), context)));
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
        if (analysis.Points.Any(p => p.Check.Route == CheckRoutes.CertificateHullAuction))
            context.Error.WriteLine($"orsolver: more than {FrontierSolver.SimplexCellLimit} cells: no simplex; each solution is certified for the LP by weak duality");
        else if (solutions.KalaiSmorodinskyStatus != SolveStatus.Optimal)
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

    /// <summary>Buyers of several classes: the KS and cross-side Nash solutions on the exact frontier, each solved by the
    /// cutting-plane LP at its U and checked, with the landmarks.</summary>
    private static int Run(ClassRequest request, bool plot, CliContext context)
    {
        var options = new ClassOptions { Grid = request.Grid, Sweep = false, CheckVertices = false };
        var analysis = Progress.Run(context.Error, "buyers of several classes", 6, progress => ClassAnalysis.Run(request.Market, options, context.NewSolver(), progress));
        var report = ClassBargainReport.Of(analysis);
        CliOutput.Print(request.Format, request.OutputDirectory, "bargain.json", report, context.Output, console => Tables.ClassBargain(console, report));
        if (plot)
        {
            var ks = analysis.Landmark(PointRole.KalaiSmorodinsky);
            CliOutput.PlotFiles(request.Format, request.OutputDirectory, context.Output,
                ("frontier", FrontierPicture.Of(request, analysis)),
                ("allocation-ks", Figures.ClassAllocation(ks.Mechanism!.Evaluate(), $"Kalai–Smorodinsky auction: {request.Title}")));
        }
        return CliOutput.Verdict(context.Error, analysis.Landmarks);
    }
}
