using OrSolver.Core.Structures;

namespace OrSolver.Experiments.Analysis;

/// <summary>
/// The evidence for one claim of the paper gathered over several markets: a line of numbers per market and every
/// violation found. The verdict is "holds" exactly when no violation was found; the measured text is then the summary and
/// the numbers, otherwise the violations (the first <see cref="Shown"/>).
/// </summary>
public sealed class ClaimEvidence
{
    private readonly List<string> _violations = [];
    private readonly List<string> _measured = [];

    /// <summary>How many violations the measured text lists.</summary>
    public const int Shown = 6;

    /// <summary>The violations found so far.</summary>
    public IReadOnlyList<string> Violations => _violations;

    /// <summary>Records a violation.</summary>
    public void Fail(string violation) => _violations.Add(violation);

    /// <summary>Records <paramref name="violation"/> unless <paramref name="holds"/>.</summary>
    public void Require(bool holds, string violation)
    {
        if (!holds) _violations.Add(violation);
    }

    /// <summary>Records every violation of <paramref name="verdict"/>, each after <paramref name="label"/> (the market).</summary>
    public void Require(string label, StructureVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        foreach (var violation in verdict.Violations) _violations.Add($"{label}: {violation}");
    }

    /// <summary>Records the numbers of one market.</summary>
    public void Measured(string numbers) => _measured.Add(numbers);

    /// <summary>Records the claim as a theorem: holds when nothing was violated; <paramref name="summary"/> says what
    /// holding means, before the per-market numbers.</summary>
    public void Record(ExperimentContext context, string reference, string statement, string setting, string summary, params string[] plots)
    {
        ArgumentNullException.ThrowIfNull(context);
        bool holds = _violations.Count == 0;
        string measured = holds
            ? $"{summary}: {string.Join("; ", _measured)}."
            : string.Join("; ", _violations.Take(Shown)) + (_violations.Count > Shown ? $" … ({_violations.Count} in all)." : ".");
        context.Theorem(reference, statement, setting, measured, holds, plots);
    }
}
