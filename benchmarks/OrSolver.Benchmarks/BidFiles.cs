using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace OrSolver.Benchmarks;

/// <summary>
/// Row 9 of docs/performance.md: a user's bid file, as the default commands meet it. The file is generated, not committed:
/// <see cref="Write"/> draws bids from a lognormal (μ = 5, σ = 1: median 148, a long right tail) with a fixed seed and rounds
/// them to cents, which at 10⁶ bids leaves about 1.1·10⁵ distinct values, each an atom of the empirical distribution and a
/// cell of its exact grid. `inspect`, `frontier` and `bargain` run on it with default options as whole processes; each
/// must exit 0, which means every reported point passed its check.
/// </summary>
public static class BidFiles
{
    /// <summary>The benchmark's name in the table.</summary>
    public const string Name = "9 bid file";

    /// <summary>Target: each command within 60 s.</summary>
    public const double TargetSeconds = 60;

    /// <summary>Writes <paramref name="bids"/> bids, rounded to cents, one per line under the header "bid", drawn with
    /// <paramref name="seed"/>; returns the number of distinct values.</summary>
    public static int Write(string path, int bids, int seed)
    {
        var random = new Random(seed);
        var lognormal = new MathNet.Numerics.Distributions.LogNormal(5, 1, random);
        var distinct = new HashSet<long>();
        var text = new StringBuilder(bids * 8);
        text.Append("bid\n");
        for (int i = 0; i < bids; i++)
        {
            long cents = (long)Math.Round(lognormal.Sample() * 100);
            distinct.Add(cents);
            text.Append((cents / 100m).ToString("0.00", CultureInfo.InvariantCulture)).Append('\n');
        }
        File.WriteAllText(path, text.ToString());
        return distinct.Count;
    }

    /// <summary>Runs the row: generates the file, then times each command once as a child process.</summary>
    public static IEnumerable<BenchmarkResult> Run(BenchmarkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string directory = Directory.CreateTempSubdirectory("orsolver-bids-").FullName;
        try
        {
            string file = Path.Combine(directory, "bids.csv");
            int distinct = Write(file, settings.BidCount, seed: 20261204);
            string spec = $"empirical(file={file})";
            string parameters = $"{settings.BidCount} lognormal(5, 1) bids rounded to cents: {distinct} distinct values; n={settings.Buyers}";
            foreach (string command in new[] { "inspect", "frontier", "bargain" })
            {
                string[] arguments = [command, "--dist", spec, "--buyers", settings.Buyers.ToString(CultureInfo.InvariantCulture), "--out", directory];
                var (timing, exit) = Measure.Run(new Repeat(1, false, 0), clock => ChildProcess.Run(settings.OrSolverCommand, arguments, clock));
                yield return BenchmarkResult.Of(Name, $"{command} {distinct} values", parameters + $" (whole process: orsolver {command} --dist \"empirical(file=bids.csv)\" --buyers {settings.Buyers})",
                        timing with { PeakMegabytes = double.NaN, BaselineMegabytes = double.NaN },
                        exit.ExitCode == 0 ? "exit 0: every reported point checked" : $"exit {exit.ExitCode}: {exit.LastError}", double.NaN, "")
                    .WithTimeTarget(TargetSeconds);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
