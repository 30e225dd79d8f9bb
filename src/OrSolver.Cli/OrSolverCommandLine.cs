using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CsvHelper;
using OrSolver.Core;
using OrSolver.Core.Distributions;
using OrSolver.Core.Frontier;
using OrSolver.Core.Program;
using OrSolver.Core.Program.OrTools;
using OrSolver.Core.Scenarios;
using Spectre.Console;

namespace OrSolver.Cli;

/// <summary>
/// The <c>orsolver</c> command line: a thin face over OrSolver.Core. Exit codes: 0 success, 1 solver failure
/// (the message names the status), 2 bad input (one line on stderr), 3 internal error (a bug; one line).
/// Nothing is written to <c>--out</c> unless the whole command succeeds.
/// </summary>
public static class OrSolverCommandLine
{
    /// <summary>Exit code of a successful run.</summary>
    public const int Success = 0;

    /// <summary>Exit code when the solver did not return a trustworthy optimum.</summary>
    public const int SolverFailure = 1;

    /// <summary>Exit code for bad input.</summary>
    public const int BadInput = 2;

    /// <summary>Exit code for a bug.</summary>
    public const int InternalError = 3;

    /// <summary>The scenario the bare <c>orsolver</c> runs.</summary>
    public const string DefaultModel = "uniform";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Runs the command line with the given arguments and writers; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var options = new CommonOptions();
        var root = new RootCommand("OrSolver: the revenue–surplus Pareto frontier of truthful auctions (Babaioff, Chen, Chen, Feng).");
        int exit = Success;

        root.SetAction(_ => exit = Guard(error, () => MainJob(output)));

        var inspect = new Command("inspect", "The distribution's class, mean, monopoly reserve and the frontier's landmarks.");
        options.AddTo(inspect);
        inspect.SetAction(parse => exit = Guard(error, () => Inspect(options.Resolve(parse), output)));
        root.Add(inspect);

        var surplus = new Option<double>("--surplus") { Description = "U₀: the buyers' surplus to guarantee.", Required = true };
        var solve = new Command("solve", "Maximum revenue subject to buyers' surplus ≥ U.");
        options.AddTo(solve);
        solve.Add(surplus);
        solve.SetAction(parse => exit = Guard(error, () => Solve(options.Resolve(parse), parse.GetValue(surplus), output, error)));
        root.Add(solve);

