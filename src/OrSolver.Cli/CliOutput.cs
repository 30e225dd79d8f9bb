using OrSolver.Core.Auctions;
using OrSolver.Core.Mechanisms;
using OrSolver.Core.Output;
using OrSolver.Core.Pareto;
using OrSolver.Plots;
using Spectre.Console;

namespace OrSolver.Cli;

/// <summary>
/// How every command prints and writes: a report as a table, JSON or CSV on stdout, the same result file in <c>--out</c>
/// (through a temporary file and a rename), pictures, and the verdict of the checks: one line on stderr per point whose
/// check failed and exit code 1, after the output is written with those points marked.
/// </summary>
internal static class CliOutput
{
    /// <summary>Prints a report as a table (and writes its JSON to <c>--out</c>) or as JSON (to stdout and <c>--out</c>).
    /// Reports without rows have no CSV form: <c>--format csv</c> prints their JSON.</summary>
    public static void Print<T>(Request request, string fileName, T report, TextWriter output, Action<IAnsiConsole> table)
        => Print(request.Format, request.OutputDirectory, fileName, report, output, table);

    /// <summary>As <see cref="Print{T}(Request, string, T, TextWriter, Action{IAnsiConsole})"/> for a command whose market is
    /// not an auction's (<paramref name="format"/> and <paramref name="directory"/> as <c>--format</c> and <c>--out</c>).</summary>
    public static void Print<T>(OutputFormat format, string? directory, string fileName, T report, TextWriter output, Action<IAnsiConsole> table)
    {
        string json = OutputText.ToJson(report);
        if (format == OutputFormat.Table)
        {
            // The file first: when --out cannot be written, nothing has been printed.
            Emit(directory, fileName, json, null);
            table(Console(output));
        }
        else
        {
            Emit(directory, fileName, json, output);
        }
    }

    /// <summary>Prints <paramref name="content"/> (when <paramref name="output"/> is given) and writes it to
    /// <c>--out</c>/<paramref name="fileName"/> through a temporary file and a rename, so that a reader never sees
    /// a partial file.</summary>
    public static void Emit(Request request, string fileName, string content, TextWriter? output)
        => Emit(request.OutputDirectory, fileName, content, output);

    /// <summary>As <see cref="Emit(Request, string, string, TextWriter?)"/> with <c>--out</c> given as
    /// <paramref name="directory"/> (null: no file).</summary>
    public static void Emit(string? directory, string fileName, string content, TextWriter? output)
    {
        if (directory is not null)
            OutputFiles.Write(directory, fileName, path => File.WriteAllText(path, content));
        output?.Write(content.EndsWith('\n') ? content : content + "\n");
    }

    /// <summary>The verdict of a command's checks: for each failing point one line on <paramref name="error"/> naming the
    /// point and what failed; exit code 0 when every point passed, 1 otherwise.</summary>
    public static int Verdict<TMechanism>(TextWriter error, IEnumerable<CheckedPoint<TMechanism>> points) where TMechanism : class
    {
        int failed = 0;
        foreach (var point in points.Where(p => !p.Check.Agrees))
        {
            error.WriteLine($"orsolver: check failed ({point.Check.Route}) at {Describe(point)}: {point.Check.Failure}");
            failed++;
        }
        return failed == 0 ? OrSolverCommandLine.Success : OrSolverCommandLine.SolverFailure;
    }

    private static string Describe<TMechanism>(CheckedPoint<TMechanism> point) where TMechanism : class
        => point.Role == PointRole.Sample ? $"U = {point.Surplus:G10}"
            : point.Role == PointRole.Vertex ? $"the vertex at U = {point.Surplus:G10}"
            : $"{point.Role.Name} (U = {point.Surplus:G10})";

    /// <summary>Writes each chart as NAME.png and NAME.svg into <c>--out</c> (or the current directory), each through a
    /// temporary file and a rename so that no partial picture is left behind; the table format says where (JSON and CSV
    /// keep stdout to the data).</summary>
    public static void PlotFiles(Request request, TextWriter output, params (string Name, Chart Chart)[] charts)
        => PlotFiles(request.Format, request.OutputDirectory, output, charts);

    /// <summary>As the overload taking a <see cref="Request"/>, with <c>--format</c> and
    /// <c>--out</c> given directly (a market that is not an auction's).</summary>
    public static void PlotFiles(OutputFormat format, string? outputDirectory, TextWriter output, params (string Name, Chart Chart)[] charts)
    {
        string directory = outputDirectory ?? ".";
        var written = new List<string>();
        foreach (var (name, chart) in charts)
            foreach (string extension in new[] { ".png", ".svg" })
                written.Add(OutputFiles.Write(directory, name + extension, path => chart.Save(path)));
        if (format == OutputFormat.Table) output.WriteLine($"plots: {string.Join(", ", written)}");
    }

    /// <summary>A Spectre console on <paramref name="output"/>: colours on a terminal, plain text 160 columns wide otherwise.</summary>
    public static IAnsiConsole Console(TextWriter output)
    {
        bool terminal = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ColorSystemSupport.Detect,
        });
        // Redirected output has no width: Spectre assumes 80 columns and wraps mechanism names mid-word.
        if (!terminal) console.Profile.Width = 160;
        return console;
    }
}
