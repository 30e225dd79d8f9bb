using OrSolver.Core.BilateralTrade;

namespace OrSolver.Core.Tests.BilateralTrade;

/// <summary>Markets shared by the bilateral-trade tests, and discrete markets written to temporary sample files.</summary>
internal static class TradeCases
{
    /// <summary>Uniform[0,1] values and costs: the public closed forms.</summary>
    public static TradeMarket Uniform => TradeMarket.Parse("uniform(0,1)", "uniform(0,1)");

    /// <summary>Pairs with different shapes: MHR both sides, a truncated normal against a uniform, unbounded costs (the
    /// top seller cell is blocked), a heavy-tailed cost, shifted supports.</summary>
    public static TheoryData<string, string> ContinuousPairs => new()
    {
        { "exponential(1)", "exponential(2)" },
        { "normal(0.6, 0.2, 0, 1)", "uniform(0, 1)" },
        { "uniform(0, 1)", "exponential(3)" },
        { "beta(2, 2)", "lomax(3)" },
        { "uniform(0.5, 2)", "uniform(0, 1.5)" },
        // Ironing on both sides: bimodal values, U-shaped costs.
        { "mixture(0.5*uniform(0,1), 0.5*uniform(2,3))", "beta(0.5, 0.5)" },
        { "beta(0.5, 0.5)", "uniform(0, 1)" },
    };

    /// <summary>A discrete market from sample lists: each list becomes an <c>empirical</c> distribution (its grid is exactly
    /// its atoms), written to a temporary file that is deleted when the scope ends.</summary>
    public sealed class DiscreteMarket : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "orsolver-trade-tests-" + Guid.NewGuid().ToString("N"));

        public DiscreteMarket(IEnumerable<double> values, IEnumerable<double> costs)
        {
            Directory.CreateDirectory(_folder);
            Market = TradeMarket.Parse($"empirical(file=\"{Write("values.csv", values)}\")", $"empirical(file=\"{Write("costs.csv", costs)}\")");
        }

        public TradeMarket Market { get; }

        private string Write(string name, IEnumerable<double> samples)
        {
            string path = Path.Combine(_folder, name);
            File.WriteAllLines(path, samples.Select(s => s.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Prepend("x"));
            return path;
        }

        public void Dispose() => Directory.Delete(_folder, recursive: true);
    }
}