        var points = new Option<int>("--points") { Description = "Number of points, evenly spaced in U from the Myerson point to U*.", DefaultValueFactory = _ => 11 };
        var frontier = new Command("frontier", "The Pareto frontier: P points from the Myerson point to U*.");
        options.AddTo(frontier);
        frontier.Add(points);
        frontier.SetAction(parse => exit = Guard(error, () => Frontier(options.Resolve(parse), parse.GetValue(points), output)));
        root.Add(frontier);

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // System.CommandLine's messages can span lines ("Did you mean one of the following?" and a list): keep one.
            string message = parsed.Errors[0].Message.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries)[0];
            error.WriteLine($"orsolver: {message}");
            return BadInput;
        }
        int invoked = parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        return invoked != 0 ? invoked : exit;
    }

    /// <summary>Maps exceptions to exit codes with one line on stderr, never a stack trace.</summary>
    private static int Guard(TextWriter error, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (InputException e)
        {
            error.WriteLine($"orsolver: {e.Message}");
            return BadInput;
        }
        catch (SolverFailureException e)
        {
            error.WriteLine($"orsolver: {e.Message}");
            return SolverFailure;
        }
#pragma warning disable CA1031 // The command line's last line of defence: a bug becomes one line and exit code 3.
        catch (Exception e)
        {
            error.WriteLine($"orsolver: internal error: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
            return InternalError;
        }
#pragma warning restore CA1031
    }

    private static int MainJob(TextWriter output)
    {
        var scenario = Scenario.Load(ModelFiles.Find(DefaultModel));
        var request = new Request(scenario.Distribution, scenario.Buyers, scenario.Grid, OutputFormat.Table, null);
        var console = Console(output);
        console.MarkupLine($"[bold]OrSolver[/] — default model [bold]{Markup.Escape(scenario.Name)}[/]: {Markup.Escape(scenario.Description)}");
        var problem = new FrontierProblem(request.Market, request.Grid);
        Tables.Inspect(console, InspectReport.Of(problem));
        using var solver = new FrontierSolver(problem, new OrToolsLinearSolver());
        Tables.Frontier(console, Checked(solver.Sweep(11)));
        return Success;
    }

    private static int Inspect(Request request, TextWriter output)
    {
        var report = InspectReport.Of(new FrontierProblem(request.Market, request.Grid));
        switch (request.Format)
        {
            case OutputFormat.Json:
            case OutputFormat.Csv:
                string json = JsonSerializer.Serialize(report, Json);
                Emit(request, "inspect.json", json, output);
                break;
            default:
                Tables.Inspect(Console(output), report);
                Emit(request, "inspect.json", JsonSerializer.Serialize(report, Json), null);
                break;
        }
        return Success;
    }

    private static int Solve(Request request, double surplus, TextWriter output, TextWriter error)
    {
        var problem = new FrontierProblem(request.Market, request.Grid);
        using var solver = new FrontierSolver(problem, new OrToolsLinearSolver());
        var solve = Checked([solver.Solve(surplus)])[0];
        if (solve.Note is not null) error.WriteLine($"orsolver: {solve.Note}");
        var report = SolveReport.Of(solve);
        string json = JsonSerializer.Serialize(report, Json);
        if (request.Format == OutputFormat.Table)
        {
            Tables.Solve(Console(output), report);
            Emit(request, "solve.json", json, null);
        }
        else
        {
            Emit(request, "solve.json", json, output);
        }
        return Success;
    }

    private static int Frontier(Request request, int points, TextWriter output)
    {
        var problem = new FrontierProblem(request.Market, request.Grid);
        using var solver = new FrontierSolver(problem, new OrToolsLinearSolver());
        var solves = Checked(solver.Sweep(points));
        var rows = solves.Select(FrontierRow.Of).ToList();
        string csv = FrontierCsv(rows);
        switch (request.Format)
        {
            case OutputFormat.Csv:
                Emit(request, "frontier.csv", csv, output);
                break;
            case OutputFormat.Json:
                Emit(request, "frontier.csv", csv, null);
                output.WriteLine(JsonSerializer.Serialize(rows, Json));
                break;
            default:
                Emit(request, "frontier.csv", csv, null);
                Tables.Frontier(Console(output), solves);
                break;
        }
        return Success;
    }

    /// <summary>Every solve must be optimal and re-checked; otherwise the command fails with the status.</summary>
    private static IReadOnlyList<SurplusSolve> Checked(IReadOnlyList<SurplusSolve> solves)
    {
        foreach (var s in solves)
        {
            if (s.Status != SolveStatus.Optimal)
                throw new SolverFailureException($"solver status {SolveReport.StatusWord(s.Status)} (backend: {s.BackendStatus}) at surplus {s.SurplusFloor:G10}{(s.Note is null ? "" : ": " + s.Note)}");
        }
        return solves;
    }

    internal static string FrontierCsv(IEnumerable<FrontierRow> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, new CsvWriterOptions { NewLine = "\n" }, leaveOpen: true))
        {
            csv.WriteRecords(rows);
        }
        return text.ToString();
    }

    /// <summary>Prints <paramref name="content"/> (when <paramref name="output"/> is given) and writes it to
    /// <c>--out</c>/<paramref name="fileName"/> through a temporary file and a rename, so that a reader never sees
    /// a partial file.</summary>
    private static void Emit(Request request, string fileName, string content, TextWriter? output)
    {
        if (request.OutputDirectory is { } directory)
        {
            try
            {
                Directory.CreateDirectory(directory);
                string target = Path.Combine(directory, fileName);
                string temporary = Path.Combine(directory, $".{fileName}.{Environment.ProcessId}.tmp");
                File.WriteAllText(temporary, content);
                File.Move(temporary, target, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InputException($"cannot write to {directory}: {e.Message}");
            }
        }
        output?.Write(content.EndsWith('\n') ? content : content + "\n");
    }

    private static IAnsiConsole Console(TextWriter output) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(output),
        Ansi = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = ColorSystemSupport.Detect,
    });

    /// <summary>The options every command takes.</summary>
    private sealed class CommonOptions
    {
        private readonly Option<string?> _distribution = new("--dist") { Description = "Value distribution, e.g. \"uniform(0, 1)\" or \"pareto(2, cap=100)\"." };
        private readonly Option<string?> _model = new("--model") { Description = "Scenario file (JSON) or the name of one in models/." };
        private readonly Option<long?> _buyers = new("--buyers") { Description = "n, the number of buyers (default 2, or the model's)." };
        private readonly Option<int?> _grid = new("--grid") { Description = "m, the number of grid cells (default 4000, or the model's)." };
        private readonly Option<OutputFormat> _format = new("--format") { Description = "table, json or csv.", DefaultValueFactory = _ => OutputFormat.Table };
        private readonly Option<string?> _out = new("--out") { Description = "Directory to write the result file into." };

        public void AddTo(Command command)
        {
            command.Add(_distribution);
            command.Add(_model);
            command.Add(_buyers);
            command.Add(_grid);
            command.Add(_format);
            command.Add(_out);
        }

        public Request Resolve(ParseResult parse)
        {
            string? spec = parse.GetValue(_distribution), model = parse.GetValue(_model);
            if (spec is not null && model is not null) throw new InputException("give --dist or --model, not both");
            if (spec is null && model is null) throw new InputException("give --dist SPEC or --model FILE");
            IValueDistribution distribution;
            long buyers;
            int? grid;
            if (model is not null)
            {
                var scenario = Scenario.Load(ModelFiles.Find(model));
                distribution = scenario.Distribution;
                buyers = parse.GetValue(_buyers) ?? scenario.Buyers;
                grid = parse.GetValue(_grid) ?? scenario.Grid;
            }
            else
            {
                distribution = DistributionSpec.Parse(spec!);
                buyers = parse.GetValue(_buyers) ?? 2;
                grid = parse.GetValue(_grid);
            }
            return new Request(distribution, buyers, grid, parse.GetValue(_format), parse.GetValue(_out));
        }
    }

    /// <summary>A resolved command: what to solve and how to print it.</summary>
    private sealed record Request(IValueDistribution Distribution, long Buyers, int? Grid, OutputFormat Format, string? OutputDirectory)
    {
        public Market Market { get; } = new(Distribution, Buyers);
    }
}

/// <summary>The solver did not return a trustworthy optimum (exit code 1).</summary>
internal sealed class SolverFailureException(string message) : Exception(message);
