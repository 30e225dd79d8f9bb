using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OrSolver.Core.Sweeps;

namespace OrSolver.Core.Tests.Sweeps;

/// <summary>
/// A sweep row written to a file and read back is the same row, and written again is the same bytes: doubles to the bit
/// (every bit pattern: subnormals, ±0, ±∞, NaN), text with commas, quotes and line breaks, rows with and without a result.
/// This is what lets a resumed or merged sweep reproduce the file of one uninterrupted run.
/// </summary>
public sealed class SweepRowTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("orsolver-sweep-rows-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static readonly Gen<double> Doubles = Gen.Frequency(
        (3, ArbMap.Default.GeneratorFor<long>().Select(BitConverter.Int64BitsToDouble)),
        (2, ArbMap.Default.GeneratorFor<double>()),
        (1, Gen.Elements(0.0, -0.0, double.Epsilon, double.MaxValue, double.PositiveInfinity, double.NegativeInfinity, double.NaN, 1.0 / 3)));

    private static readonly Gen<string> Texts = Gen.Frequency(
        (3, ArbMap.Default.GeneratorFor<string>().Select(s => s ?? "")),
        (1, Gen.Elements("", "a, b", "say \"x\"", "line\nbreak", "0.5×second-price reserve 0 | 0.5×lottery", " padded ", "=1+2")));

    private static readonly Gen<SweepSolution> Solutions =
        from revenue in Doubles
        from surplus in Doubles
        from ratio in Doubles
        from mechanism in Texts
        select new SweepSolution(revenue, surplus, ratio, mechanism);

    private static readonly Gen<SweepResult> Results =
        from flags in Gen.ArrayOf(ArbMap.Default.GeneratorFor<bool>(), 4)
        from numbers in Gen.ArrayOf(Doubles, 8)
        from solutions in Gen.ArrayOf(Solutions, 3)
        from frontier in Gen.ListOf(Doubles)
        from check in Texts
        from failure in Texts
        select new SweepResult(flags[0], flags[1], flags[2], numbers[0], numbers[1], numbers[2], numbers[3], numbers[4], numbers[5], numbers[6],
            solutions[0], solutions[1], solutions[2], [.. frontier], check, flags[3], numbers[7], failure.Length == 0 ? null : failure);

    private static readonly Gen<SweepRow> Rows =
        from row in Gen.Choose(1, int.MaxValue)
        from model in Texts
        from distribution in Texts
        from buyers in Gen.OneOf(Gen.Constant((long?)null), ArbMap.Default.GeneratorFor<long>().Select(n => (long?)n))
        from units in Gen.OneOf(Gen.Constant((int?)null), ArbMap.Default.GeneratorFor<int>().Select(k => (int?)k))
        from grid in Gen.OneOf(Gen.Constant((int?)null), Gen.Choose(16, 100_000).Select(m => (int?)m))
        from surplus in Gen.ListOf(Doubles)
        from verify in Gen.Elements(SweepVerification.Hull, SweepVerification.Lp)
        from failed in ArbMap.Default.GeneratorFor<bool>()
        from result in Results
        from error in Texts
        select new SweepRow(row, new SweepInput(model, distribution, buyers, units, grid, [.. surplus], verify),
            failed ? null : result, failed ? "error: " + error : null);

    [Property(MaxTest = 500, Replay = Fuzz.Seed, QuietOnSuccess = false)]
    public Property Rows_read_back_from_a_file_are_the_same_bytes_and_bits()
        => Prop.ForAll(Gen.ListOf(Rows).Select(r => r.ToList()).ToArbitrary(), rows =>
        {
            string path = Path.Combine(_directory, "sweep.csv");
            SweepFiles.Write(path, rows);
            byte[] written = File.ReadAllBytes(path);
            var (read, length) = SweepFiles.Read(path);
            Assert.Equal(written.Length, length);
            Assert.Equal(rows.Count, read.Count);
            for (int i = 0; i < rows.Count; i++)
            {
                Assert.Equal(rows[i].ToCells(), read[i].ToCells());
                Assert.Equal(rows[i].Row, read[i].Row);
                Assert.Equal(rows[i].Failed, read[i].Failed);
                if (rows[i].Result is { } expected)
                {
                    var actual = read[i].Result!;
                    Assert.Equal(Bits(expected.OptimalWelfare), Bits(actual.OptimalWelfare));
                    Assert.Equal(Bits(expected.KalaiSmorodinsky.Revenue), Bits(actual.KalaiSmorodinsky.Revenue));
                    Assert.Equal(expected.FrontierRevenue.Select(Bits), actual.FrontierRevenue.Select(Bits));
                }
            }
            SweepFiles.Write(path, read);
            Assert.Equal(written, File.ReadAllBytes(path));
            return true;
        });

    /// <summary>The bits of a double, every NaN as one (NaN has one text, whatever its payload).</summary>
    private static long Bits(double value) => double.IsNaN(value) ? BitConverter.DoubleToInt64Bits(double.NaN) : BitConverter.DoubleToInt64Bits(value);

    /// <summary>A journal whose last line a kill cut short: the whole lines are read, the cut one is left out, and the
    /// length returned is where the next row goes.</summary>
    [Fact]
    public void A_line_cut_short_is_left_out()
    {
        var rows = Rows.Sample(20, new Rnd(7), 3).ToList();
        string whole = SweepFiles.HeaderLine + SweepFiles.Line(rows[0]) + SweepFiles.Line(rows[1]);
        string path = Path.Combine(_directory, "sweep.part.csv");
        File.WriteAllText(path, whole + SweepFiles.Line(rows[2])[..10]);
        var (read, length) = SweepFiles.Read(path);
        Assert.Equal([rows[0].ToCells(), rows[1].ToCells()], read.Select(r => r.ToCells()));
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(whole), length);
    }

    [Fact]
    public void A_file_with_other_columns_is_refused()
    {
        string path = Path.Combine(_directory, "sweep.csv");
        File.WriteAllText(path, "row,distribution\n1,uniform(0,1)\n");
        var e = Assert.Throws<InputException>(() => SweepFiles.Read(path));
        Assert.Contains("other columns", e.Message, StringComparison.Ordinal);
    }
}
