using OrSolver.Core.Auctions;
using OrSolver.Core.Pareto;

namespace OrSolver.Experiments.Analysis;

/// <summary>
/// A CSV row that reports a point of a frontier and carries its check (columns <c>check</c>, <c>agrees</c>,
/// <c>worst_gap</c>): <see cref="ExperimentContext.WriteCsv{T}"/> counts every such row into the experiment's
/// verification summary, so that a point that failed its check is visible in the verdict and the exit code.
/// </summary>
public interface IVerifiedRow
{
    /// <summary>The routes compared (<see cref="PointCheck.Route"/>; several joined by "+" when a row holds several points).</summary>
    string Check { get; }

    /// <summary>Whether every comparison of the row's points held.</summary>
    bool Agrees { get; }

    /// <summary>The largest gap between the routes, relative to OPT.</summary>
    double WorstGap { get; }
}

/// <summary>The checks of the points an experiment reported: how many, how many failed, the worst gap and the routes.</summary>
/// <param name="Points">Rows with a check (a row may hold several points, e.g. the three bargaining solutions).</param>
/// <param name="Failed">Rows whose check failed.</param>
/// <param name="WorstGap">The largest worst gap relative to OPT (0 when there are none).</param>
/// <param name="Routes">The routes that ran, in the order first seen.</param>
public sealed record VerificationSummary(int Points, int Failed, double WorstGap, IReadOnlyList<string> Routes)
{
    /// <summary>No checked point yet.</summary>
    public static VerificationSummary Empty { get; } = new(0, 0, 0, []);

    /// <summary>Whether every checked point passed.</summary>
    public bool AllAgree => Failed == 0;

    /// <summary>This summary with one more row counted.</summary>
    public VerificationSummary Add(IVerifiedRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var routes = Routes.Contains(row.Check) ? Routes : [.. Routes, row.Check];
        return new VerificationSummary(Points + 1, Failed + (row.Agrees ? 0 : 1), Math.Max(WorstGap, row.WorstGap), routes);
    }

    /// <summary>"1523 points checked (hull+auction), worst gap 3.1e-15 of OPT" or with the failures counted.</summary>
    public override string ToString() => Points == 0
        ? "no frontier points reported"
        : $"{Points} points checked ({string.Join(", ", Routes)}), {(Failed == 0 ? "all agree" : $"{Failed} FAILED")}, worst gap {WorstGap:0.0e+0} of OPT";
}
