using OrSolver.Core.Sweeps;

namespace OrSolver.Core.Tests.Sweeps;

/// <summary>Tables of markets: the header names the columns (any order and case, any left out), an empty cell takes the
/// default, a bad cell makes only its row an error, and an unknown column or field is refused by name.</summary>
public sealed class SweepTableTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("orsolver-sweep-tables-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string content)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static readonly SweepSettings Settings = new() { DefaultGrid = 64 };

    [Fact]
    public void A_csv_table_names_its_columns_and_empty_cells_take_the_defaults()
    {
        var table = SweepTable.Read(Write("markets.csv", " Buyers ,DISTRIBUTION,surplus\n5,\"uniform(0, 2)\",0.1; 0.25\n,exponential(1),\n"));
        Assert.Equal([1, 2], table.Cases.Select(c => c.Row));
        var first = table.Cases[0].Resolve(Settings, table.BaseDirectory);
        Assert.Equal((5L, 1, 64), (first.Market.Buyers, first.Market.Units, first.Grid));
        Assert.Equal([0.1, 0.25], first.Surplus);
        Assert.Equal("uniform(low=0, high=2)", first.Input.Distribution);
        var second = table.Cases[1].Resolve(Settings with { Grid = 80 }, table.BaseDirectory);
        Assert.Equal((2L, 80), (second.Market.Buyers, second.Grid));
        Assert.Empty(second.Surplus);
    }

    [Fact]
    public void A_bad_cell_makes_its_row_an_error_and_the_others_stand()
    {
        var table = SweepTable.Read(Write("markets.csv", "distribution,buyers,units,surplus\nuniform(1),five,,\n\"uniform(0,1)\",2,1,0.1;x\n\"uniform(0,1)\",3,,\nuniform(0,1),4,,\n"));
        Assert.Equal(4, table.Cases.Count);
        Assert.Contains("buyers: 'five' is not a whole number", table.Cases[0].Problem, StringComparison.Ordinal);
        Assert.Contains("surplus: 'x' is not a number", table.Cases[1].Problem, StringComparison.Ordinal);
        Assert.Null(table.Cases[2].Problem);
        Assert.Contains("5 cells for 4 columns (a spec with commas goes in double quotes", table.Cases[3].Problem, StringComparison.Ordinal);
        var e = Assert.Throws<InputException>(() => table.Cases[0].Resolve(Settings, null));
        Assert.Equal(table.Cases[0].Problem, e.Message);
    }

    [Theory]
    [InlineData("distribution,model\n\"uniform(0,1)\",lomax\n", "not both")]
    [InlineData("distribution,buyers\n,3\n", "no distribution and no model")]
    [InlineData("distribution,buyers\n\"uniform(0,1)\",0\n", "buyers must be at least 1")]
    [InlineData("distribution,grid\n\"uniform(0,1)\",8\n", "grid must be between")]
    [InlineData("distribution,surplus\n\"uniform(0,1)\",-1\n", "surplus level")]
    [InlineData("distribution\nnope(1)\n", "unknown distribution family")]
    public void A_row_that_names_no_market_is_refused_when_resolved(string content, string message)
    {
        var table = SweepTable.Read(Write("markets.csv", content));
        var e = Assert.Throws<InputException>(() => table.Cases[0].Resolve(Settings, table.BaseDirectory));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("markets.csv", "distribution,colour\nexponential(1),red\n", "unknown column 'colour'")]
    [InlineData("markets.csv", "distribution,Distribution\nexponential(1),lomax(2)\n", "given twice")]
    [InlineData("markets.csv", "buyers\n2\n", "no distribution or model column")]
    [InlineData("markets.csv", "distribution\n", "no markets")]
    [InlineData("markets.json", "[{\"distribution\": \"uniform(0,1)\", \"colour\": 1}]", "unknown field 'colour'")]
    [InlineData("markets.json", "{\"distribution\": \"uniform(0,1)\"}", "expected a JSON array")]
    [InlineData("markets.json", "[{\"distribution\": \"uniform(0,1)\",]", "malformed JSON")]
    [InlineData("markets.json", "[]", "no markets")]
    [InlineData("markets.json", "[3]", "market 1 is not a JSON object")]
    public void A_table_that_is_not_a_table_is_refused_in_one_line(string name, string content, string message)
    {
        var e = Assert.Throws<InputException>(() => SweepTable.Read(Write(name, content)));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Fuzz.AssertOneLine(e.Message, content);
    }

    [Fact]
    public void A_json_table_takes_the_same_fields_with_levels_as_a_list_or_text()
    {
        var table = SweepTable.Read(Write("markets.json", """
            [
              { "distribution": "uniform(0,1)", "buyers": 3, "units": 2, "grid": 100, "surplus": [0.1, 0.2] },
              { "model": "some-model", "surplus": "0.3;0.4" },
              { "distribution": "uniform(0,1)", "buyers": "3", "surplus": 0.5 }
            ]
            """));
        var first = table.Cases[0];
        Assert.Equal(("uniform(0,1)", 3L, 2, 100), (first.Distribution, first.Buyers, first.Units, first.Grid));
        Assert.Equal([0.1, 0.2], first.Surplus);
        Assert.Equal(("some-model", (long?)null), (table.Cases[1].Model, table.Cases[1].Buyers));
        Assert.Equal([0.3, 0.4], table.Cases[1].Surplus);
        Assert.Contains("buyers", table.Cases[2].Problem, StringComparison.Ordinal);
        Assert.Equal([0.5], table.Cases[2].Surplus);
    }

    [Fact]
    public void A_product_is_every_combination_distribution_major()
    {
        var table = SweepTable.Product(["uniform(0,1)", "lomax(2)"], ["bids"], [1, 5], [1, 2]);
        Assert.Equal(12, table.Cases.Count);
        Assert.Equal(Enumerable.Range(1, 12), table.Cases.Select(c => c.Row));
        Assert.Equal(["uniform(0,1)", "uniform(0,1)", "uniform(0,1)", "uniform(0,1)"], table.Cases.Take(4).Select(c => c.Distribution));
        Assert.Equal([1L, 1, 5, 5], table.Cases.Take(4).Select(c => c.Buyers!.Value));
        Assert.Equal([1, 2, 1, 2], table.Cases.Take(4).Select(c => c.Units!.Value));
        Assert.All(table.Cases.Skip(8), c => Assert.Equal("bids", c.Model));
        var defaults = SweepTable.Product(["uniform(0,1)"], [], [], []);
        Assert.Equal((null, null), (defaults.Cases[0].Buyers, defaults.Cases[0].Units));
    }

    /// <summary>A model row takes the scenario's n, k and grid unless the row or the command line overrides them.</summary>
    [Fact]
    public void A_model_row_takes_the_scenarios_values()
    {
        string model = Write("five.json", """{ "distribution": "lomax(2)", "buyers": 5, "units": 2, "grid": 300 }""");
        var row = new SweepCase { Model = model };
        var resolved = row.Resolve(Settings, null);
        Assert.Equal((5L, 2, 300, model), (resolved.Market.Buyers, resolved.Market.Units, resolved.Grid, resolved.Model));
        Assert.Equal(200, (row with { Grid = 200 }).Resolve(Settings, null).Grid);
        Assert.Equal(100, row.Resolve(Settings with { Grid = 100 }, null).Grid);
        Assert.Equal(7L, (row with { Buyers = 7 }).Resolve(Settings, null).Market.Buyers);
    }
}
