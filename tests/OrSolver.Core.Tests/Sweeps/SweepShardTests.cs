using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OrSolver.Core.Sweeps;

namespace OrSolver.Core.Tests.Sweeps;

/// <summary>Shards i/N of a table are disjoint and together cover it, whatever N and the number of rows; each takes
/// every N-th row starting at row i, so their sizes differ by at most one.</summary>
public class SweepShardTests
{
    private static readonly Gen<(int Count, int Rows)> Tables =
        from count in Gen.Choose(1, 40)
        from rows in Gen.Choose(0, 400)
        select (count, rows);

    [Property(MaxTest = 1000, Replay = Fuzz.Seed, QuietOnSuccess = false)]
    public Property Shards_are_disjoint_and_cover_every_row()
        => Prop.ForAll(Tables.ToArbitrary(), table =>
        {
            var (count, rows) = table;
            var shards = Enumerable.Range(1, count).Select(i => new SweepShard(i, count)).ToList();
            var taken = shards.Select(s => Enumerable.Range(1, rows).Where(s.Contains).ToList()).ToList();
            for (int row = 1; row <= rows; row++)
            {
                var owners = shards.Where(s => s.Contains(row)).ToList();
                Assert.True(owners.Count == 1, $"row {row} of {rows} is in {owners.Count} of {count} shards");
                Assert.Equal(owners[0], SweepShard.Of(row, count));
            }
            Assert.Equal(rows, taken.Sum(t => t.Count));
            Assert.True(taken.Max(t => t.Count) - taken.Min(t => t.Count) <= 1, "shards differ in size by more than one row");
            // Shard i starts at row i and steps by N (round robin).
            for (int i = 0; i < count; i++)
                Assert.Equal(Enumerable.Range(0, taken[i].Count).Select(k => i + 1 + k * count), taken[i]);
            return true;
        });

    [Theory]
    [InlineData("1/1", 1, 1)]
    [InlineData("2/8", 2, 8)]
    [InlineData(" 8 / 8 ", 8, 8)]
    public void Parses_i_of_n(string text, int index, int count)
    {
        var shard = SweepShard.Parse(text);
        Assert.Equal((index, count), (shard.Index, shard.Count));
        Assert.Equal($"{index}/{count}", shard.ToString());
    }

    [Theory]
    [InlineData("0/3")]
    [InlineData("4/3")]
    [InlineData("1/0")]
    [InlineData("-1/3")]
    [InlineData("3")]
    [InlineData("a/b")]
    [InlineData("1/2/3")]
    [InlineData("")]
    public void Refuses_what_is_not_a_shard(string text)
    {
        var e = Assert.Throws<InputException>(() => SweepShard.Parse(text));
        Assert.StartsWith("--shard", e.Message, StringComparison.Ordinal);
    }
}
