namespace OrSolver.Experiments;

/// <summary>What a measured claim came out as.</summary>
public enum Verdict
{
    /// <summary>The paper's claim holds on every instance measured (to the stated tolerance).</summary>
    Holds,
    /// <summary>The claim fails on at least one instance; the measured text gives the numbers.</summary>
    Fails,
    /// <summary>The paper makes no claim here (an exploration of regimes its theory leaves open).</summary>
    OutsideTheory,
}

/// <summary>What kind of statement a claim is, which decides what its verdict can mean.</summary>
public enum ClaimKind
{
    /// <summary>A finite statement (a bound, a structure) that every instance must satisfy: holds or fails.</summary>
    Theorem,
    /// <summary>A limit statement (n → ∞): holds when every finite-n number measured is within the paper's own finite-n
    /// bounds and moves the claimed way; the measured text says how far from the limit the largest n is.</summary>
    Asymptotic,
    /// <summary>No claim of the paper: reported as outside theory.</summary>
    Exploration,
}

/// <summary>One row of the reproduction report: a claim of the paper, where it was measured, and what came out.</summary>
/// <param name="Reference">Where the paper makes the claim, e.g. "Theorem 4.1 (ii)".</param>
/// <param name="Kind">What kind of statement it is.</param>
/// <param name="Statement">The paper's statement, in one sentence.</param>
/// <param name="Setting">Distributions, n, grid: enough to rerun it.</param>
/// <param name="Measured">The numbers measured (worst case, range, counts), in one or two sentences.</param>
/// <param name="Verdict">What came out.</param>
/// <param name="Plots">The picture files (relative to the experiment's directory) that show it.</param>
public sealed record ClaimResult(string Reference, ClaimKind Kind, string Statement, string Setting, string Measured, Verdict Verdict,
    IReadOnlyList<string> Plots)
{
    /// <summary>The verdict as the report prints it: holds, fails, outside theory.</summary>
    public string VerdictText => Verdict switch
    {
        Verdict.Holds => "holds",
        Verdict.Fails => "fails",
        _ => "outside theory",
    };
}

/// <summary>
/// One experiment: a result of the paper reproduced numerically (or, for <c>outside</c>, a regime it leaves open). Each
/// has an id, a quick mode (seconds; the smoke test runs it) and a full mode (the committed results). Subclasses are found
/// by <see cref="ExperimentCatalog"/>; they write their data, plots and claims through the <see cref="ExperimentContext"/>.
/// </summary>
public abstract class Experiment
{
    /// <summary>The id on the command line, e.g. <c>thm4.1</c>.</summary>
    public abstract string Id { get; }

    /// <summary>A one-line title.</summary>
    public abstract string Title { get; }

    /// <summary>Runs the experiment, writing CSV data, PNG plots and claims through <paramref name="context"/>.</summary>
    public abstract void Run(ExperimentContext context);

    /// <inheritdoc />
    public override string ToString() => Id;
}
