using System.Text;
using System.Text.RegularExpressions;
using OrSolver.Cli.Tests;

namespace OrSolver.Deployment.Tests;

/// <summary>
/// A real Slurm run of docs/cluster.md: on the single-node cluster of scripts/slurm-local (started here, or reused when
/// it is up), <c>docs/cluster/submit.sh</c> submits the sweep of a small table as a job array of three shards and the
/// merge job that waits for them; the merged <c>sweep.csv</c> must be byte for byte the file of one unsharded run of
/// the same table. The jobs run the orsolver built with this test (through <c>ORSOLVER</c>, as the document says).
/// It runs in the default suite; <c>--filter Category!=Cluster</c> leaves it out. When slurm-wlm or munge is missing
/// or a daemon does not start, it fails with the script's reason and the daemons' logs; it never skips.
/// </summary>
[Trait("Category", "Cluster")]
public sealed partial class SlurmTests : IDisposable
{
    private const int Shards = 3;

    private const int Markets = 6;

    /// <summary><see cref="Markets"/> markets (two rows per shard) at 64 cells, two with a surplus level: about a second
    /// each.</summary>
    private const string Table = """
        distribution,buyers,surplus
        "uniform(0,1)",2,0.3
        "uniform(0,1)",5,
        exponential(1),2,
        exponential(1),3,0.5
        lomax(3),2,
        "weibull(1.5)",3,
        """;

    private const string Grid = "64";

    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(8);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

    private readonly TemporaryDirectory _temporary = new();

    [Fact]
    public void The_job_array_of_docs_cluster_gives_the_unsharded_sweep()
    {
        var cluster = LocalCluster.Start();
        string work = _temporary.Path;
        string table = _temporary.WriteFile("markets.csv", Table);
        string sharded = Path.Combine(work, "sharded");
        string orsolver = Path.Combine(AppContext.BaseDirectory, "orsolver");
        var environment = new Dictionary<string, string>(cluster.Environment, StringComparer.Ordinal)
        {
            ["ORSOLVER"] = orsolver,
            ["GRID"] = Grid,
        };

        // docs/cluster.md: `docs/cluster/submit.sh TABLE OUT N`, which prints the two job ids.
        var submit = ExternalProcess.RunOk("bash",
            [Path.Combine(Repository.Root, "docs", "cluster", "submit.sh"), table, sharded, $"{Shards}"], work, CommandTimeout, environment);
        var ids = SubmittedJobs().Match(submit.Stdout);
        Assert.True(ids.Success, $"submit.sh printed no job ids\n{submit}");
        string array = ids.Groups["array"].Value, merge = ids.Groups["merge"].Value;
        try
        {
            // The unsharded run of the same table, with the options every task gets (docs/cluster/sweep-array.sbatch),
            // while the cluster works.
            string whole = Path.Combine(work, "whole");
            ExternalProcess.RunOk(orsolver, ["sweep", table, "--out", whole, "--grid", Grid, "--verify", "hull"], work, CommandTimeout);

            var states = cluster.WaitFor([array, merge], JobTimeout, work);
            Assert.True(states.Count == Shards + 1 && states.Values.All(s => s == LocalCluster.Succeeded),
                $"job states: {string.Join(", ", states.Select(kv => $"{kv.Key} {kv.Value}"))}\n{JobOutputs(work)}");
            for (int shard = 1; shard <= Shards; shard++)
                Assert.True(File.Exists(Path.Combine(sharded, $"sweep.shard-{shard}-of-{Shards}.csv")), $"no file of shard {shard}\n{JobOutputs(work)}");
            byte[] merged = File.ReadAllBytes(Path.Combine(sharded, "sweep.csv"));
            byte[] expected = File.ReadAllBytes(Path.Combine(whole, "sweep.csv"));
            Assert.Equal(1 + Markets, File.ReadAllLines(Path.Combine(whole, "sweep.csv")).Length); // a header and a row per market
            Assert.True(merged.AsSpan().SequenceEqual(expected),
                $"the merged sweep.csv differs from the unsharded run's\n--- merged ---\n{Encoding.UTF8.GetString(merged)}\n--- unsharded ---\n{Encoding.UTF8.GetString(expected)}");
        }
        finally
        {
            // Jobs still queued when the test gives up (a merge whose tasks failed waits forever) leave the cluster.
            ExternalProcess.Run("scancel", [array, merge], work, CommandTimeout, cluster.Environment);
        }
    }

    /// <summary>What every job wrote (orsolver-sweep-ARRAY_TASK.out, orsolver-merge-JOB.out), for a failure message.</summary>
    private static string JobOutputs(string directory)
        => string.Join('\n', Directory.GetFiles(directory, "orsolver-*.out").Order(StringComparer.Ordinal)
            .Select(f => $"--- {Path.GetFileName(f)} ---\n{File.ReadAllText(f)}"));

    [GeneratedRegex(@"job array (?<array>\d+) .*merge: job (?<merge>\d+)")]
    private static partial Regex SubmittedJobs();

    public void Dispose() => _temporary.Dispose();
}
