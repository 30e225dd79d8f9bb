using System.Globalization;

namespace OrSolver.Core.Pareto;

/// <summary>The checks of several points reported together, e.g. in one row of a table that holds a market's landmarks
/// and bargaining solutions: the routes that ran, whether every check passed, the largest gap and what failed.</summary>
/// <param name="Check">The distinct route names, in the order first seen, joined by " &amp; ".</param>
/// <param name="Agrees">Whether every check passed.</param>
/// <param name="WorstGap">The largest <see cref="PointCheck.WorstGap"/> (relative to the welfare benchmark). Range: ≥ 0.</param>
public sealed record CheckSummary(string Check, bool Agrees, double WorstGap)
{
    /// <summary>What failed, one clause per failing check joined by "; ", or null when every check passed.</summary>
    public string? Failure { get; init; }

    /// <summary>The summary of <paramref name="checks"/> (an empty list passes with gap 0).</summary>
    public static CheckSummary Of(IEnumerable<PointCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var list = checks.ToList();
        return Summarise(list, list.Select(c => c.Failure));
    }

    /// <summary>The summary of the checks of <paramref name="points"/>, each failure named by its point's role and U.</summary>
    public static CheckSummary Of<TMechanism>(IEnumerable<CheckedPoint<TMechanism>> points) where TMechanism : class
    {
        ArgumentNullException.ThrowIfNull(points);
        var list = points.ToList();
        return Summarise([.. list.Select(p => p.Check)],
            list.Select(p => p.Check.Agrees ? null : string.Create(CultureInfo.InvariantCulture, $"{p.Role.Name} at U = {p.Surplus:G10}: {p.Check.Failure ?? "failed"}")));
    }

    private static CheckSummary Summarise(List<PointCheck> checks, IEnumerable<string?> failures)
    {
        var failed = failures.Where((f, i) => !checks[i].Agrees).Select(f => f ?? "failed").ToList();
        return new CheckSummary(string.Join(" & ", checks.Select(c => c.Route).Distinct()), checks.All(c => c.Agrees),
            checks.Count == 0 ? 0 : checks.Max(c => c.WorstGap))
        {
            Failure = failed.Count == 0 ? null : string.Join("; ", failed),
        };
    }
}
