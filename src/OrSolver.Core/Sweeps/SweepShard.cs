using System.Globalization;

namespace OrSolver.Core.Sweeps;

/// <summary>
/// Shard i of N of a sweep: the rows r with (r − 1) mod N = i − 1, i.e. every N-th row starting at row i. Round robin
/// rather than contiguous blocks: tables are usually ordered by size (n growing within each family), and dealing the rows
/// out in turn gives every shard the same mix of cheap and costly markets. Which shard a row belongs to depends on its
/// number only, so shards taken from the same table are disjoint and together cover it. Validates itself.
/// </summary>
public readonly record struct SweepShard
{
    /// <summary>Shard <paramref name="index"/> of <paramref name="count"/>.</summary>
    /// <exception cref="InputException">Not 1 ≤ index ≤ count.</exception>
    public SweepShard(int index, int count)
    {
        if (count < 1 || index < 1 || index > count)
            throw new InputException($"--shard: a shard is i/N with 1 ≤ i ≤ N (got {index}/{count})");
        Index = index;
        Count = count;
    }

    /// <summary>i, from 1. Range: 1..<see cref="Count"/>.</summary>
    public int Index { get; }

    /// <summary>N, the number of shards. Range: ≥ 1.</summary>
    public int Count { get; }

    /// <summary>Whether row <paramref name="row"/> (from 1) belongs to this shard.</summary>
    public bool Contains(int row) => (row - 1) % Count == Index - 1;

    /// <summary>The shard of row <paramref name="row"/> among <paramref name="count"/> shards.</summary>
    public static SweepShard Of(int row, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(row, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new SweepShard((row - 1) % count + 1, count);
    }

    /// <summary>Reads "i/N" (e.g. the <c>--shard</c> option, or Slurm's <c>$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT</c>).</summary>
    /// <exception cref="InputException">Not two whole numbers with 1 ≤ i ≤ N.</exception>
    public static SweepShard Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            || !int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int count))
            throw new InputException($"--shard: '{InputException.Excerpt(text)}' is not i/N (e.g. --shard 2/8)");
        return new SweepShard(index, count);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Index}/{Count}";
}
