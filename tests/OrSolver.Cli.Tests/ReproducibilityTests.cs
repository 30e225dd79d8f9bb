using System.Diagnostics;

namespace OrSolver.Cli.Tests;

/// <summary>
/// The same command gives byte-identical CSV and JSON whatever the number of worker threads. The exact vertex search
/// forks onto the thread pool from 4000 cells when the machine has more than one core, and the experiments run over the
/// cores; each run here is a separate process with <c>DOTNET_PROCESSOR_COUNT</c> set to 1, 2 or 5, which is what the
/// runtime reports as the number of cores.
/// </summary>
public class ReproducibilityTests
{
    private static readonly int[] ProcessorCounts = [1, 2, 5];

    /// <summary>Runs the built <c>orsolver</c> in a new process with <paramref name="processors"/> cores; returns its stdout.</summary>
    private static string RunWithCores(int processors, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "orsolver.dll"));
        foreach (string arg in args) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_PROCESSOR_COUNT"] = processors.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"orsolver {string.Join(' ', args)} with {processors} cores: exit {process.ExitCode}\n{stderr.Result}");
        return stdout;
    }

    [Theory]
    [InlineData("frontier", "--dist", "exponential(1)", "--buyers", "5", "--grid", "4000", "--points", "5", "--format", "csv")]
    [InlineData("frontier", "--model", "bimodal", "--grid", "4000", "--points", "5", "--method", "hull", "--format", "json")]
    public void Output_does_not_depend_on_the_number_of_cores(params string[] args)
    {
        var outputs = ProcessorCounts.Select(p => RunWithCores(p, Repository.Root, args)).ToList();
        Assert.False(string.IsNullOrWhiteSpace(outputs[0]));
        for (int i = 1; i < outputs.Count; i++)
            Assert.True(outputs[0] == outputs[i], $"{string.Join(' ', args)}: output with {ProcessorCounts[i]} cores differs from 1 core");
    }

    /// <summary>Experiments run two at a time and measure markets in parallel: their data files are the same bytes.</summary>
    [Fact]
    public void Experiment_data_does_not_depend_on_the_number_of_cores()
    {
        var files = new List<Dictionary<string, string>>();
        foreach (int processors in new[] { 1, 2 })
        {
            using var directory = new TemporaryDirectory();
            RunWithCores(processors, Repository.Root, "experiment", "all", "--quick", "--out", directory.Path);
            string results = Path.Combine(directory.Path, "results");
            files.Add(Directory.GetFiles(results, "*.csv", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(results, f), File.ReadAllText, StringComparer.Ordinal));
        }
        Assert.NotEmpty(files[0]);
        Assert.Equal(files[0].Keys.Order(StringComparer.Ordinal), files[1].Keys.Order(StringComparer.Ordinal));
        foreach (var (name, content) in files[0])
            Assert.True(content == files[1][name], $"{name} differs between 1 and 2 cores");
    }
}
