using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace OrSolver.Cli;

/// <summary>
/// Progress for long runs: a Spectre.Console progress bar when stderr is a terminal, plain lines otherwise
/// (logs and pipes get occasional lines, not escape codes).
/// </summary>
internal static class Progress
{
    /// <summary>Whether <paramref name="error"/> is the process's stderr and a terminal.</summary>
    public static bool Interactive(TextWriter error) => ReferenceEquals(error, System.Console.Error) && !System.Console.IsErrorRedirected;

    /// <summary>A Spectre console writing to <paramref name="error"/>.</summary>
    public static IAnsiConsole Console(TextWriter error) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(error),
        Ansi = AnsiSupport.Detect,
        ColorSystem = ColorSystemSupport.Detect,
    });

    /// <summary>How often a redirected run prints a line.</summary>
    private static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(5);

    /// <summary>Runs <paramref name="body"/> with a progress sink over <paramref name="total"/> steps: a bar with the rate
    /// and the time left on a terminal, otherwise a line on <paramref name="error"/> at most every 5 s saying the same
    /// (quick runs print nothing).</summary>
    /// <param name="error">Where progress goes (stderr).</param>
    /// <param name="description">What is running.</param>
    /// <param name="total">The steps to do.</param>
    /// <param name="body">The work; it reports the steps done so far.</param>
    /// <param name="unit">What a step is, plural ("points", "rows"), for the rate.</param>
    public static T Run<T>(TextWriter error, string description, int total, Func<IProgress<int>, T> body, string unit = "steps")
    {
        if (Interactive(error))
        {
            T result = default!;
            Console(error).Progress().AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RateColumn(unit), new RemainingTimeColumn())
                .Start(context =>
                {
                    var task = context.AddTask(Markup.Escape(description), maxValue: total);
                    result = body(new Sink(done => task.Value = done));
                });
            return result;
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var last = TimeSpan.Zero;
        return body(new Sink(done =>
        {
            var elapsed = clock.Elapsed;
            if (elapsed - last < LineInterval) return;
            last = elapsed;
            error.WriteLine($"orsolver: {description}: {Line(done, total, elapsed, unit)}");
        }));
    }

    /// <summary>"40 of 200 rows, 1.3 rows/s, about 2 min 03 s left" after <paramref name="elapsed"/>.</summary>
    internal static string Line(int done, int total, TimeSpan elapsed, string unit)
    {
        string line = $"{done} of {total} {unit}";
        if (done <= 0 || elapsed <= TimeSpan.Zero) return line;
        double rate = done / elapsed.TotalSeconds;
        return $"{line}, {Rate(rate, unit)}, about {Duration(TimeSpan.FromSeconds((total - done) / rate))} left";
    }

    /// <summary>"1.3 rows/s", or "12 rows/min" below one a second.</summary>
    private static string Rate(double perSecond, string unit) => perSecond >= 1
        ? $"{perSecond.ToString("0.##", CultureInfo.InvariantCulture)} {unit}/s"
        : $"{(perSecond * 60).ToString("0.##", CultureInfo.InvariantCulture)} {unit}/min";

    /// <summary>"42 s", "3 min 05 s", "2 h 07 min".</summary>
    internal static string Duration(TimeSpan span) => span.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes:00} min")
        : span.TotalMinutes >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min {span.Seconds:00} s")
            : string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(span.TotalSeconds):0} s");

    /// <summary>The bar's rate column: the task's speed in steps per second (or per minute when slower).</summary>
    private sealed class RateColumn(string unit) : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
            => new Text(task.Speed is { } speed && speed > 0 ? Rate(speed, unit) : $"– {unit}/s", Style.Plain);
    }

    /// <summary>A synchronous <see cref="IProgress{T}"/> (System.Progress posts to a synchronisation context).</summary>
    private sealed class Sink(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
