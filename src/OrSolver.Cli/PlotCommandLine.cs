using System.CommandLine;
using OrSolver.Core;
using OrSolver.Plots;

namespace OrSolver.Cli;

public static partial class OrSolverCommandLine
{
    private static Option<bool> PlotOption() => new("--plot")
    {
        Description = "Also draw the pictures (PNG and SVG) into --out (or the current directory).",
    };

    /// <summary>Writes each chart as NAME.png and NAME.svg into <c>--out</c> (or the current directory), each through a
    /// temporary file and a rename so that no partial picture is left behind; the table format says where (JSON and CSV
    /// keep stdout to the data).</summary>
    private static void PlotFiles(Request request, TextWriter output, params (string Name, Chart Chart)[] charts)
    {
        string directory = request.OutputDirectory ?? ".";
        var written = new List<string>();
        try
        {
            Directory.CreateDirectory(directory);
            foreach (var (name, chart) in charts)
            {
                foreach (string extension in new[] { ".png", ".svg" })
                {
                    string target = Path.Combine(directory, name + extension);
                    string temporary = Path.Combine(directory, $".{name}.{Environment.ProcessId}.tmp{extension}");
                    try
                    {
                        chart.Save(temporary);
                        File.Move(temporary, target, overwrite: true);
                    }
                    finally
                    {
                        if (File.Exists(temporary)) File.Delete(temporary);
                    }
                    written.Add(target);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot write to {directory}: {e.Message}");
        }
        if (request.Format == OutputFormat.Table) output.WriteLine($"plots: {string.Join(", ", written)}");
    }
}
