using OrSolver.Cli.Tests;

namespace OrSolver.Deployment.Tests;

/// <summary>
/// A real Slurm run: the single-node cluster of scripts/slurm-local (started here, or reused when it is up), a job
/// array and a job that depends on it. It runs in the default suite; <c>--filter Category!=Cluster</c> leaves it out.
/// When slurm-wlm or munge is missing or a daemon does not start, it fails with the script's reason and logs.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class SlurmTests : IDisposable
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(5);

    private readonly TemporaryDirectory _temporary = new();

    [Fact]
    public void A_job_array_and_its_dependent_job_run_on_the_local_cluster()
    {
        var cluster = LocalCluster.Start();
        string work = _temporary.Path;
        string task = Path.Combine(work, "task.sh");
        File.WriteAllText(task, "#!/bin/bash\necho \"task $SLURM_ARRAY_TASK_ID of $SLURM_ARRAY_TASK_COUNT\" > part-$SLURM_ARRAY_TASK_ID.txt\n");
        string array = cluster.Submit(["--array=1-3", "--chdir", work, "--output", Path.Combine(work, "slurm-%A_%a.out"), task], work);
        string merge = cluster.Submit(["--dependency=afterok:" + array, "--chdir", work, "--output", Path.Combine(work, "slurm-%j.out"),
            "--wrap", "cat part-1.txt part-2.txt part-3.txt > all.txt"], work);

        var states = cluster.WaitFor([array, merge], JobTimeout, work);
        Assert.True(states.Count == 4 && states.Values.All(s => s == "COMPLETED (exit 0:0)"),
            "job states: " + string.Join(", ", states.Select(kv => $"{kv.Key} {kv.Value}")));
        Assert.Equal(["task 1 of 3", "task 2 of 3", "task 3 of 3"], File.ReadAllLines(Path.Combine(work, "all.txt")));
    }

    public void Dispose() => _temporary.Dispose();
}
