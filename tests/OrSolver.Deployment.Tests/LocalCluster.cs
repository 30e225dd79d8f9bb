using System.Globalization;
using System.Text.RegularExpressions;
using OrSolver.Cli.Tests;

namespace OrSolver.Deployment.Tests;

/// <summary>
/// The single-node Slurm cluster of <c>scripts/slurm-local</c>, started (or reused when it is already up) for a test.
/// A cluster that cannot start fails the test with the script's reason and the daemons' logs: it never skips.
/// </summary>
internal sealed partial class LocalCluster
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    private readonly Dictionary<string, string> _environment;

    private LocalCluster(string slurmConf) => _environment = new(StringComparer.Ordinal) { ["SLURM_CONF"] = slurmConf };

    /// <summary>The environment every Slurm command needs (<c>SLURM_CONF</c>, the cluster's configuration).</summary>
    public IReadOnlyDictionary<string, string> Environment => _environment;

    /// <summary>Starts the cluster, or reuses the running one; fails the test with the reason when it cannot.</summary>
    public static LocalCluster Start()
    {
        var start = ExternalProcess.Run("bash", [Path.Combine(Repository.Root, "scripts", "slurm-local"), "start"], Repository.Root, CommandTimeout);
        var conf = ExportedConf().Match(start.Stdout);
        if (start.ExitCode != 0 || !conf.Success)
        {
            // The script's first line says why; the rest of the message is its whole output, with the daemons' logs.
            string reason = start.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(l => l.StartsWith("slurm-local:", StringComparison.Ordinal))
                ?? "no reason given";
            Assert.Fail($"the local Slurm cluster did not start: {reason}\n{start}");
        }
        return new LocalCluster(conf.Groups[1].Value);
    }

    /// <summary>Runs a Slurm command (sbatch, squeue, scontrol) against this cluster and requires it to succeed.</summary>
    public ProcessResult Command(string program, IEnumerable<string> args, string workingDirectory)
        => ExternalProcess.RunOk(program, args, workingDirectory, CommandTimeout, _environment);

    /// <summary>The state <see cref="WaitFor"/> reports for a job that ran and exited with 0.</summary>
    public const string Succeeded = "COMPLETED, exit 0:0";

    /// <summary>Waits until none of <paramref name="jobIds"/> (job or array ids) is queued or running any more, or every
    /// one still queued waits on a dependency that can no longer be met (a job after a failed one, which Slurm keeps
    /// pending for ever), then returns the state of every job and array task among them (<see cref="Succeeded"/> for
    /// one that ran and exited with 0), keyed by its id as squeue prints it (<c>12</c>, <c>12_3</c>). Fails the test
    /// when they are not done within <paramref name="timeout"/>.</summary>
    public IReadOnlyDictionary<string, string> WaitFor(IReadOnlyList<string> jobIds, TimeSpan timeout, string workingDirectory)
    {
        string ids = string.Join(',', jobIds);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var queue = Command("squeue", ["-h", "-j", ids, "-o", "%i %T %r"], workingDirectory);
            var waiting = queue.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (waiting.All(line => line.EndsWith("PENDING DependencyNeverSatisfied", StringComparison.Ordinal))) break;
            Assert.True(DateTime.UtcNow < deadline,
                string.Create(CultureInfo.InvariantCulture, $"jobs {ids} still queued after {timeout.TotalSeconds:F0} s:\n{queue.Stdout}"));
            Thread.Sleep(500);
        }
        // Finished jobs stay known to the controller for MinJobAge (300 s by default): long enough to read their states.
        var states = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string id in jobIds)
        {
            var show = Command("scontrol", ["show", "job", "-o", id], workingDirectory);
            foreach (string line in show.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var job = JobLine().Match(line);
                Assert.True(job.Success, $"unexpected scontrol line: {line}");
                string key = job.Groups["task"].Success && job.Groups["task"].Value != "(null)"
                    ? $"{job.Groups["array"].Value}_{job.Groups["task"].Value}"
                    : job.Groups["id"].Value;
                string reason = job.Groups["reason"].Value == "None" ? "" : $", {job.Groups["reason"].Value}";
                states[key] = $"{job.Groups["state"].Value}, exit {job.Groups["exit"].Value}{reason}";
            }
        }
        return states;
    }

    [GeneratedRegex(@"^export SLURM_CONF=(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex ExportedConf();

    [GeneratedRegex(@"^JobId=(?<id>\d+)(?: ArrayJobId=(?<array>\d+) ArrayTaskId=(?<task>\S+))?.*? JobState=(?<state>\S+) Reason=(?<reason>\S+).*? ExitCode=(?<exit>\S+)")]
    private static partial Regex JobLine();
}
