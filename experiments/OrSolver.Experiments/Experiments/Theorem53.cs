using OrSolver.Core.Welfare;
using OrSolver.Experiments.Analysis;
using OrSolver.Plots;

namespace OrSolver.Experiments.Experiments;

/// <summary>
/// Theorem 5.3: the cross-side Nash solution (Def. 5.2, maximising Π·U) keeps (i) at least half of OPT for every F,
/// (ii) at least (n−1)/n of it for regular and anti-MHR F, and (iii) no more than 1/2 + ε on Example 4.2 for n large.
/// (i) and (ii) as for Theorem 4.1 (the proof of (i) works on a grid with the grid's landmarks; (ii) goes through
/// Bulow–Klemperer, hence <see cref="Core.Numerics.Tolerances.GridWelfareRatio"/>). (iii) is a limit: it holds when the
/// measured ratio falls with n, stays ≥ 1/2 (by (i)) and under the proof's finite-n bound (Appendix D.3 made finite,
/// <see cref="Example42Theory.Chain"/>).
/// </summary>
internal sealed class Theorem53 : Experiment
{
    public override string Id => "thm5.3";

    public override string Title => "Cross-side Nash welfare: ≥ 1/2 always, ≥ (n−1)/n on regular ∩ anti-MHR, → 1/2 on Example 4.2 (Theorem 5.3)";

    public override void Run(ExperimentContext context)
    {
        WelfareClaims.RandomBound(context, WelfareStudies.RandomInstances(context), "Theorem 5.3 (i)",
            "For any F and any n, the cross-side Nash solution's welfare is at least 1/2 of OPT.", SolutionKind.CrossSideNash);
        WelfareClaims.RegularAntiMhrBound(context, WelfareStudies.RegularAntiMhrSweep(context), "Theorem 5.3 (ii)",
            "For regular and anti-MHR F, the cross-side Nash solution's welfare is at least (n−1)/n of OPT.", SolutionKind.CrossSideNash, n => (n - 1.0) / n, "bound (n−1)/n");
        WorstCase(context);
    }

    private static void WorstCase(ExperimentContext context) => WelfareClaims.Example42Limit(context, "Theorem 5.3 (iii)",
        "On Example 4.2 (MHR), for every ε > 0 and n large enough, the cross-side Nash solution's welfare is at most (1/2 + ε)·OPT.",
        SolutionKind.CrossSideNash,
        [("cross-side Nash Π/Π*", p => p.Measurement.Solutions.CrossSideNash.RevenueShare, SeriesStyle.LineAndMarkers),
         ("cross-side Nash U/U*", p => p.Measurement.Solutions.CrossSideNash.SurplusShare, SeriesStyle.LineAndMarkers)],
        0.5, "Theorem 5.3 (i)",
        points =>
        {
            var last = points[^1];
            var solution = last.Measurement.Solutions.CrossSideNash;
            return $"there Π/Π* = {Format.G(solution.RevenueShare, 3)}, U/U* = {Format.G(solution.SurplusShare, 3)} and U*/OPT = {Format.G(last.LotteryRatio, 3)} ≈ 0.886/K, "
                + "so 1/2 needs K → ∞ (n = e^{4K²}).";
        });
}
