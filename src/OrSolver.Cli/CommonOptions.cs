using System.CommandLine;
using System.Globalization;
using OrSolver.Core;
using OrSolver.Core.Classes;
using OrSolver.Core.Distributions;
using OrSolver.Core.Scenarios;

namespace OrSolver.Cli;

/// <summary>The options every market command takes: the market (<c>--dist</c> or <c>--model</c>, <c>--buyers</c>,
/// <c>--units</c>, <c>--grid</c>; or buyers of several classes, <c>--class N:SPEC</c> repeated) and the output
/// (<c>--format</c>, <c>--out</c>).</summary>
internal sealed class CommonOptions
{
    private readonly Option<string?> _distribution = new("--dist") { Description = "Value distribution, e.g. \"uniform(0, 1)\" or \"pareto(2, cap=100)\"." };
    private readonly Option<string?> _model = new("--model") { Description = "Scenario file (JSON) or the name of one in models/." };
    private readonly Option<long?> _buyers = new("--buyers") { Description = "n, the number of buyers (default 2, or the model's)." };
    private readonly Option<int?> _units = new("--units") { Description = "k, identical units for sale to unit-demand buyers (default 1, or the model's)." };
    private readonly Option<int?> _grid = new("--grid") { Description = "m, the number of grid cells (default 4000, or the model's)." };
    private readonly Option<OutputFormat> _format = new("--format") { Description = "table, json or csv.", DefaultValueFactory = _ => OutputFormat.Table };
    private readonly Option<string?> _out = new("--out") { Description = "Directory to write the result file into." };
    private readonly Option<string[]> _classes = new("--class")
    {
        Description = "A class of buyers N:SPEC (N buyers with values from SPEC), repeated for each class, in place of --dist and --buyers, "
            + "e.g. --class \"1:uniform(0,1)\" --class \"1:uniform(0,2)\".",
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Add(_distribution);
        command.Add(_model);
        command.Add(_buyers);
        command.Add(_units);
        command.Add(_grid);
        command.Add(_format);
        command.Add(_out);
        command.Add(_classes);
    }

    /// <summary>
    /// The market of several classes the options name (<c>--class</c>, or <c>--model</c> naming a scenario with "classes"),
    /// or null when they name an i.i.d. market. Bad input (a malformed N:SPEC, N &lt; 1, <c>--class</c> mixed with
    /// <c>--dist</c>, <c>--buyers</c> or <c>--units</c>, more classes or buyers than accepted) is an <see cref="InputException"/>.
    /// </summary>
    public ClassRequest? ResolveClasses(ParseResult parse)
    {
        var given = parse.GetValue(_classes) ?? [];
        string? model = parse.GetValue(_model);
        ClassScenario? scenario = null;
        if (model is not null && given.Length == 0)
        {
            string path = ModelFiles.Find(model);
            if (!ClassScenario.IsClassScenario(path)) return null;
            scenario = ClassScenario.Load(path);
        }
        if (given.Length == 0 && scenario is null) return null;
        if (given.Length > 0 && model is not null) throw new InputException("give --class or --model, not both");
        if (parse.GetValue(_distribution) is not null) throw new InputException("give --class N:SPEC for every class, or --dist SPEC for i.i.d. buyers, not both");
        if (parse.GetValue(_buyers) is not null) throw new InputException("--buyers does not apply to classes: each --class N:SPEC gives its own N");
        if (parse.GetValue(_units) is { } units && units != 1) throw new InputException("buyers of several classes are solved for one unit only: leave out --units");
        if (parse.GetValue(_out) is { } output) OutputFiles.Check(output);
        var market = scenario?.Market ?? new ClassMarket([.. given.Select(ParseClass)]);
        int grid = parse.GetValue(_grid) ?? scenario?.Grid ?? ClassOptions.DefaultGrid;
        // Validates the grid's range.
        _ = new ClassOptions { Grid = grid };
        return new ClassRequest(market, grid, parse.GetValue(_format), parse.GetValue(_out));
    }

