using System.Diagnostics;

namespace OrSolver.Benchmarks;

/// <summary>This orsolver started as a child process, for the rows that time what a user runs.</summary>
public static class ChildProcess
{
    /// <summary>Runs <paramref name="command"/> (the program and its leading arguments, <see cref="BenchmarkSettings.OrSolverCommand"/>)
    /// with <paramref name="arguments"/>, timed by <paramref name="clock"/>; returns the exit code and the last line it wrote
    /// to stderr.</summary>
    public static (int ExitCode, string LastError) Run(IReadOnlyList<string> command, IReadOnlyList<string> arguments, Stopwatch clock)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(clock);
        var info = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in command.Skip(1).Concat(arguments)) info.ArgumentList.Add(argument);
        clock.Start();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {command[0]}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        clock.Stop();
        _ = output.Result;
        string last = error.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        return (process.ExitCode, last);
    }
}
