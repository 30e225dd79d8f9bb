using System.CommandLine;
using System.Globalization;
using OrSolver.Core;
using OrSolver.Experiments;
using Spectre.Console;

namespace OrSolver.Cli;

/// <summary><c>orsolver experiment &lt;id&gt;|all [--quick] [--out DIR]</c> and <c>orsolver experiment --list</c>.</summary>
internal static class ExperimentCommand
{
    /// <summary>Where <c>orsolver experiment</c> writes by default: the report root of the repository.</summary>
    public const string DefaultExperimentRoot = "experiments";

    /// <summary>The <c>experiment</c> command.</summary>
    public static Command Create(CliContext context)
    {
        var id = new Argument<string?>("id") { Description = "An experiment id (see --list), or all.", Arity = ArgumentArity.ZeroOrOne };
        var quick = new Option<bool>("--quick") { Description = "Small grids and few instances (seconds per experiment)." };
        var list = new Option<bool>("--list") { Description = "List the experiments and exit." };
        var root = new Option<string>("--out") { Description = "Report root: writes DIR/results/<id>/ and DIR/README.md.", DefaultValueFactory = _ => DefaultExperimentRoot };
        var command = new Command("experiment", "Reproduce a result of the paper: CSV data, PNG plots and a verdict under experiments/results/<id>/.");
        command.Add(id);
        command.Add(quick);
        command.Add(list);
        command.Add(root);
        command.SetAction(parse => context.Run(() => parse.GetValue(list)
            ? ListExperiments(context.Output)
            : RunExperiments(parse.GetValue(id), parse.GetValue(quick), parse.GetValue(root)!, context.Output, context.Error)));
        return command;
    }

    /// <summary>Redirected stderr: each experiment's progress lines as they come.</summary>
    private static IReadOnlyList<ExperimentReport> RunWithLines(IReadOnlyList<Experiment> chosen, string root, bool quick, TextWriter error)
    {
        var gate = new Lock();
        return ExperimentRunner.Run(chosen, root, quick, line => { lock (gate) error.WriteLine(line); });
    }

    /// <summary>A terminal: a Spectre progress bar over the experiments, each line showing what it is doing.</summary>
    private static IReadOnlyList<ExperimentReport> RunWithProgressBar(IReadOnlyList<Experiment> chosen, string root, bool quick, TextWriter error)
    {
        IReadOnlyList<ExperimentReport> reports = [];
        Progress.Console(error).Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var overall = context.AddTask($"{chosen.Count} experiment{(chosen.Count == 1 ? "" : "s")}", maxValue: chosen.Count);
                var tasks = chosen.ToDictionary(e => e.Id, e => context.AddTask(Markup.Escape(e.Id), autoStart: false, maxValue: 1));
                var gate = new Lock();
                reports = ExperimentRunner.Run(chosen, root, quick,
                    line =>
                    {
                        // "[id] message": the task of that id shows its latest message.
                        int close = line.IndexOf(']', StringComparison.Ordinal);
                        if (close < 2 || !tasks.TryGetValue(line[1..close], out var task)) return;
                        lock (gate)
                        {
                            if (!task.IsStarted) task.StartTask();
                            task.IsIndeterminate = true;
                            task.Description = Markup.Escape(Shorten(line, 70));
                        }
                    },
                    report =>
                    {
                        lock (gate)
                        {
                            var task = tasks[report.Id];
                            task.IsIndeterminate = false;
                            task.Value = 1;
                            task.Description = Markup.Escape($"{report.Id}: {report.Claims.Count(c => c.Verdict == Verdict.Holds)} hold, "
                                + $"{report.Claims.Count(c => c.Verdict == Verdict.Fails)} fail, {report.Seconds:0.0} s");
                            task.StopTask();
                            overall.Increment(1);
                        }
                    });
            });
        return reports;
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private static int ListExperiments(TextWriter output)
    {
        foreach (var experiment in ExperimentCatalog.All) output.WriteLine($"{experiment.Id,-12} {experiment.Title}");
        return OrSolverCommandLine.Success;
    }

    private static int RunExperiments(string? id, bool quick, string root, TextWriter output, TextWriter error)
    {
        string ids = string.Join(", ", ExperimentCatalog.All.Select(e => e.Id));
        if (string.IsNullOrWhiteSpace(id)) throw new InputException($"name an experiment or all; experiments: {ids}");
        IReadOnlyList<Experiment> chosen = string.Equals(id, "all", StringComparison.OrdinalIgnoreCase)
            ? ExperimentCatalog.All
            : [ExperimentCatalog.Find(id) ?? throw new InputException($"unknown experiment '{InputException.Excerpt(id)}'; experiments: {ids}, all")];
        try
        {
            Directory.CreateDirectory(Path.Combine(root, ExperimentRunner.ResultsFolder));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot write to {root}: {e.Message}");
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var reports = Progress.Interactive(error)
            ? RunWithProgressBar(chosen, root, quick, error)
            : RunWithLines(chosen, root, quick, error);
        clock.Stop();
        var console = CliOutput.Console(output);
        var table = new Table().AddColumn("experiment").AddColumn("claims").AddColumn("holds").AddColumn("fails").AddColumn("outside theory").AddColumn("points checked").AddColumn(new TableColumn("seconds").RightAligned());
        foreach (var report in reports)
        {
            table.AddRow(Markup.Escape(report.Id), report.Claims.Count.ToString(CultureInfo.InvariantCulture),
                report.Claims.Count(c => c.Verdict == Verdict.Holds).ToString(CultureInfo.InvariantCulture),
                report.Claims.Count(c => c.Verdict == Verdict.Fails).ToString(CultureInfo.InvariantCulture),
                report.Claims.Count(c => c.Verdict == Verdict.OutsideTheory).ToString(CultureInfo.InvariantCulture),
                Markup.Escape(report.Verification is { Points: > 0 } v ? $"{v.Points}{(v.AllAgree ? "" : $", {v.Failed} FAILED")}" : "—"),
                report.Seconds.ToString("0.0", CultureInfo.InvariantCulture));
        }
        console.Write(table);
        // The seconds above are each experiment's own, while others ran beside it; this is the wall time of the whole run.
        console.MarkupLine(Markup.Escape($"{reports.Count} experiment{(reports.Count == 1 ? "" : "s")} in {clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s on {Environment.ProcessorCount} worker{(Environment.ProcessorCount == 1 ? "" : "s")}"));
        console.MarkupLine(Markup.Escape($"report: {Path.Combine(root, ReproductionReport.FileName)}; data, plots and verdicts: {Path.Combine(root, ExperimentRunner.ResultsFolder)}/<id>/"));
        var broken = reports.Where(r => r.Error is not null).ToList();
        foreach (var report in broken) error.WriteLine($"orsolver: experiment {report.Id} stopped with an error: {report.Error}");
        if (broken.Count > 0) return OrSolverCommandLine.InternalError;
        // A claim that fails or a reported point whose check failed is a failed run (exit code 1), after the report is written.
        int failed = 0;
        foreach (var report in reports)
        {
            foreach (var claim in report.Claims.Where(c => c.Verdict == Verdict.Fails))
            {
                error.WriteLine($"orsolver: experiment {report.Id}: {claim.Reference} fails: {claim.Measured}");
                failed++;
            }
            if (report.Verification is { AllAgree: false } v)
            {
                error.WriteLine($"orsolver: experiment {report.Id}: {v}");
                failed++;
            }
        }
        return failed == 0 ? OrSolverCommandLine.Success : OrSolverCommandLine.SolverFailure;
    }
}
