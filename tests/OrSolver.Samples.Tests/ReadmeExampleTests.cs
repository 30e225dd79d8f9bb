using System.Globalization;

namespace OrSolver.Samples.Tests;

/// <summary>The README's "Use it from C#" code is the sample's, word for word, and it runs: every point it reports passes its
/// check, and its bargaining point meets the definitions and bounds of the paper.</summary>
public class ReadmeExampleTests
{
    private static string Root()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "OrSolver.sln"))) return d.FullName;
        throw new InvalidOperationException("no OrSolver.sln above the test binaries");
    }

    private static List<string> Normalised(IEnumerable<string> lines) => [.. lines.Select(l => l.Trim()).Where(l => l.Length > 0)];

    [Fact]
    public void The_readme_shows_the_samples_code()
    {
        string root = Root();
        var readme = File.ReadAllLines(Path.Combine(root, "README.md"));
        int section = Array.FindIndex(readme, l => l.StartsWith("## Use it from C#", StringComparison.Ordinal));
        Assert.True(section >= 0, "the README has a section \"Use it from C#\"");
        int start = Array.FindIndex(readme, section, l => l.StartsWith("```csharp", StringComparison.Ordinal));
        int end = Array.FindIndex(readme, start + 1, l => l.StartsWith("```", StringComparison.Ordinal));
        var shown = Normalised(readme[(start + 1)..end]);

        var source = File.ReadAllLines(Path.Combine(root, "samples", "OrSolver.Samples", "ReadmeExample.cs"));
        int begin = Array.FindIndex(source, l => l.Trim() == "// README begin"), stop = Array.FindIndex(source, l => l.Trim() == "// README end");
        // The README declares the writer the sample takes as a parameter.
        var expected = Normalised(source.Where(l => l.StartsWith("using OrSolver", StringComparison.Ordinal))
            .Append("var output = Console.Out; // any TextWriter").Concat(source[(begin + 1)..stop]));
        Assert.Equal(expected, shown);
    }

    [Fact]
    public void The_readme_example_runs_and_every_point_passes_its_check()
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        var (frontier, bargaining) = ReadmeExample.Run(output);
        Assert.Empty(frontier.Failures);
        Assert.Empty(bargaining.Failures);
        Assert.Equal(11, frontier.Samples.Count);
        Assert.Contains("Kalai–Smorodinsky keeps", output.ToString(), StringComparison.Ordinal);

        // Def. 4.1: the KS point splits the gains in proportion, Π/Π* = U/U* (to the solver tolerance); Thm 4.1(i): it
        // keeps at least half of OPT.
        var ks = bargaining.Solutions.KalaiSmorodinsky;
        Assert.True(Math.Abs(ks.RevenueShare - ks.SurplusShare) < 1e-8, $"Π/Π* = {ks.RevenueShare}, U/U* = {ks.SurplusShare}");
        Assert.InRange(ks.WelfareRatio, 0.5, 1);
    }

    /// <summary>The study's ratios obey the paper's bounds that hold for every F (Thms 4.1(i) and 5.3(i): KS and
    /// cross-side Nash keep at least half of OPT), never exceed OPT, and every point is verified.</summary>
    [Fact]
    public void The_welfare_study_runs_within_the_papers_bounds()
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        var rows = WelfareStudy.Run([0.5, 1.5], [2, 5], 400, output);
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.True(r.Verified, $"σ = {r.Sigma}, n = {r.Buyers}: a check failed");
            Assert.InRange(r.KalaiSmorodinsky, 0.5, 1);
            Assert.InRange(r.CrossSideNash, 0.5, 1);
            Assert.InRange(r.Nash, 0, 1);
        });
        Assert.StartsWith("sigma,buyers,ks,nash,cross_side_nash,verified", output.ToString(), StringComparison.Ordinal);
    }
}
