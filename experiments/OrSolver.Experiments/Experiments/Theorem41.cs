using OrSolver.Core.Welfare;
using OrSolver.Experiments.Analysis;
using OrSolver.Plots;

namespace OrSolver.Experiments.Experiments;

/// <summary>
/// Theorem 4.1: the Kalai–Smorodinsky solution (Def. 4.1) keeps (i) at least half of OPT for every F, (ii) at least
/// n/(n+1) of it for regular and anti-MHR F, and (iii) no more than 1/2 + ε on Example 4.2 for n large. (i) and (ii) are
/// checked on seeded random markets and on regular ∩ anti-MHR markets for n = 1..50 (the proofs of Appendix C.1 go
/// through on a grid with the grid's own Π*, U*, OPT for (i); (ii) uses Bulow–Klemperer, so the grid may miss it by its
/// O(h²), hence <see cref="Core.Numerics.Tolerances.GridWelfareRatio"/>). (iii) is a limit: it holds when the measured
/// ratio falls with n, stays ≥ 1/2 and stays under the proof's own finite-n bound (<see cref="Example42Theory.Chain"/>),
/// and the measured text says how far n = 10⁹ is from the limit.
/// </summary>
internal sealed class Theorem41 : Experiment
{
    public override string Id => "thm4.1";

    public override string Title => "Kalai–Smorodinsky welfare: ≥ 1/2 always, ≥ n/(n+1) on regular ∩ anti-MHR, → 1/2 on Example 4.2 (Theorem 4.1)";

    public override void Run(ExperimentContext context)
    {
        WelfareClaims.RandomBound(context, WelfareStudies.RandomInstances(context), "Theorem 4.1 (i)",
            "For any F and any n, the KS solution's welfare is at least 1/2 of OPT.", SolutionKind.KalaiSmorodinsky);
        WelfareClaims.RegularAntiMhrBound(context, WelfareStudies.RegularAntiMhrSweep(context), "Theorem 4.1 (ii)",
            "For regular and anti-MHR F, the KS solution's welfare is at least n/(n+1) of OPT.", SolutionKind.KalaiSmorodinsky, n => n / (n + 1.0), "bound n/(n+1)");
        WorstCase(context);
    }

    private static void WorstCase(ExperimentContext context) => WelfareClaims.Example42Limit(context, "Theorem 4.1 (iii)",
        "On Example 4.2 (MHR), for every ε > 0 and n large enough, the KS solution's welfare is at most (1/2 + ε)·OPT.",
        SolutionKind.KalaiSmorodinsky,
        [("KS share Π/Π* = U/U*", p => p.Measurement.Solutions.KalaiSmorodinsky.RevenueShare, SeriesStyle.LineAndMarkers),
         ("U*/OPT", p => p.LotteryRatio, SeriesStyle.DashedLine)],
        0.5, "Theorem 4.1 (i)",
        points => $"there Π/Π* = U/U* = {Format.G(points[^1].Measurement.Solutions.KalaiSmorodinsky.RevenueShare)} and W/OPT = that × (Π* + U*)/OPT "
            + $"with U*/OPT = {Format.G(points[^1].LotteryRatio, 3)} ≈ 0.886/K, so 1/2 needs K → ∞ (n = e^{{4K²}}).");
}
