using Spectre.Console;

namespace OrSolver.Cli;

/// <summary>
/// Progress for long runs (issue 7): a Spectre.Console progress bar when stderr is a terminal, plain lines otherwise
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
}
