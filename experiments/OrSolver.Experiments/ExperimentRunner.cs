using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrSolver.Experiments;

/// <summary>What one run of an experiment produced: its claims and files (written as <c>verdict.json</c>).</summary>
/// <param name="Id">The experiment's id.</param>
/// <param name="Title">Its title.</param>
/// <param name="Mode">"quick" or "full".</param>
/// <param name="Seconds">Wall-clock time of the run.</param>
/// <param name="Finished">When it finished (UTC, ISO 8601).</param>
/// <param name="Claims">The claims and their verdicts.</param>
/// <param name="Data">CSV files, relative to the experiment's directory.</param>
/// <param name="Plots">PNG files, relative to the experiment's directory.</param>
/// <param name="Error">The error that stopped the run (a bug), or null.</param>
/// <param name="Verification">The checks of every frontier point the run's data files report (null in reports written
/// before points carried checks).</param>
public sealed record ExperimentReport(string Id, string Title, string Mode, double Seconds, string Finished,
    IReadOnlyList<ClaimResult> Claims, IReadOnlyList<string> Data, IReadOnlyList<string> Plots, string? Error,
    Analysis.VerificationSummary? Verification = null)
{
    /// <summary>The file every run writes in its directory.</summary>
    public const string FileName = "verdict.json";

    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        // Readable text: '+', '<', '&', quotes and Greek letters as themselves (the file is never embedded in HTML);
        // JSON's own escapes (quote, backslash, control characters) stay.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Reads a report written by <see cref="ExperimentRunner"/>; null if the file is missing or unreadable.</summary>
    public static ExperimentReport? Read(string path)
    {
        if (!File.Exists(path)) return null;
        try { return JsonSerializer.Deserialize<ExperimentReport>(File.ReadAllText(path), Json); }
        catch (JsonException) { return null; }
    }
}

/// <summary>Runs experiments into <c>&lt;root&gt;/results/&lt;id&gt;/</c> and regenerates <c>&lt;root&gt;/README.md</c>.</summary>
public static class ExperimentRunner
{
    /// <summary>The folder under the report root that holds one directory per experiment.</summary>
    public const string ResultsFolder = "results";

    /// <summary>
    /// Runs <paramref name="experiments"/> on up to <paramref name="parallelism"/> workers, writes each one's files and
    /// <c>verdict.json</c>/<c>verdict.md</c>, then regenerates the report from every experiment's latest <c>verdict.json</c>
    /// under <paramref name="root"/>. Experiments start longest first (by the time their last run in this mode took, as
    /// recorded under <paramref name="root"/>; unknown ones in the order given), so that no long one is left to run alone at
    /// the end; inside an experiment, independent markets share the same workers (<see cref="ExperimentContext.Map{TItem, TResult}"/>)
    /// and measurements that several experiments make are made once (<see cref="ExperimentContext.Shared{T}"/>). What is
    /// written does not depend on the order the work finishes in.
    /// </summary>
    /// <param name="experiments">The experiments to run.</param>
    /// <param name="root">The report root.</param>
    /// <param name="quick">Quick mode.</param>
    /// <param name="log">Receives progress lines (from any worker thread).</param>
    /// <param name="finished">Called with each experiment's report as soon as it finishes (from its worker thread).</param>
    /// <param name="parallelism">Workers (≥ 1): how many experiments run at once, and how many workers each may use for its
    /// independent markets. The cores by default.</param>
    /// <returns>The reports, in the order of <paramref name="experiments"/>.</returns>
    public static IReadOnlyList<ExperimentReport> Run(IReadOnlyList<Experiment> experiments, string root, bool quick, Action<string>? log = null,
        Action<ExperimentReport>? finished = null, int? parallelism = null)
    {
        ArgumentNullException.ThrowIfNull(experiments);
        int workers = parallelism ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1, nameof(parallelism));
        var reports = new ExperimentReport[experiments.Count];
        var shared = new SharedMeasurements();
        string mode = quick ? "quick" : "full";
        var previous = experiments.Select(e => ExperimentReport.Read(Path.Combine(root, ResultsFolder, e.Id, ExperimentReport.FileName)) is { } last && last.Mode == mode ? last.Seconds : 0).ToList();
        // Longest first; a stable sort keeps the given order among experiments never run.
        var order = Enumerable.Range(0, experiments.Count).OrderByDescending(i => previous[i]).ToList();
        var options = new ParallelOptions { MaxDegreeOfParallelism = workers };
        Parallel.ForEach(Partitioner.Create(order, EnumerablePartitionerOptions.NoBuffering), options, i =>
        {
            reports[i] = RunOne(experiments[i], root, quick, log, workers, shared);
            finished?.Invoke(reports[i]);
        });
        ReproductionReport.Write(root);
        return reports;
    }

    private static ExperimentReport RunOne(Experiment experiment, string root, bool quick, Action<string>? log, int workers, SharedMeasurements shared)
    {
        string directory = Path.Combine(root, ResultsFolder, experiment.Id);
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        var context = new ExperimentContext(experiment.Id, directory, quick, log, workers, shared);
        var clock = Stopwatch.StartNew();
        string? error = null;
        context.Log(quick ? "started (quick)" : "started");
        try
        {
            experiment.Run(context);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            error = $"{e.GetType().Name}: {e.Message}";
            context.Log($"stopped by an error: {error}");
        }
        var report = new ExperimentReport(experiment.Id, experiment.Title, quick ? "quick" : "full", Math.Round(clock.Elapsed.TotalSeconds, 1),
            DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture),
            [.. context.Claims], [.. context.DataFiles], [.. context.PlotFiles], error, context.Verification);
        File.WriteAllText(Path.Combine(directory, ExperimentReport.FileName), JsonSerializer.Serialize(report, ExperimentReport.Json));
        File.WriteAllText(Path.Combine(directory, "verdict.md"), Markdown(report));
        context.Log($"finished in {report.Seconds:0.0} s");
        return report;
    }

    private static string Markdown(ExperimentReport report)
    {
        var text = new StringBuilder();
        text.Append("# ").Append(report.Id).Append(": ").AppendLine(report.Title).AppendLine();
        text.AppendLine($"Mode: {report.Mode}; {report.Seconds:0.0} s; finished {report.Finished}. Regenerate with `./orsolver experiment {report.Id}`{(report.Mode == "quick" ? " --quick" : "")}.").AppendLine();
        if (report.Error is { } error) text.AppendLine($"**The run stopped with an error:** {error}").AppendLine();
        if (report.Verification is { } verification) text.AppendLine($"Checks: {verification}.").AppendLine();
        foreach (var claim in report.Claims)
        {
            text.Append("## ").Append(claim.Reference).Append(": ").AppendLine(claim.VerdictText).AppendLine();
            text.Append("- **Paper:** ").AppendLine(claim.Statement);
            text.Append("- **Setting:** ").AppendLine(claim.Setting);
            text.Append("- **Measured:** ").AppendLine(claim.Measured);
            text.AppendLine();
            foreach (var plot in claim.Plots) text.AppendLine($"![{plot}]({plot})").AppendLine();
        }
        if (report.Data.Count > 0) text.AppendLine("Data: " + string.Join(", ", report.Data.Select(d => $"[{d}]({d})")));
        return text.ToString();
    }
}
