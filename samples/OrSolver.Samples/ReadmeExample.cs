using OrSolver.Core;
using OrSolver.Core.Auctions;
using OrSolver.Core.Bargaining;
using OrSolver.Core.Distributions;
using OrSolver.Core.LinearProgramming.OrTools;

namespace OrSolver.Samples;

/// <summary>The README's "Use it from C#" example, word for word between the markers (a test compares the two and runs
/// this one).</summary>
public static class ReadmeExample
{
    /// <summary>Runs the example, printing to <paramref name="output"/>; returns what it computed, for the test.</summary>
    public static (FrontierAnalysis Frontier, BargainingAnalysis Bargaining) Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        // README begin
        var market = new Market(DistributionSpec.Parse("weibull(1.5)"), buyers: 5);
        var problem = new FrontierProblem(market, gridSize: 800);
        output.WriteLine($"Π* = {problem.OptimalRevenue:G6}, U* = {problem.OptimalSurplus:G6}, OPT = {problem.OptimalWelfare:G6}");

        // The frontier: 11 points by LP, every vertex by the hull, and the three bargaining solutions, each checked.
        var frontier = FrontierAnalysis.Run(problem, new OrToolsLinearSolver(), new FrontierAnalysisOptions { Points = 11 });
        foreach (var point in frontier.Samples)
            output.WriteLine($"U = {point.Surplus:G6}  Π = {point.Revenue:G6}  λ = {point.Lambda:G4}  {point.Mechanism?.Describe()}  [{point.Check.Route}: {(point.Check.Agrees ? "ok" : point.Check.Failure)}]");
        output.WriteLine($"{frontier.Vertices.Count} vertices, {frontier.Failures.Count} failed checks");

        // Bargaining on a grid refined around each solution.
        var bargaining = BargainingAnalysis.Run(market, gridSize: 2000, new OrToolsLinearSolver());
        var ks = bargaining.Solutions.KalaiSmorodinsky;
        output.WriteLine($"Kalai–Smorodinsky keeps {ks.WelfareRatio:P2} of OPT, run as: {ks.Mechanism.Describe()}");
        // README end
        return (frontier, bargaining);
    }
}
