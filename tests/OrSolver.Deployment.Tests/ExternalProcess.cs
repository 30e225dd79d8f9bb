using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace OrSolver.Deployment.Tests;

/// <summary>What one external command returned.</summary>
internal sealed record ProcessResult(string Command, int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture,
            $"$ {Command}\nexit {ExitCode} after {Elapsed.TotalSeconds:F1} s\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}");
}

/// <summary>Runs programs outside the test process (dotnet, the installed tool, the Slurm commands).</summary>
internal static class ExternalProcess
{
    /// <summary>The configuration this test assembly was built in (Debug or Release): the packages are packed from the
    /// build of the same configuration.</summary>
    public static string Configuration { get; } =
        typeof(ExternalProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "Configuration").Value!;

    /// <summary>Runs <paramref name="program"/> and returns what it printed; a run longer than
    /// <paramref name="timeout"/> is killed (with its children) and reported as exit code −1.</summary>
    public static ProcessResult Run(string program, IEnumerable<string> args, string workingDirectory, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (string arg in args) start.ArgumentList.Add(arg);
        // A dotnet started from inside `dotnet test` inherits the MSBuild settings of the outer build; the nested
        // build resolves its own. Build servers that outlive the command are not wanted either.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        if (environment is not null)
            foreach (var (name, value) in environment) start.Environment[name] = value;

        string command = program + " " + string.Join(' ', start.ArgumentList.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a));
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        bool finished = process.WaitForExit(timeout);
        if (!finished)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        else
        {
            process.WaitForExit(); // drains the redirected streams
        }
        string output, error;
        lock (stdout) output = stdout.ToString();
        lock (stderr) error = stderr.ToString();
        if (!finished) error += string.Create(CultureInfo.InvariantCulture, $"\n(killed after {timeout.TotalSeconds:F0} s)");
        return new ProcessResult(command, finished ? process.ExitCode : -1, output, error, stopwatch.Elapsed);
    }

    /// <summary>Runs and requires exit code 0; the failure message holds the command and everything it printed.</summary>
    public static ProcessResult RunOk(string program, IEnumerable<string> args, string workingDirectory, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var result = Run(program, args, workingDirectory, timeout, environment);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
