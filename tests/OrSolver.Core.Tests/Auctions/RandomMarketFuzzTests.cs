using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OrSolver.Core.Auctions;
using OrSolver.Core.Characterization;
using OrSolver.Core.Distributions;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.LinearProgramming.OrTools;

namespace OrSolver.Core.Tests.Auctions;

/// <summary>A generated market: a spec of <see cref="RandomMarkets"/>, n and the grid size.</summary>
public sealed record MarketCase(string Spec, long Buyers, int GridSize)
{
    public override string ToString() => $"{Spec}, n = {Buyers}, grid {GridSize}";
}

/// <summary>Random valid markets: a parametric family or a mixture of two or three (the generators of
/// <see cref="RandomMarkets"/>, fed a seed that FsCheck draws), n from 1 to 10⁶ spread over the decades, and
/// 200–600 grid cells.</summary>
internal static class MarketGenerators
{
    /// <summary>n ≤ 10⁶: above 10⁹ the re-evaluation of an auction from its rules is known to lose accuracy (being fixed
    /// separately), and the check would report that, not the LP.</summary>
    private static readonly Gen<long> Buyers = Gen.Frequency(
        (3, Gen.Choose(1, 10).Select(n => (long)n)),
        (2, Gen.Choose(1, 6).SelectMany(decade => Gen.Choose(1, 9).Select(lead => lead * (long)Math.Pow(10, decade)))),
        (1, Gen.Constant(1_000_000L)));

    public static readonly Gen<MarketCase> Market =
        from seed in Gen.Choose(0, int.MaxValue)
        from single in Gen.Elements(true, false)
        from buyers in Buyers
        from grid in Gen.Choose(200, 600)
        let random = new Random(seed)
        select new MarketCase(single ? RandomMarkets.Component(random) : RandomMarkets.Mixture(random), Math.Min(buyers, 1_000_000L), grid);
}

/// <summary>Duality on random markets: at every point of a short LP sweep, the LP, the closed-form hull and the auction
/// re-evaluated from its rules agree (<see cref="DualityCheck.Agrees"/>).</summary>
[Trait("Category", Fuzz.Category)]
[Collection(Fuzz.Collection)]
public class RandomMarketFuzzTests
{
    /// <summary>Each market costs a grid, its exact frontier and four warm-started LPs (≈ 0.1–0.5 s).</summary>
    private const int Markets = 30;

    private const int SweepPoints = 4;

    /// <summary>Solves a short LP sweep of <paramref name="market"/> and asserts that every point is optimal and agrees.</summary>
    internal static MarketCase AssertSweepAgrees(MarketCase market)
    {
        var problem = new FrontierProblem(Support.Market(market.Spec, market.Buyers), market.GridSize);
        var exact = ExactVertices.Compute(problem.Discretised);
        using var solver = new FrontierSolver(problem, new OrToolsLinearSolver());
        foreach (var solve in solver.Sweep(SweepPoints))
        {
            Assert.True(solve.Status == SolveStatus.Optimal, $"{market}: {solve.Status} at U = {solve.SurplusFloor:R} ({solve.Note})");
            var check = DualityChecker.Analyse(solve, exact).Check;
            Assert.True(check.Agrees, $"{market}, U = {solve.Point.Surplus:R}: {check.Failure}");
        }
        return market;
    }

    [Property(MaxTest = Markets, Replay = Fuzz.Seed, QuietOnSuccess = false)]
    public Property Every_sweep_point_agrees_with_the_hull_and_the_reevaluated_auction()
        => Prop.ForAll(MarketGenerators.Market.ToArbitrary(), market =>
        {
            Fuzz.Within(market.ToString(), () => AssertSweepAgrees(market));
            return true.Classify(market.Spec.StartsWith("mixture", StringComparison.Ordinal), "mixture")
                .Classify(market.Buyers >= 1000, "n ≥ 1000");
        });
}
