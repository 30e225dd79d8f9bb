using OrSolver.Experiments;

namespace OrSolver.Experiments.Tests;

/// <summary>
/// Every experiment in quick mode (experiments/README.md): it writes its data, plots and verdict, and every claim that is a theorem of
/// the paper (a bound or a structure, or a limit checked against the paper's finite-n bounds) comes out "holds": the
/// experiment decides the verdict from the measured numbers against the paper's bound, so this asserts the theorem.
/// </summary>
public class ExperimentSmokeTests
{
    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var experiment in ExperimentCatalog.All) data.Add(experiment.Id);
        return data;
    }

    [Fact]
    public void The_catalog_has_every_experiment_in_the_paper_order()
    {
        Assert.Equal(ExperimentCatalog.Order, ExperimentCatalog.All.Select(e => e.Id));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Quick_mode_writes_data_plots_and_a_verdict_and_every_theorem_holds(string id)
    {
        string root = Path.Combine(Path.GetTempPath(), $"orsolver-experiments-{id}-{Environment.ProcessId}");
        try
        {
            var experiment = ExperimentCatalog.Find(id)!;
            var report = Assert.Single(ExperimentRunner.Run([experiment], root, quick: true));
            Assert.Null(report.Error);
            Assert.Equal("quick", report.Mode);
            Assert.NotEmpty(report.Claims);
            Assert.NotEmpty(report.Data);
            Assert.NotEmpty(report.Plots);
            string directory = Path.Combine(root, ExperimentRunner.ResultsFolder, id);
            foreach (string file in report.Data)
            {
                var lines = File.ReadAllLines(Path.Combine(directory, file));
                Assert.True(lines.Length >= 2, $"{file}: no data rows");
                Assert.True(lines[0].Split(',').Length >= 2, $"{file}: header '{lines[0]}'");
            }
            foreach (string plot in report.Plots)
            {
                byte[] png = File.ReadAllBytes(Path.Combine(directory, plot));
                Assert.True(png.Length > 10_000 && png[1] == (byte)'P' && png[2] == (byte)'N' && png[3] == (byte)'G', $"{plot}: not a drawn PNG ({png.Length} bytes)");
            }
            foreach (var claim in report.Claims)
            {
                Assert.False(string.IsNullOrWhiteSpace(claim.Statement) || string.IsNullOrWhiteSpace(claim.Setting) || string.IsNullOrWhiteSpace(claim.Measured), $"{claim.Reference}: empty text");
                foreach (string plot in claim.Plots) Assert.Contains(plot, report.Plots);
                if (claim.Kind == ClaimKind.Exploration) Assert.Equal(Verdict.OutsideTheory, claim.Verdict);
                else Assert.True(claim.Verdict == Verdict.Holds, $"{claim.Reference}: {claim.VerdictText}: {claim.Measured}");
            }
            var written = ExperimentReport.Read(Path.Combine(directory, ExperimentReport.FileName));
            Assert.NotNull(written);
            Assert.Equal(report.Claims.Count, written.Claims.Count);
            string readme = File.ReadAllText(Path.Combine(root, ReproductionReport.FileName));
            foreach (var claim in report.Claims) Assert.Contains($"| {claim.Reference} |", readme, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }
}
