using System.Globalization;
using CsvHelper;
using OrSolver.Core.Pareto;

namespace OrSolver.Core.Output;

/// <summary>
/// A frontier's reported points as a table, in any market: CSV with the columns
/// <c>surplus,revenue,welfare,lambda,kind,</c>(the market's own columns)<c>,extreme,solution,check,agrees,worstGap,failure</c>
/// and JSON with the same fields plus <c>description</c> (the mechanism in words). <c>extreme</c> marks the frontier's
/// vertices, <c>solution</c> names a bargaining solution (empty elsewhere), <c>check</c> the routes its check compared,
/// <c>agrees</c> whether they agree, <c>worstGap</c> the largest gap relative to the welfare benchmark and <c>failure</c>
/// what failed (empty when it agrees).
/// </summary>
public static class FrontierTable
{
    /// <summary>The column names for a market whose mechanisms are <typeparamref name="TMechanism"/>.</summary>
    public static IReadOnlyList<string> Header<TMechanism>() where TMechanism : class, IMechanismDescription<TMechanism>
        => ["surplus", "revenue", "welfare", "lambda", "kind", .. TMechanism.ColumnNames, "extreme", "solution", "check", "agrees", "worstGap", "failure"];

    /// <summary>The points as CSV, in the order given.</summary>
    public static string ToCsv<TMechanism>(IEnumerable<CheckedPoint<TMechanism>> points) where TMechanism : class, IMechanismDescription<TMechanism>
    {
        ArgumentNullException.ThrowIfNull(points);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = OutputText.OpenCsv(text))
        {
            csv.WriteRecord([.. Header<TMechanism>()]);
            foreach (var point in points) csv.WriteRecord([.. Cells(point).Select(c => Text(c.Value))]);
        }
        return text.ToString();
    }

    /// <summary>The points as a JSON array of objects (the CSV's fields with their types, and <c>description</c>).</summary>
    public static string ToJson<TMechanism>(IEnumerable<CheckedPoint<TMechanism>> points) where TMechanism : class, IMechanismDescription<TMechanism>
    {
        ArgumentNullException.ThrowIfNull(points);
        var rows = points.Select(p =>
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (name, value) in Cells(p)) row[name] = value;
            row["description"] = p.Mechanism?.Describe() ?? "";
            return row;
        }).ToList();
        return OutputText.ToJson(rows);
    }

    private static IEnumerable<(string Name, object? Value)> Cells<TMechanism>(CheckedPoint<TMechanism> p) where TMechanism : class, IMechanismDescription<TMechanism>
    {
        ArgumentNullException.ThrowIfNull(p);
        yield return ("surplus", p.Surplus);
        yield return ("revenue", p.Revenue);
        yield return ("welfare", p.Welfare);
        yield return ("lambda", p.Lambda);
        yield return ("kind", p.Mechanism?.KindName ?? "");
        var names = TMechanism.ColumnNames;
        var values = p.Mechanism?.ColumnValues();
        for (int i = 0; i < names.Count; i++) yield return (names[i], values?[i] ?? "");
        yield return ("extreme", p.Role == PointRole.Vertex);
        yield return ("solution", p.Role.IsBargaining ? p.Role.Name : "");
        yield return ("check", p.Check.Route);
        yield return ("agrees", p.Check.Agrees);
        yield return ("worstGap", p.Check.WorstGap);
        yield return ("failure", p.Check.Failure ?? "");
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        double d => NumberText.RoundTrip(d),
        bool b => b ? "True" : "False",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
