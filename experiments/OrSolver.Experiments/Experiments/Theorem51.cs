using OrSolver.Core.Welfare;
using OrSolver.Experiments.Analysis;
using OrSolver.Plots;

namespace OrSolver.Experiments.Experiments;

/// <summary>
/// Theorem 5.1: on Example 4.2 the Nash solution (Def. 5.1, maximising Π·(U/n)ⁿ) keeps only a vanishing share of OPT.
/// A limit: it holds when the measured ratio falls with n and stays under the proof's finite-n bound (Appendix D.1 made
/// finite, <see cref="Example42Theory.Chain"/>). Where the Nash point has become the buyer-optimal lottery its welfare is
/// U* = E[v], so its ratio is the closed form E[v]/OPT ≈ (√π/2)/K; the measured text says how large n must be for that
/// to reach a given ε.
/// </summary>
internal sealed class Theorem51 : Experiment
{
    /// <summary>A revenue share below this means the Nash point is the lottery (Π = 0 up to the grid's rounding).</summary>
    private const double LotteryShare = 1e-6;

    public override string Id => "thm5.1";

    public override string Title => "Nash welfare on Example 4.2 vanishes as n grows (Theorem 5.1)";

    public override void Run(ExperimentContext context) => WelfareClaims.Example42Limit(context, "Theorem 5.1",
        "On Example 4.2 (MHR), for every ε > 0 and n large enough, the Nash solution's welfare is at most ε·OPT.",
        SolutionKind.Nash,
        [("Nash revenue share Π/Π*", p => p.Measurement.Solutions.Nash.RevenueShare, SeriesStyle.LineAndMarkers),
         ("lottery U*/OPT = E[v]/OPT", p => p.LotteryRatio, SeriesStyle.DashedLine)],
        0, "W ≥ 0", Lottery, [("lottery E[v]/OPT (quadrature)", r => r.LotteryRatio)]);

    /// <summary>From which n the Nash point is the buyer-optimal lottery, and how slowly the lottery's ratio falls.</summary>
    private static string Lottery(IReadOnlyList<Example42Point> points)
    {
        var lottery = points.FirstOrDefault(p => p.Measurement.Solutions.Nash.RevenueShare < LotteryShare);
        string text = lottery is null
            ? "the Nash point is not yet the lottery at any measured n"
            : $"from n = {Format.Buyers(lottery.Measurement.Case.Buyers)} on the Nash point is the buyer-optimal lottery (Π/Π* < {LotteryShare:G1}), so W/OPT = U*/OPT = E[v]/OPT ≈ 0.886/K";
        return $"{text}: the lottery's ratio is 0.2 only at n ≈ 10^{Format.G(Example42Theory.LotteryReaches(0.2), 3)} and 0.1 at n ≈ 10^{Format.G(Example42Theory.LotteryReaches(0.1), 3)}.";
    }
}
