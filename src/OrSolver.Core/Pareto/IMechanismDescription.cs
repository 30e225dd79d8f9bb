namespace OrSolver.Core.Pareto;

/// <summary>What any market's mechanism says about itself for tables and reports: its kind, one line in words, and its
/// own columns (for auctions the reserve and the bid-space gaps; for trade the price thresholds).</summary>
/// <typeparam name="TSelf">The mechanism type (its columns are the same for every mechanism of a market).</typeparam>
public interface IMechanismDescription<TSelf> where TSelf : IMechanismDescription<TSelf>
{
    /// <summary>The names of the market's own columns, in order.</summary>
    static abstract IReadOnlyList<string> ColumnNames { get; }

    /// <summary>The kind, kebab-case (e.g. "second-price-with-reserve", "randomization").</summary>
    string KindName { get; }

    /// <summary>The mechanism in one line a user can run: its rule and parameters; a randomisation names both parts and
    /// the probability of each.</summary>
    string Describe();

    /// <summary>The values of <see cref="ColumnNames"/>, as text.</summary>
    IReadOnlyList<string> ColumnValues();
}
