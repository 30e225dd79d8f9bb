using System.CommandLine;
using System.Globalization;
using CsvHelper;
using OrSolver.Core.Classes;
using OrSolver.Core.Output;
using OrSolver.Core.Scenarios;

namespace OrSolver.Cli;

/// <summary>
/// <c>orsolver models</c>: every scenario file that <c>--model NAME</c> can find (the working directory's
/// <c>models/</c> and <c>models/classes/</c>, then the copy shipped with the executable; a name in both is the working
/// directory's), one line each: name, n, k, the distribution's canonical spec (for classes, each "n×spec") and the
/// description. Every file is loaded, so a broken one is
/// bad input (exit code 2) naming it.
/// </summary>
internal static class ModelsCommand
{
    /// <summary>The <c>models</c> command.</summary>
    public static Command Create(CliContext context)
    {
        var format = new Option<OutputFormat>("--format") { Description = "table, json or csv.", DefaultValueFactory = _ => OutputFormat.Table };
        var command = new Command("models", "List the scenario files --model NAME accepts, one line each.") { format };
        command.SetAction(parse => context.Run(() => Print(List(), parse.GetValue(format), context.Output)));
        return command;
    }

    /// <summary>The scenarios in name order (ordinal).</summary>
    internal static IReadOnlyList<ModelEntry> List()
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string directory in ModelFiles.Directories())
        {
            foreach (string file in Directory.GetFiles(directory, "*.json"))
                files.TryAdd(Path.GetFileNameWithoutExtension(file), file);
            // Buyers of several classes: models/classes/, listed with every class as "n×spec" joined by " + ".
            string classes = Path.Combine(directory, "classes");
            if (Directory.Exists(classes))
                foreach (string file in Directory.GetFiles(classes, "*.json"))
                    files.TryAdd(Path.GetFileNameWithoutExtension(file), file);
        }
        return files.Values.Select(file =>
        {
            if (ClassScenario.IsClassScenario(file))
            {
                var classes = ClassScenario.Load(file);
                string spec = string.Join(" + ", classes.Market.Classes.Select(c => $"{c.Buyers}×{c.Distribution.Spec}"));
                return new ModelEntry(classes.Name, classes.Market.TotalBuyers, 1, classes.Grid, spec, classes.Description);
            }
            var scenario = Scenario.Load(file);
            return new ModelEntry(scenario.Name, scenario.Buyers, scenario.Units, scenario.Grid, scenario.Distribution.Spec, scenario.Description);
        }).ToList();
    }

    private static int Print(IReadOnlyList<ModelEntry> models, OutputFormat format, TextWriter output)
    {
        switch (format)
        {
            case OutputFormat.Json:
                output.WriteLine(OutputText.ToJson(models));
                break;
            case OutputFormat.Csv:
                OutputText.WriteCsv(output, models);
                break;
            default:
                int name = Math.Max(4, models.Max(m => m.Name.Length));
                int buyers = Math.Max(1, models.Max(m => Count(m.Buyers).Length));
                int spec = Math.Max(12, models.Max(m => m.Distribution.Length));
                output.WriteLine($"{"name".PadRight(name)}  {"n".PadLeft(buyers)}  k  {"distribution".PadRight(spec)}  description");
                foreach (var m in models)
                    output.WriteLine($"{m.Name.PadRight(name)}  {Count(m.Buyers).PadLeft(buyers)}  {m.Units}  {m.Distribution.PadRight(spec)}  {m.Description}");
                break;
        }
        return OrSolverCommandLine.Success;
    }

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One scenario as <c>models</c> lists it.</summary>
/// <param name="Name">The name <c>--model</c> takes (the file name without <c>.json</c>).</param>
/// <param name="Buyers">n.</param>
/// <param name="Units">k.</param>
/// <param name="Grid">The scenario's grid size, or null for the default.</param>
/// <param name="Distribution">The distribution's canonical spec.</param>
/// <param name="Description">The scenario's one-line description.</param>
[CsvRecord]
internal sealed partial record ModelEntry(
    [property: CsvColumn("name")] string Name,
    [property: CsvColumn("buyers")] long Buyers,
    [property: CsvColumn("units")] int Units,
    [property: CsvColumn("grid")] int? Grid,
    [property: CsvColumn("distribution")] string Distribution,
    [property: CsvColumn("description")] string Description);
