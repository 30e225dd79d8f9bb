using OrSolver.Core.Characterization;
using OrSolver.Core.Frontier;
using OrSolver.Core.Program.OrTools;
using Xunit.Abstractions;

namespace OrSolver.Core.Tests.Mechanisms;

public class ScratchExploration(ITestOutputHelper output)
{
    [Theory]
    [InlineData("weibull(2)", 3, 1500)]
    [InlineData("weibull(2)", 3, 600)]
    [InlineData("weibull(3)", 2, 1000)]
    [InlineData("uniform(0, 1)", 5, 1000)]
    [InlineData("beta(2, 2)", 3, 1000)]
    [InlineData("gamma(3, 1)", 3, 1000)]
    [InlineData("lognormal(0, 0.5)", 3, 1000)]
    [InlineData("exponential(1)", 2, 1000)]
    [InlineData("mixture(0.5*uniform(0, 1), 0.5*uniform(2, 3))", 3, 1000)]
    public void Sweep(string spec, int n, int m)
    {
        var c = FrontierCases.Get(spec, n, m);
        using var solver = new FrontierSolver(c.Problem, new OrToolsLinearSolver());
        int bad = 0, total = 0;
        double maxGap = 0;
        foreach (var s in solver.Sweep(40))
        {
            total++;
            if (s.Status != OrSolver.Core.Program.SolveStatus.Optimal) { output.WriteLine($"  {s.SurplusFloor:R}: {s.Status}"); bad++; continue; }
            var a = PostProcessor.Analyse(s, c.Frontier);
            maxGap = Math.Max(maxGap, a.Check.MaxAllocationGap);
            if (!a.Check.Agrees) { bad++; output.WriteLine($"  U={s.Point.Surplus:R} (U*−U = {c.Problem.OptimalSurplus - s.Point.Surplus:G3}): {a.Check.Failure}; segment width {a.Location.Right.Surplus - a.Location.Left.Surplus:G3}"); }
        }
        output.WriteLine($"{c}: {bad}/{total} disagree; vertices {c.Frontier.Vertices.Count}; max allocation gap {maxGap:G3}");
    }
}
