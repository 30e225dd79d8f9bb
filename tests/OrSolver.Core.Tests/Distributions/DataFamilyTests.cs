using System.Globalization;
using OrSolver.Core.Discretisation;
using OrSolver.Core.Distributions;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Tests.Distributions;

/// <summary>A folder of data files for one test, deleted on dispose.</summary>
internal sealed class DataFolder : IDisposable
{
    public DataFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "orsolver-data-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    private int _cases;

    public string Write(string name, string content)
    {
        string file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, content);
        return file;
    }

    /// <summary>Writes a generated case to a fresh file <c>case&lt;k&gt;.&lt;extension&gt;</c> (k counts up).</summary>
    public string WriteCase(string extension, string content, bool byteOrderMark = false)
    {
        string file = System.IO.Path.Combine(Path, $"case{Interlocked.Increment(ref _cases)}.{extension}");
        File.WriteAllText(file, content, new System.Text.UTF8Encoding(byteOrderMark));
        return file;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

/// <summary>The <c>empirical</c> and <c>quantiles</c> families against values worked out by hand.</summary>
public class DataFamilyTests
{
    private static readonly Tolerance Exact = new(1e-15, 1e-15);

    // Samples 6, 3, 1, 3 (unsorted, with another column): atoms 6 (mass 1/4), 3 (1/2), 1 (1/4);
    // Q = 1/4, 3/4, 1; V(1/4) = 6/4, V(3/4) = 6/4 + 3/2 = 3, V(1) = 3 + 1/4 = 13/4 = E[v].
    private const string Samples = "auction,bid\n1,6\n1,3\n2,1\n2,3\n";

    [Fact]
    public void Empirical_atoms_value_function_and_integrated_value_are_exact()
    {
        using var folder = new DataFolder();
        var f = EmpiricalDistribution.Load(folder.Write("bids.csv", Samples), "bid");
        Assert.Equal(4, f.SampleCount);
        Assert.Equal([6.0, 3.0, 1.0], f.AtomValues);
        Assert.Equal([0.25, 0.75], f.Breakpoints);
        Assert.True(f.Atomic);
        Assert.Equal(6.0, f.SupportHigh);
        Assert.Equal(1.0, f.SupportLow);
        Support.Close(3.25, f.Mean, Exact, "mean");
        // v is the left-continuous step function: v = 6 on (0, 1/4], 3 on (1/4, 3/4], 1 on (3/4, 1].
        foreach (var (q, v) in new[] { (0.0, 6.0), (0.1, 6.0), (0.25, 6.0), (0.26, 3.0), (0.75, 3.0), (0.8, 1.0), (1.0, 1.0) })
            Assert.Equal(v, f.Value(q));
        foreach (var (q, integrated) in new[] { (0.0, 0.0), (0.1, 0.6), (0.25, 1.5), (0.5, 2.25), (0.75, 3.0), (0.9, 3.15), (1.0, 3.25) })
            Support.Close(integrated, f.IntegratedValue(q), Exact, $"V({q})");
        Support.Close(0.3 * 3.0, f.Revenue(0.3), Exact, "R(0.3)");
        Assert.Equal(0.25, f.Survival(3.0));
        Assert.Equal(0.75, f.SurvivalInclusive(3.0));
        Assert.Equal(0.75, f.Survival(2.0));
        Assert.Equal(0.0, f.Survival(6.0));
        Assert.Equal(1.0, f.SurvivalInclusive(1.0));
        Assert.Equal(0.0, f.Density(3.0));
        Assert.Equal(0.0, f.Density(2.0));
    }

    [Fact]
    public void Empirical_monopoly_price_is_the_hand_argmax_of_price_times_share_at_or_above()
    {
        using var folder = new DataFolder();
        // p·#{≥ p}/N: 6·1/4 = 1.5, 3·3/4 = 2.25, 1·1 = 1: the price 3 at quantile 3/4.
        var f = EmpiricalDistribution.Load(folder.Write("bids.csv", Samples), "bid");
        Assert.Equal(new MonopolyPoint(0.75, 3.0, 2.25), MonopolyPrice.Find(f));
        // Samples 1, 2: 2·1/2 = 1·1: a tie, broken to the lower price (the rightmost maximiser, method.md §7.1).
        var tie = EmpiricalDistribution.Load(folder.Write("tie.csv", "v\n2\n1\n"));
        Assert.Equal(new MonopolyPoint(1.0, 1.0, 1.0), MonopolyPrice.Find(tie));
    }

    [Fact]
    public void Empirical_monopoly_price_of_the_sample_bids_is_the_brute_force_argmax()
    {
        string path = Path.Combine(RepositoryRoot(), "models", "data", "bids.csv");
        var bids = File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0)
            .Select(l => double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture)).ToArray();
        // max over prices p among the bids of p·#{bids ≥ p}/N, ties to the lower price.
        var best = bids.Distinct().Select(p => (Price: p, Revenue: p * bids.Count(b => b >= p) / bids.Length))
            .OrderByDescending(c => c.Revenue).ThenBy(c => c.Price).First();
        var monopoly = MonopolyPrice.Find(EmpiricalDistribution.Load(path, "bid"));
        Assert.Equal(best.Price, monopoly.Reserve);
        Support.Close(best.Revenue, monopoly.Revenue, Tolerances.Rounding, "monopoly revenue");
        Support.Close(bids.Count(b => b >= best.Price) / (double)bids.Length, monopoly.Quantile, Tolerances.Rounding, "monopoly quantile");
    }

    [Fact]
    public void Empirical_grid_is_exactly_the_atom_ends_whatever_size_is_asked()
    {
        using var folder = new DataFolder();
        var f = EmpiricalDistribution.Load(folder.Write("bids.csv", Samples), "bid");
        var grid = GridBuilder.Build(new Market(f, 5), 4000, [0.5]);
        Assert.Equal([0.0, 0.25, 0.75, 1.0], grid.Points);
    }

    // A table with a falling piece, an atom and a falling piece: v = 3 - 5q on [0, 0.2], 2 on [0.2, 0.5], 3 - 2q on [0.5, 1].
    private const string Table = "q,v\n0,3\n0.2,2\n0.5,2\n1,1\n";

    [Fact]
    public void Quantile_table_interpolates_integrates_and_inverts_exactly()
    {
        using var folder = new DataFolder();
        var f = QuantileTableDistribution.Load(folder.Write("table.csv", Table));
        Assert.Equal([0.2, 0.5], f.Breakpoints);
        Assert.False(f.Atomic);
        Support.Close(2.5, f.Value(0.1), Exact, "v(0.1)");
        Assert.Equal(2.0, f.Value(0.3));
        Support.Close(1.5, f.Value(0.75), Exact, "v(0.75)");
        // Trapezoids: V(0.2) = 0.2·2.5, V(0.5) = 0.5 + 0.3·2, V(1) = 1.1 + 0.5·1.5.
        foreach (var (q, integrated) in new[] { (0.1, 0.1 * 2.75), (0.2, 0.5), (0.5, 1.1), (0.75, 1.1 + 0.25 * 1.75), (1.0, 1.85) })
            Support.Close(integrated, f.IntegratedValue(q), Exact, $"V({q})");
        Support.Close(1.85, f.Mean, Exact, "mean");
        // The flat piece is an atom of mass 0.3 at 2.
        Support.Close(0.2, f.Survival(2.0), Exact, "P(X > 2)");
        Support.Close(0.5, f.SurvivalInclusive(2.0), Exact, "P(X ≥ 2)");
        Support.Close(0.75, f.Survival(1.5), Exact, "P(X > 1.5)");
        Support.Close(0.1, f.Survival(2.5), Exact, "P(X > 2.5)");
        // Density 1/|v'|: 1/5 on the first piece, 1/2 on the last, 0 outside the support.
        Support.Close(0.2, f.Density(2.5), Exact, "f(2.5)");
        Support.Close(0.5, f.Density(1.5), Exact, "f(1.5)");
        Assert.Equal(0.0, f.Density(0.5));
        Assert.Equal(0.0, f.Density(3.5));
    }

    [Fact]
    public void Quantile_table_monopoly_price_is_the_closed_form_on_its_pieces()
    {
        using var folder = new DataFolder();
        // R = 3q - 5q² rises on [0, 0.2] (to 0.4), R = 2q on the atom (to 1), R = 3q - 2q² on [0.5, 1]: maximum at q = 3/4,
        // R = 9/8, reserve 3/2.
        var monopoly = MonopolyPrice.Find(QuantileTableDistribution.Load(folder.Write("table.csv", Table)));
        Support.Close(0.75, monopoly.Quantile, Exact, "q_m");
        Support.Close(1.5, monopoly.Reserve, Exact, "reserve");
        Support.Close(1.125, monopoly.Revenue, Exact, "R(q_m)");
    }

    [Fact]
    public void Quantile_table_of_a_uniform_law_is_that_uniform_law()
    {
        using var folder = new DataFolder();
        var table = QuantileTableDistribution.Load(folder.Write("uniform.csv", "q,v\n0,2\n0.5,1\n1,0\n"));
        var uniform = new UniformDistribution(0, 2);
        foreach (double q in new[] { 0.0, 1e-9, 0.1, 0.37, 0.5, 0.81, 1.0 })
        {
            Support.Close(uniform.Value(q), table.Value(q), Exact, $"v({q})");
            Support.Close(uniform.IntegratedValue(q), table.IntegratedValue(q), Exact, $"V({q})");
        }
        foreach (double v in new[] { 0.0, 0.3, 1.0, 1.7, 2.0 })
        {
            Support.Close(uniform.Survival(v), table.Survival(v), Exact, $"S({v})");
            Support.Close(uniform.Density(v), table.Density(v), Exact, $"f({v})");
        }
        Assert.Equal(new MonopolyPoint(0.5, 1.0, 0.5), MonopolyPrice.Find(table));
    }

    [Fact]
    public void A_table_of_many_points_puts_every_point_on_the_grid()
    {
        using var folder = new DataFolder();
        // 20001 points of v = 1 - q: the grid places every one (one merge pass) and adds its own.
        const int points = 20_000;
        var text = string.Join('\n', Enumerable.Range(0, points + 1).Select(i => string.Create(CultureInfo.InvariantCulture, $"{(double)i / points:R},{1 - (double)i / points:R}")));
        var f = QuantileTableDistribution.Load(folder.Write("dense.csv", "q,v\n" + text));
        var grid = GridBuilder.Build(new Market(f, 3), 1000, [0.123456789]);
        var set = grid.Points.ToHashSet();
        Assert.All(f.Breakpoints, q => Assert.Contains(q, set));
        Assert.Contains(0.123456789, set);
        Assert.True(grid.Cells >= points, $"{grid.Cells} cells");
        for (int k = 1; k <= grid.Cells; k++) Assert.True(grid[k] > grid[k - 1]);
    }

    [Fact]
    public void Relative_paths_start_from_the_base_directory_and_the_spec_parses_back()
    {
        using var folder = new DataFolder();
        folder.Write("bids.csv", Samples);
        var f = DistributionSpec.Parse("empirical(file=bids.csv, column=bid)", folder.Path);
        Assert.Equal(3.25, f.Mean);
        // The canonical spec names the file so that it parses back from the current directory.
        Assert.Equal(f.Spec, DistributionSpec.Parse(f.Spec).Spec);
        Assert.Throws<InputException>(() => DistributionSpec.Parse("empirical(file=bids.csv, column=bid)", Path.Combine(folder.Path, "elsewhere")));
    }

    [Fact]
    public void A_path_with_commas_and_parentheses_is_quoted_in_the_spec()
    {
        using var folder = new DataFolder();
        string path = folder.Write("bids, (2024).csv", Samples);
        var f = DistributionSpec.Parse($"empirical(file=\"{path}\", column=bid)");
        Assert.Contains("file=\"", f.Spec, StringComparison.Ordinal);
        Assert.Equal(f.Spec, DistributionSpec.Parse(f.Spec).Spec);
        var mixture = DistributionSpec.Parse($"mixture(0.5*empirical(\"{path}\", bid), 0.5*uniform(0, 2))");
        Support.Close(0.5 * 3.25 + 0.5 * 1.0, mixture.Mean, Tolerances.Rounding, "mixture mean");
    }

    /// <summary>Counterexamples of <see cref="DataFileFuzzTests"/> and <see cref="DistributionSpecFuzzTests"/>: each once
    /// leaked another exception, hung, spanned lines or was accepted with an infinite V; now one line each.</summary>
    public static TheoryData<string, string, string> DataFuzzCounterexamples() => new()
    {
        // file name, content (null: no file is written), fragment of the message
        // ArgumentException "Null character in path" from Path.GetFullPath.
        { "a\0b.csv", "", "is not a valid file path" },
        // The path's line break ended up in the message.
        { "x\ny.csv", "", "no such file" },
        // A header cell "2\r\n" (quoted) was echoed with its line break.
        { "header.csv", "\r\"2\r\n\"\r29.75\r5", "must be a header naming the columns" },
        // v = 1.8e308: V = ½·Δq·(v₀ + v₁) overflowed to ∞ and was accepted.
        { "huge.csv", "q,v\n0,1.7976931348623157e308\n1,600000", "is too large; the largest magnitude accepted is 1E+100" },
    };

    [Theory]
    [MemberData(nameof(DataFuzzCounterexamples))]
    public void Data_fuzz_counterexamples_are_refused_in_one_line(string name, string content, string fragment)
    {
        using var folder = new DataFolder();
        string path = Path.Combine(folder.Path, name);
        if (content.Length > 0) folder.Write(name, content);
        foreach (string family in new[] { "empirical", "quantiles" })
        {
            var error = Assert.Throws<InputException>(() => DistributionSpec.Parse($"{family}(file=\"{path}\")"));
            Assert.DoesNotMatch("[\r\n]", error.Message);
            if (family == "quantiles" || !name.StartsWith("huge", StringComparison.Ordinal)) Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>/dev/zero exists and never ends: reading it hung (growing memory) until the fuzz suite's time limit.</summary>
    [Fact]
    public void An_endless_device_is_refused_unread()
    {
        if (!File.Exists("/dev/zero")) return;
        var error = Assert.Throws<InputException>(() => DistributionSpec.Parse("quantiles(file=/dev/zero)"));
        Assert.Contains("is empty (or not a regular file)", error.Message, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OrSolver.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException("no OrSolver.sln above the test binaries");
    }
}
