using System.CommandLine;
using OrSolver.Core;
using OrSolver.Core.Distributions;
using OrSolver.Core.Scenarios;

namespace OrSolver.Cli;

/// <summary>The options every market command takes: the market (<c>--dist</c> or <c>--model</c>, <c>--buyers</c>,
/// <c>--units</c>, <c>--grid</c>) and the output (<c>--format</c>, <c>--out</c>).</summary>
internal sealed class CommonOptions
{
    private readonly Option<string?> _distribution = new("--dist") { Description = "Value distribution, e.g. \"uniform(0, 1)\" or \"pareto(2, cap=100)\"." };
    private readonly Option<string?> _model = new("--model") { Description = "Scenario file (JSON) or the name of one in models/." };
    private readonly Option<long?> _buyers = new("--buyers") { Description = "n, the number of buyers (default 2, or the model's)." };
    private readonly Option<int?> _units = new("--units") { Description = "k, identical units for sale to unit-demand buyers (default 1, or the model's)." };
    private readonly Option<int?> _grid = new("--grid") { Description = "m, the number of grid cells (default 4000, or the model's)." };
    private readonly Option<OutputFormat> _format = new("--format") { Description = "table, json or csv.", DefaultValueFactory = _ => OutputFormat.Table };
    private readonly Option<string?> _out = new("--out") { Description = "Directory to write the result file into." };

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
    }

    /// <summary>The market and output the options name; a scenario's values are overridden by explicit options.</summary>
    public Request Resolve(ParseResult parse)
    {
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
