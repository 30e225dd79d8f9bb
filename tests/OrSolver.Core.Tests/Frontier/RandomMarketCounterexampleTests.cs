namespace OrSolver.Core.Tests.Frontier;

/// <summary>Markets where <see cref="RandomMarketFuzzTests"/> found LP, hull and re-evaluated auction disagreeing. They
/// fail in code outside the parsers (the LP backend and the mechanism re-evaluation, being reworked separately), so they
/// are kept here, skipped with what fails, to be enabled with that fix.</summary>
public class RandomMarketCounterexampleTests
{
    private const string Reason = "Known disagreement found by the fuzz suite; see the case's comment. Enable with the fix.";

    [Theory(Skip = Reason)]
    // The re-evaluated auction's Π and U differ from the LP's by 5e-7 of OPT (LP and hull agree) at every sweep point.
    [InlineData("mixture(0.5851*uniform(1.00184, 1.99784), 0.2678*lomax(3.19358, 1.15318), 0.1471*lognormal(0.419181, 0.431739, cap=5.91062))", 5, 438)]
    // At U = 3.079 the re-evaluated auction gives (Π, U) = (41.46, 0.84) against the LP's (38.91, 3.08).
    [InlineData("mixture(0.4537*pareto(3.33919, 1.34026, cap=42.5645), 0.3797*uniform(1.93224, 3.83497), 0.1666*gamma(1.29177, 1.0679))", 600_000, 347)]
    // GLOP returns NumericalFailure on a sweep point.
    [InlineData("pareto(2.69297, 0.797068, cap=36.566)", 1_000_000, 477)]
    // At U = 2.876 the LP's revenue exceeds the hull's by 9.2e-8 (1.3e-8 of OPT): above the exact frontier.
    [InlineData("mixture(0.1182*normal(1.24609, 1.06855, 0, 6), 0.3154*pareto(2.58167, 0.580038, cap=13.731), 0.5664*normal(2.66908, 0.343376, 0, 6))", 5000, 435)]
    public void Every_sweep_point_agrees(string spec, long buyers, int grid)
        => RandomMarketFuzzTests.AssertSweepAgrees(new MarketCase(spec, buyers, grid));
}
