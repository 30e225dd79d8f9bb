using System.CommandLine;
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
        foreach (var (name, chart) in charts)
            foreach (string extension in new[] { ".png", ".svg" })
                written.Add(OutputFiles.Write(directory, name + extension, path => chart.Save(path)));
        if (request.Format == OutputFormat.Table) output.WriteLine($"plots: {string.Join(", ", written)}");
    }
}
