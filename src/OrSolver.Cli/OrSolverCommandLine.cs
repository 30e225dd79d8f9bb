using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CsvHelper;
using OrSolver.Core;
using OrSolver.Core.Characterization;
using OrSolver.Core.Mechanisms;
using OrSolver.Core.Distributions;
using OrSolver.Core.Frontier;
using OrSolver.Core.Program;
using OrSolver.Core.Program.OrTools;
using OrSolver.Core.Scenarios;
using OrSolver.Plots;
using Spectre.Console;

namespace OrSolver.Cli;

/// <summary>
/// The <c>orsolver</c> command line: a thin face over OrSolver.Core. Exit codes: 0 success, 1 solver failure
/// (the message names the status), 2 bad input (one line on stderr), 3 internal error (a bug; one line).
/// Nothing is written to <c>--out</c> unless the whole command succeeds.
/// </summary>
public static partial class OrSolverCommandLine
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

        var plotSolve = PlotOption();
        var plotFrontier = PlotOption();
        var plotBargain = PlotOption();
        var surplus = new Option<double>("--surplus") { Description = "U₀: the buyers' surplus to guarantee.", Required = true };
        var solve = new Command("solve", "Maximum revenue subject to buyers' surplus ≥ U.");
        options.AddTo(solve);
        solve.Add(surplus);
        solve.Add(plotSolve);
        solve.SetAction(parse => exit = Guard(error, () => Solve(options.Resolve(parse), parse.GetValue(surplus), parse.GetValue(plotSolve), output, error)));
        root.Add(solve);

        var points = new Option<int>("--points") { Description = "Number of points, evenly spaced in U from the Myerson point to U*.", DefaultValueFactory = _ => 11 };
        var method = new Option<FrontierMethod>("--method") { Description = "lp (warm-started LP sweep), hull (closed form) or both (fail on disagreement).", DefaultValueFactory = _ => FrontierMethod.Lp };
        var frontier = new Command("frontier", "The Pareto frontier: P points from the Myerson point to U*, and every vertex.");
        options.AddTo(frontier);
        frontier.Add(points);
        frontier.Add(method);
        frontier.Add(plotFrontier);
        frontier.SetAction(parse => exit = Guard(error, () => Frontier(options.Resolve(parse), parse.GetValue(points), parse.GetValue(method), parse.GetValue(plotFrontier), output, error)));
        root.Add(frontier);

        var bargain = new Command("bargain", "Kalai–Smorodinsky, Nash and cross-side Nash solutions, their welfare and mechanisms.");
        options.AddTo(bargain);
        bargain.Add(plotBargain);
        bargain.SetAction(parse => exit = Guard(error, () => Bargain(options.Resolve(parse), parse.GetValue(plotBargain), output, error)));
        root.Add(bargain);

        var reserve = new Option<double>("--reserve") { Description = "Reserve price of the auction to evaluate.", Required = true };
        var gaps = new Option<string?>("--gaps") { Description = "Value intervals removed from the bid space, \"a:b,c:d\"." };
        var evaluate = new Command("evaluate", "Revenue and surplus of an indirect Vickrey auction you name, against the frontier.");
        options.AddTo(evaluate);
        evaluate.Add(reserve);
        evaluate.Add(gaps);
        evaluate.SetAction(parse => exit = Guard(error, () => Evaluate(options.Resolve(parse), parse.GetValue(reserve), parse.GetValue(gaps), output)));
        root.Add(evaluate);

        root.Add(ModelsCommand.Create(output, body => exit = Guard(error, body)));
        root.Add(ExperimentCommand(output, error, code => exit = code));
        root.Add(BenchCommand.Create(output, body => exit = Guard(error, body)));

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
        var request = new Request(scenario.Distribution, scenario.Buyers, scenario.Units, scenario.Grid, OutputFormat.Table, null);
        var console = Console(output);
        console.MarkupLine($"[bold]OrSolver[/] — default model [bold]{Markup.Escape(scenario.Name)}[/]: {Markup.Escape(scenario.Description)}");
        var problem = new FrontierProblem(request.Market, request.Grid);
        Tables.Inspect(console, InspectReport.Of(problem));
        using var solver = new FrontierSolver(problem, new OrToolsLinearSolver());
        var rows = Checked(solver.Sweep(11)).Select(s =>
        {
            var analysis = PostProcessor.Analyse(s, problem.Discretised);
            return FrontierRow.Of(s.Point.Surplus, s.Point.Revenue, s.Lambda, analysis.Mechanism, extreme: false);
        }).ToList();
        Tables.Frontier(console, rows);
        return Success;
    }

    private static int Inspect(Request request, TextWriter output)
    {
        var report = InspectReport.Of(new FrontierProblem(request.Market, request.Grid));
        return Print(request, "inspect.json", report, output, console => Tables.Inspect(console, report));
    }

    /// <summary>Prints a report as a table (and writes its JSON to <c>--out</c>) or as JSON (to stdout and <c>--out</c>).
    /// Reports without rows have no CSV form: <c>--format csv</c> prints their JSON.</summary>
    private static int Print<T>(Request request, string fileName, T report, TextWriter output, Action<IAnsiConsole> table)
    {
        string json = JsonSerializer.Serialize(report, Json);
        if (request.Format == OutputFormat.Table)
        {
            // The file first: when --out cannot be written, nothing has been printed.
            Emit(request, fileName, json, null);
            table(Console(output));
        }
        else
        {
            Emit(request, fileName, json, output);
        }
        return Success;
    }

    private static int Solve(Request request, double surplus, bool plot, TextWriter output, TextWriter error)
    {
        var problem = new FrontierProblem(request.Market, request.Grid);
        using var solver = new FrontierSolver(problem, new OrToolsLinearSolver());
        var solve = Checked([solver.Solve(surplus)])[0];
        var analysis = PostProcessor.Analyse(solve, problem.Discretised);
        var report = SolveReport.Of(solve, analysis);
        int code = Print(request, "solve.json", report, output, console => Tables.Solve(console, report));
        // Notes after the result: a failure to write --out must stay the only line on stderr.
        if (solve.Note is not null) error.WriteLine($"orsolver: {solve.Note}");
        if (!analysis.Check.Agrees) error.WriteLine($"orsolver: check failed: {analysis.Check.Failure}");
        if (plot && solve.Allocation is { } allocation)
        {
            double lambda = double.IsFinite(analysis.Check.LambdaHull) || double.IsPositiveInfinity(analysis.Check.LambdaHull) ? analysis.Check.LambdaHull : solve.Lambda;
            PlotFiles(request, output,
                ("allocation", Figures.Allocation(allocation, analysis.Mechanism, $"Allocation at U ≥ {surplus:G6}: {request.Distribution.Spec}, n = {request.Buyers}")),
                ("mixed-curve", Figures.MixedCurve(problem.Discretised, lambda)));
        }
        return code;
    }

    private static int Frontier(Request request, int points, FrontierMethod method, bool plot, TextWriter output, TextWriter error)
    {
        if (points < 2) throw new InputException($"a frontier needs at least 2 points (got {points})");
        var problem = new FrontierProblem(request.Market, request.Grid);
        var market = problem.Discretised;
        var exact = ExactFrontier.Compute(market);
        var rows = new List<FrontierRow>();
        var samples = new List<(double Surplus, double Revenue, double Lambda, string Mechanism)>();
        if (method is FrontierMethod.Lp or FrontierMethod.Both)
        {
            using var solver = new FrontierSolver(problem, new OrToolsLinearSolver());
            var failures = new List<string>();
            var sweep = Progress.Run(error, $"LP sweep, {points} points", points, progress => solver.Sweep(points, progress));
            foreach (var solve in Checked(sweep))
            {
                var analysis = PostProcessor.Analyse(solve, exact);
                if (method == FrontierMethod.Both && !analysis.Check.Agrees) failures.Add($"U = {solve.Point.Surplus:G10}: {analysis.Check.Failure}");
                rows.Add(FrontierRow.Of(solve.Point.Surplus, solve.Point.Revenue, solve.Lambda, analysis.Mechanism, extreme: false));
            }
            if (failures.Count > 0)
                throw new SolverFailureException($"LP and hull disagree at {failures.Count} of {points} points; first: {failures[0]}");
        }
        else
        {
            double low = problem.MyersonSurplus, high = problem.OptimalSurplus;
            for (int i = 0; i < points; i++)
            {
                double u = i == points - 1 ? high : low + (high - low) * i / (points - 1);
                var location = exact.Locate(u);
                var mechanism = PostProcessor.Canonical(location, location.Left.Optimum(market), location.Right.Optimum(market));
                rows.Add(FrontierRow.Of(u, location.Revenue, location.Lambda, mechanism, extreme: false));
            }
        }
        int sampled = rows.Count;
        foreach (var vertex in exact.Vertices)
        {
            var location = exact.Locate(vertex.Surplus);
            rows.Add(FrontierRow.Of(vertex.Surplus, vertex.Revenue, location.Lambda, RecoveredMechanism.FromOptimum(vertex.Optimum(market)), true));
        }
        var bargaining = OrSolver.Core.Bargaining.BargainingSolver.Solve(problem, exact, new OrToolsLinearSolver());
        foreach (var solution in new[] { bargaining.KalaiSmorodinsky, bargaining.Nash, bargaining.CrossSideNash })
            rows.Add(FrontierRow.Of(solution.Surplus, solution.Revenue, solution.Location.Lambda, solution.Mechanism, false) with { Solution = solution.Name });
        if (plot) PlotFiles(request, output, ("frontier", Figures.Frontier(problem, exact, bargaining)));
        var sorted = rows.OrderBy(r => r.Surplus).ThenBy(r => r.Extreme ? 0 : 1).ToList();
        string csv = FrontierCsv(sorted);
        switch (request.Format)
        {
            case OutputFormat.Csv:
                Emit(request, "frontier.csv", csv, output);
                break;
            case OutputFormat.Json:
                Emit(request, "frontier.csv", csv, null);
                output.WriteLine(JsonSerializer.Serialize(sorted, Json));
                break;
            default:
                Emit(request, "frontier.csv", csv, null);
                var console = Console(output);
                Tables.Frontier(console, rows.Take(sampled).ToList());
                console.MarkupLine($"{exact.Vertices.Count} frontier vertices (extreme points); the CSV (--format csv or --out) lists them all.");
                break;
        }
        return Success;
    }

    private static int Bargain(Request request, bool plot, TextWriter output, TextWriter error)
    {
        var (problem, solutions) = OrSolver.Core.Bargaining.BargainingSolver.SolveRefined(request.Market, request.Grid, new OrToolsLinearSolver());
        var report = BargainReport.Of(problem, solutions);
        int code = Print(request, "bargain.json", report, output, console => Tables.Bargain(console, report));
        if (solutions.KalaiSmorodinskyStatus != SolveStatus.Optimal)
            error.WriteLine($"orsolver: the KS LP returned {SolveReport.StatusWord(solutions.KalaiSmorodinskyStatus)}; KS is the exact ray intersection with the grid frontier");
        if (plot)
        {
            var exact = ExactFrontier.Compute(problem.Discretised);
            var ks = solutions.KalaiSmorodinsky;
            PlotFiles(request, output,
                ("frontier", Figures.Frontier(problem, exact, solutions)),
                ("allocation-ks", Figures.Allocation(ks.Location.Allocation(problem.Discretised), ks.Mechanism,
                    $"Kalai–Smorodinsky auction: {request.Distribution.Spec}, n = {request.Buyers}")));
        }
        return code;
    }

    private static int Evaluate(Request request, double reserve, string? gapText, TextWriter output)
    {
        if (!double.IsFinite(reserve) || reserve < 0) throw new InputException($"the reserve must be a finite number ≥ 0 (got {reserve})");
        var gaps = ParseGaps(gapText);
        var distribution = request.Distribution;
        // Put the reserve and the gap ends on the grid, so that the grid auction has exactly this bid space there.
        var cuts = new List<double> { reserve };
        foreach (var g in gaps) { cuts.Add(g.Low); cuts.Add(g.High); }
        var forced = cuts.SelectMany(v => new[] { distribution.SurvivalInclusive(v), distribution.Survival(v) }).Where(q => q > 0 && q < 1);
        var problem = new FrontierProblem(request.Market, request.Grid, forced);
        var market = problem.Discretised;
        var bids = new List<double>();
        for (int k = market.Cells; k >= 1; k--)
        {
            double bid = market.Value(k);
            if (bid < reserve || gaps.Any(g => bid > g.Low && bid < g.High)) continue;
            if (bids.Count == 0 || bid > bids[^1]) bids.Add(bid);
        }
        if (bids.Count == 0) throw new InputException($"the reserve {reserve:G8} is above every value of {distribution.Spec}");
        var outcome = new IndirectVickreyAuction(bids).Evaluate(distribution, market.Buyers);
        double frontierRevenue, lambda;
        if (outcome.Surplus <= problem.MyersonSurplus)
        {
            (frontierRevenue, lambda) = (problem.OptimalRevenue, 0);
        }
        else
        {
            var location = ExactFrontier.LocateBySearch(market, outcome.Surplus, double.NaN);
            (frontierRevenue, lambda) = (location.Revenue, location.Lambda);
        }
        var report = new EvaluateReport(bids[0], [.. gaps.Select(g => new[] { g.Low, g.High })], outcome.Revenue, outcome.Surplus, outcome.Welfare,
            frontierRevenue, frontierRevenue - outcome.Revenue, lambda);
        return Print(request, "evaluate.json", report, output, console => Tables.Evaluate(console, report));
    }

    /// <summary>Parses "a:b,c:d" into value intervals with a &lt; b.</summary>
    internal static IReadOnlyList<BidSpaceGap> ParseGaps(string? text)
    {
        var gaps = new List<BidSpaceGap>();
        if (string.IsNullOrWhiteSpace(text)) return gaps;
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var ends = part.Split(':', StringSplitOptions.TrimEntries);
            if (ends.Length != 2
                || !double.TryParse(ends[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double low)
                || !double.TryParse(ends[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double high))
                throw new InputException($"--gaps: '{InputException.Excerpt(part)}' is not low:high (e.g. --gaps \"0.2:0.4,0.6:0.7\")");
            if (!(low < high) || !double.IsFinite(low) || !double.IsFinite(high))
                throw new InputException($"--gaps: '{InputException.Excerpt(part)}' needs finite low < high");
            gaps.Add(new BidSpaceGap(low, high));
        }
        return gaps;
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
            OutputFiles.Write(directory, fileName, path => File.WriteAllText(path, content));
        output?.Write(content.EndsWith('\n') ? content : content + "\n");
    }

    internal static IAnsiConsole Console(TextWriter output)
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

    /// <summary>The options every command takes.</summary>
    private sealed class CommonOptions
    {
        private readonly Option<string?> _distribution = new("--dist") { Description = "Value distribution, e.g. \"uniform(0, 1)\" or \"pareto(2, cap=100)\"." };
        private readonly Option<string?> _model = new("--model") { Description = "Scenario file (JSON) or the name of one in models/." };
        private readonly Option<long?> _buyers = new("--buyers") { Description = "n, the number of buyers (default 2, or the model's)." };
        private readonly Option<int?> _units = new("--units") { Description = "k, identical units for sale to unit-demand buyers (default 1, or the model's)." };
        private readonly Option<int?> _grid = new("--grid") { Description = "m, the number of grid cells (default 4000, or the model's)." };
        private readonly Option<OutputFormat> _format = new("--format") { Description = "table, json or csv.", DefaultValueFactory = _ => OutputFormat.Table };
        private readonly Option<string?> _out = new("--out") { Description = "Directory to write the result file into." };

        public void AddTo(Command command)
        {
            command.Add(_distribution);
            command.Add(_model);
            command.Add(_buyers);
            command.Add(_units);
            command.Add(_grid);
            command.Add(_format);
            command.Add(_out);
        }

        public Request Resolve(ParseResult parse)
        {
            string? spec = parse.GetValue(_distribution), model = parse.GetValue(_model);
            if (spec is not null && model is not null) throw new InputException("give --dist or --model, not both");
            if (spec is null && model is null) throw new InputException("give --dist SPEC or --model FILE");
            if (parse.GetValue(_out) is { } output) OutputFiles.Check(output);
            IValueDistribution distribution;
            long buyers;
            int? grid;
            int units;
            if (model is not null)
            {
                var scenario = Scenario.Load(ModelFiles.Find(model));
                distribution = scenario.Distribution;
                buyers = parse.GetValue(_buyers) ?? scenario.Buyers;
                grid = parse.GetValue(_grid) ?? scenario.Grid;
                units = parse.GetValue(_units) ?? scenario.Units;
            }
            else
            {
                distribution = DistributionSpec.Parse(spec!);
                buyers = parse.GetValue(_buyers) ?? 2;
                grid = parse.GetValue(_grid);
                units = parse.GetValue(_units) ?? 1;
            }
            return new Request(distribution, buyers, units, grid, parse.GetValue(_format), parse.GetValue(_out));
        }
    }

    /// <summary>A resolved command: what to solve and how to print it.</summary>
    private sealed record Request(IValueDistribution Distribution, long Buyers, int Units, int? Grid, OutputFormat Format, string? OutputDirectory)
    {
        public Market Market { get; } = new(Distribution, Buyers, Units);
    }
}

/// <summary>How <c>frontier</c> computes its points.</summary>
internal enum FrontierMethod
{
    /// <summary>A warm-started LP per point, each checked against the hull.</summary>
    Lp,
    /// <summary>The closed-form frontier (hull vertices, randomisations between them).</summary>
    Hull,
    /// <summary>Both; the command fails when they disagree.</summary>
    Both,
}

/// <summary>The JSON of <c>evaluate</c>: the auction as run on the grid, its values, and the frontier at its surplus.</summary>
internal sealed record EvaluateReport(double Reserve, double[][] BidSpaceGaps, double Revenue, double Surplus, double Welfare,
    double FrontierRevenue, double RevenueLeftOnTable, double Lambda);

/// <summary>The solver did not return a trustworthy optimum (exit code 1).</summary>
internal sealed class SolverFailureException(string message) : Exception(message);
