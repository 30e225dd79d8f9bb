using OrSolver.Core.Bargaining;
using OrSolver.Core.BilateralTrade;
using OrSolver.Core.LinearProgramming.OrTools;
using OrSolver.Core.Distributions;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Tests.BilateralTrade;

/// <summary>A case solved by hand, the degenerate market, the first best by quadrature, and bad input.</summary>
public sealed class TradeMarketTests
{
    /// <summary>
    /// Values 1 or 2 and costs 0 or 3, each with probability 1/2: a seller of cost 3 never trades, and against cost 0 trade
    /// is always efficient, so FB = SB = (1/2)·(3/2) = 3/4. The low-cost seller posts 1 or 2 (Π* = 1/2 either way; at 1
    /// the buyer keeps U = 1/4), the buyer offers 0 (U* = 3/4, Π = 0), and every point between splits W = 3/4: the frontier
    /// is the one segment Π = 3/4 − U from (U, Π) = (1/4, 1/2) to (3/4, 0). KS solves Π/(1/2) = U/(3/4) on it: (0.3, 0.45);
    /// Nash maximises Π·U on it: U = 3/8.
    /// </summary>
    [Fact]
    public void A_market_solved_by_hand()
    {
        using var discrete = new TradeCases.DiscreteMarket([1, 2], [0, 3]);
        var analysis = TradeAnalysis.Run(discrete.Market, new TradeOptions { Grid = 16, Points = 3 }, new OrToolsLinearSolver());
        var exact = Tolerances.Rounding.AtScale(1);
        var frontier = analysis.Frontier!;
        Assert.Equal(2, frontier.Vertices!.Count);
        Support.Close(0.5, frontier.First.Revenue, exact, "Π*");
        Support.Close(0.25, frontier.First.Surplus, exact, "U at the seller offer");
        Support.Close(0, frontier.Last.Revenue, exact, "Π at the buyer offer");
        Support.Close(0.75, frontier.Last.Surplus, exact, "U*");
        Support.Close(0.75, analysis.FirstBest, exact, "FB");
        Support.Close(0.75, analysis.SecondBest, exact, "SB");
        var ks = ParetoBargaining.KalaiSmorodinsky(frontier);
        Support.Close(0.3, ks.Revenue, exact, "KS Π");
        Support.Close(0.45, ks.Surplus, exact, "KS U");
        Support.Close(0.375, ParetoBargaining.WeightedNash(frontier, 1).Surplus, exact, "Nash U");
        Assert.Empty(analysis.Failures);
        Assert.Equal(TradeMechanismKind.PostedPrice, frontier.First.Mechanism.Value.Kind);
        Assert.Equal(1, frontier.First.Mechanism.Value.LowestTradingValue);
    }

    [Fact]
    public void A_market_where_trade_cannot_gain_is_degenerate()
    {
        var market = TradeMarket.Parse("uniform(0, 1)", "uniform(2, 3)");
        Assert.False(market.CanGain);
        var analysis = TradeAnalysis.Run(market, new TradeOptions { Grid = 16 }, new OrToolsLinearSolver());
        Assert.True(analysis.Degenerate);
        Assert.Equal(0, analysis.FirstBest);
        Assert.Equal(0, analysis.FirstBestQuadrature);
        Assert.Empty(analysis.All);
    }

    [Theory]
    [MemberData(nameof(TradeCases.ContinuousPairs), MemberType = typeof(TradeCases))]
    public void The_grid_first_best_approaches_the_quadrature_from_below(string buyer, string seller)
    {
        var market = TradeMarket.Parse(buyer, seller);
        double quadrature = TradeAnalysis.FirstBestByQuadrature(market);
        double coarse = new TradeLagrangian(new TradeGrid(market, 20, 20)).FirstBest().Gains;
        double fine = new TradeLagrangian(new TradeGrid(market, 80, 80)).FirstBest().Gains;
        Assert.True(coarse <= fine + 1e-12 && fine <= quadrature + 1e-12, $"{coarse} ≤ {fine} ≤ {quadrature}");
        // O(h²): four times the cells leave well under a third of the gap (the graded grid's tails make it less than 1/16).
        Assert.True(quadrature - fine < (quadrature - coarse) / 3, $"gap {quadrature - fine} after refining from {quadrature - coarse}");
    }

    [Fact]
    public void Exponential_values_against_exponential_costs_have_a_first_best_of_two_thirds()
    {
        // v ~ Exp(1), c ~ Exp(2): P(v > c) = 2/3 and, by memorylessness, E[v − c | v > c] = 1.
        Support.Close(2.0 / 3, TradeAnalysis.FirstBestByQuadrature(TradeMarket.Parse("exponential(1)", "exponential(2)")), new Tolerance(1e-9, 0), "FB");
    }

    /// <summary>The re-evaluation's incentive check can fail: a rule under which the lowest-value buyer cell trades and
    /// the highest does not (not monotone, so no payment makes it truthful) lets the high values gain by misreporting.</summary>
    [Fact]
    public void A_rule_that_is_not_monotone_fails_the_incentive_check()
    {
        var grid = new TradeGrid(TradeMarket.Parse("uniform(0, 1)", "uniform(0, 1)"), 16, 16);
        var trades = new int[grid.BuyerCells];
        trades[^1] = grid.SellerCells / 2;
        var rule = new TradeRule(grid, 0, 0, trades, [], [], 0, 0, 0, 0);
        var outcome = TradeMechanism.Of(new TradePoint(0, [new RuleShare(1, rule)], 0, 0)).Evaluate();
        Assert.True(outcome.IncentiveGain > 1e-3, $"incentive gain {outcome.IncentiveGain}");
        var monotone = new TradeLagrangian(grid).Rule(0.5, 0.5);
        Assert.True(TradeMechanism.Of(new TradePoint(0, [new RuleShare(1, monotone)], 0, 0)).Evaluate().IncentiveGain <= 1e-15);
    }

    [Fact]
    public void Bad_input_is_refused_with_one_line()
    {
        Assert.Throws<InputException>(() => new TradeOptions { Grid = 10 });
        Assert.Throws<InputException>(() => new TradeOptions { Grid = TradeOptions.MaximumGrid + 1 });
        Assert.Throws<InputException>(() => new TradeOptions { Points = 1 });
        var error = Assert.Throws<InputException>(() => TradeMarket.Parse("uniform(0, 1)", "nonsense(1)"));
        Assert.DoesNotContain('\n', error.Message);
        Assert.Throws<ArgumentNullException>(() => new TradeMarket(null!, DistributionSpec.Parse("uniform(0, 1)")));
        // Data with more distinct values than the largest grid on both sides: refused before any LP is built.
        var many = Enumerable.Range(1, TradeOptions.MaximumGrid + 1).Select(k => (double)k).ToArray();
        using var data = new TradeCases.DiscreteMarket(many, many);
        var tooLarge = Assert.Throws<InputException>(() => TradeAnalysis.Run(data.Market, new TradeOptions { Grid = 16 }, new OrToolsLinearSolver()));
        Assert.Contains("distinct value", tooLarge.Message, StringComparison.Ordinal);
    }
}
