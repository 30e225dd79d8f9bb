using OrSolver.Experiments.Analysis;

namespace OrSolver.Experiments.Experiments;

/// <summary>
/// Theorem 5.2: for regular and anti-MHR F the Nash solution (Def. 5.1) keeps at least (n−1)/n of OPT (Appendix D.2: the
/// second-price auction has U = U* and Π ≥ (n−1)/n·Π* by Bulow–Klemperer, and the Nash product must beat it). Checked on
/// the regular ∩ anti-MHR markets for n = 1..50 up to <see cref="Core.Numerics.Tolerances.GridWelfareRatio"/> (the grid
/// meets Bulow–Klemperer only to its O(h²), and the Nash maximiser's Π and U are off by O(h)).
/// </summary>
internal sealed class Theorem52 : Experiment
{
    public override string Id => "thm5.2";

    public override string Title => "Nash welfare ≥ (n−1)/n of OPT for regular and anti-MHR F (Theorem 5.2)";

    public override void Run(ExperimentContext context)
        => WelfareClaims.RegularAntiMhrBound(context, WelfareStudies.RegularAntiMhrSweep(context), "Theorem 5.2",
            "For regular and anti-MHR F, the Nash solution's welfare is at least (n−1)/n of OPT.", SolutionKind.Nash, n => (n - 1.0) / n, "bound (n−1)/n");
}
