using System.Diagnostics;
using OrSolver.Core.Sweeps;

namespace OrSolver.Cli.Tests;

/// <summary>
/// The Slurm scripts of docs/cluster/ run as written: each task of a job array (here run by bash with the variables Slurm
/// sets) writes its shard, the merge job joins them, and the result is byte for byte the unsharded run's. A task whose
/// rows failed still succeeds (exit 0), so that the merge, which runs only after every task succeeded, reports them.
/// </summary>
public class ClusterScriptTests
{
    private const string Table = """
        distribution,buyers
        "uniform(0,1)",2
        "uniform(0,1)",3
        exponential(1),2
        nope(1),2
        lomax(3),2
        """;

    private static (int Exit, string Output) Bash(string script, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(Repository.Root, "docs", "cluster", script));
        start.Environment["ORSOLVER"] = $"dotnet {Path.Combine(AppContext.BaseDirectory, "orsolver.dll")}";
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    [Fact]
    public void Job_array_tasks_and_the_merge_job_give_the_unsharded_file()
    {
        using var whole = new TemporaryDirectory();
        string table = whole.WriteFile("markets.csv", Table);
        Assert.Equal(OrSolverCommandLine.SolverFailure, Cli.Run("sweep", table, "--out", whole.Path, "--grid", "64").ExitCode);

        using var cluster = new TemporaryDirectory(create: false);
        for (int task = 1; task <= 3; task++)
        {
            var (exit, output) = Bash("sweep-array.sbatch", new Dictionary<string, string>
            {
                ["TABLE"] = table,
                ["OUT"] = cluster.Path,
                ["GRID"] = "64",
                ["SLURM_ARRAY_TASK_ID"] = $"{task}",
                ["SLURM_ARRAY_TASK_COUNT"] = "3",
                ["SLURM_CPUS_PER_TASK"] = "1",
            });
            Assert.True(exit == 0, $"task {task}: exit {exit}\n{output}");
            // Row 4 (nope(1)) is in shard 1: its task reports the failed row and still succeeds.
            Assert.Equal(task == 1, output.Contains("finished with failed rows", StringComparison.Ordinal));
        }
        var merge = Bash("sweep-merge.sbatch", new Dictionary<string, string> { ["OUT"] = cluster.Path });
        Assert.True(merge.Exit == OrSolverCommandLine.SolverFailure, $"the merge reports the failed row with exit 1\n{merge.Output}");
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole.Path, SweepFiles.FileName)), File.ReadAllBytes(Path.Combine(cluster.Path, SweepFiles.FileName)));
    }

    [Fact]
    public void A_task_outside_a_job_array_is_refused()
    {
        var (exit, output) = Bash("sweep-array.sbatch", new Dictionary<string, string> { ["TABLE"] = "markets.csv", ["OUT"] = "out" });
        Assert.NotEqual(0, exit);
        Assert.Contains("sbatch --array=1-N", output, StringComparison.Ordinal);
    }
}
