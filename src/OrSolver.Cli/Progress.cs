using Spectre.Console;

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

    /// <summary>Runs <paramref name="body"/> with a progress sink over <paramref name="total"/> steps: a bar on a terminal,
    /// otherwise a line on <paramref name="error"/> at most every 5 s (quick runs print nothing).</summary>
    public static T Run<T>(TextWriter error, string description, int total, Func<IProgress<int>, T> body)
    {
        if (Interactive(error))
        {
            T result = default!;
            Console(error).Progress().AutoClear(true).Start(context =>
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
            if (clock.Elapsed - last < LineInterval) return;
            last = clock.Elapsed;
            error.WriteLine($"orsolver: {description}: {done} of {total}");
        }));
    }

    /// <summary>A synchronous <see cref="IProgress{T}"/> (System.Progress posts to a synchronisation context).</summary>
    private sealed class Sink(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