    /// <summary>Parses one <c>--class N:SPEC</c>.</summary>
    internal static BuyerClass ParseClass(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !long.TryParse(text.AsSpan(0, colon).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long buyers))
            throw new InputException($"--class: '{InputException.Excerpt(text)}' is not N:SPEC (e.g. --class \"2:uniform(0,1)\")");
        if (buyers < 1) throw new InputException($"--class: every class needs at least 1 buyer (got {buyers} in '{InputException.Excerpt(text)}')");
        if (buyers > ClassMarket.MaximumBuyers)
            throw new InputException($"--class: at most {ClassMarket.MaximumBuyers} buyers in total are supported across classes (got {buyers} in one class)");
        string spec = text[(colon + 1)..].Trim();
        if (spec.Length == 0) throw new InputException($"--class: '{InputException.Excerpt(text)}' names no distribution after the colon");
        return new BuyerClass(DistributionSpec.Parse(spec), buyers);
    }

    /// <summary>The market and output the options name; a scenario's values are overridden by explicit options.</summary>
    public Request Resolve(ParseResult parse)
    {
        if (parse.GetValue(_classes) is { Length: > 0 }) throw new InputException("this command does not take --class");
        string? spec = parse.GetValue(_distribution), model = parse.GetValue(_model);
        if (spec is not null && model is not null) throw new InputException("give --dist or --model, not both");
        if (spec is null && model is null) throw new InputException("give --dist SPEC or --model FILE");
        if (parse.GetValue(_out) is { } output) OutputFiles.Check(output);
        if (model is not null)
        {
            var scenario = Scenario.Load(ModelFiles.Find(model));
            return new Request(scenario.Distribution, parse.GetValue(_buyers) ?? scenario.Buyers, parse.GetValue(_units) ?? scenario.Units,
                parse.GetValue(_grid) ?? scenario.Grid, parse.GetValue(_format), parse.GetValue(_out));
        }
        return new Request(DistributionSpec.Parse(spec!), parse.GetValue(_buyers) ?? 2, parse.GetValue(_units) ?? 1, parse.GetValue(_grid),
            parse.GetValue(_format), parse.GetValue(_out));
    }

    /// <summary>The request of a scenario file as it stands (the bare <c>orsolver</c>'s default model).</summary>
    public static Request Of(Scenario scenario, OutputFormat format)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new Request(scenario.Distribution, scenario.Buyers, scenario.Units, scenario.Grid, format, null);
    }
}

/// <summary>A resolved command: what to solve and how to print it.</summary>
/// <param name="Distribution">F.</param>
/// <param name="Buyers">n.</param>
/// <param name="Units">k.</param>
/// <param name="Grid">m, or null for the default.</param>
/// <param name="Format">How to print.</param>
/// <param name="OutputDirectory">Where to write the result file, or null.</param>
internal sealed record Request(IValueDistribution Distribution, long Buyers, int Units, int? Grid, OutputFormat Format, string? OutputDirectory)
{
    /// <summary>F, n and k as a market (validated on construction).</summary>
    public Market Market { get; } = new(Distribution, Buyers, Units);
}

/// <summary>A resolved command on buyers of several classes: what to solve and how to print it.</summary>
/// <param name="Market">The classes.</param>
/// <param name="Grid">Cells per class.</param>
/// <param name="Format">How to print.</param>
/// <param name="OutputDirectory">Where to write the result file, or null.</param>
internal sealed record ClassRequest(ClassMarket Market, int Grid, OutputFormat Format, string? OutputDirectory)
{
    /// <summary>The market in words, e.g. "1×uniform(0,1) + 1×uniform(0,2)".</summary>
    public string Title => string.Join(" + ", Market.Classes.Select(c => $"{c.Buyers}×{c.Distribution.Spec}"));
}
