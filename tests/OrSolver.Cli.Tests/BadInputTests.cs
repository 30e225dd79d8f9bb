namespace OrSolver.Cli.Tests;

/// <summary>Bad input (README, Errors): one line on stderr, exit code 2, no stack trace, nothing partial on stdout.</summary>
public class BadInputTests
{
    [Theory]
    [InlineData("unknown family", "foo", new[] { "inspect", "--dist", "foo(1)" })]
    [InlineData("missing parameter", "high", new[] { "inspect", "--dist", "uniform(0)" })]
    [InlineData("non-numeric parameter", "abc", new[] { "inspect", "--dist", "uniform(0,abc)" })]
    [InlineData("unknown named parameter", "hi", new[] { "inspect", "--dist", "uniform(0, hi=1)" })]
    [InlineData("too many parameters", "uniform", new[] { "inspect", "--dist", "uniform(0,1,2)" })]
    [InlineData("parameters out of range", "uniform", new[] { "inspect", "--dist", "uniform(1,0)" })]
    [InlineData("mixture weights", "weights", new[] { "inspect", "--dist", "mixture(0.5*uniform(0,1), 0.6*uniform(1,2))" })]
    [InlineData("no buyers", "buyers", new[] { "inspect", "--dist", "uniform(0,1)", "--buyers", "0" })]
    [InlineData("negative buyers", "buyers", new[] { "inspect", "--dist", "uniform(0,1)", "--buyers", "-1" })]
    [InlineData("non-numeric buyers", "buyers", new[] { "inspect", "--dist", "uniform(0,1)", "--buyers", "two" })]
    [InlineData("grid too small", "grid", new[] { "inspect", "--dist", "uniform(0,1)", "--grid", "3" })]
    [InlineData("missing model file", "/nonexistent/x.json", new[] { "inspect", "--model", "/nonexistent/x.json" })]
    [InlineData("unknown model name", "nosuchmodel", new[] { "inspect", "--model", "nosuchmodel" })]
    [InlineData("infinite mean", "cap", new[] { "inspect", "--dist", "pareto(1)" })]
    [InlineData("infinite mean (Lomax)", "cap", new[] { "inspect", "--dist", "lomax(0.5)" })]
    [InlineData("both --dist and --model", "--model", new[] { "inspect", "--dist", "uniform(0,1)", "--model", "uniform" })]
    [InlineData("neither --dist nor --model", "--dist", new[] { "inspect" })]
    [InlineData("neither, on solve", "--dist", new[] { "solve", "--surplus", "0.1" })]
    [InlineData("neither, on frontier", "--dist", new[] { "frontier" })]
    [InlineData("unknown option", "--bogus", new[] { "inspect", "--dist", "uniform(0,1)", "--bogus" })]
    [InlineData("unknown command", "bogus", new[] { "bogus" })]
    [InlineData("non-finite surplus", "surplus", new[] { "solve", "--dist", "uniform(0,1)", "--surplus", "NaN", "--grid", "400" })]
    [InlineData("bad surplus on frontier's options", "--surplus", new[] { "frontier", "--dist", "uniform(0,1)", "--surplus", "0.1" })]
    public void Is_one_line_and_exit_code_2(string what, string mentions, string[] args)
    {
        Assert.NotEmpty(what);
        Cli.AssertBadInput(Cli.Run(args), mentions);
    }

    /// <summary>An unknown <c>--format</c> value is bad input like any other.</summary>
    [Fact]
    public void Unknown_format_is_one_line()
        => Cli.AssertBadInput(Cli.Run("inspect", "--dist", "uniform(0,1)", "--grid", "400", "--format", "xml"), "xml");

    /// <summary>A grid too large to allocate is bad input (exit 2), not an internal error (exit 3).</summary>
    [Fact]
    public void Grid_beyond_int_range_is_bad_input_not_an_internal_error()
        => Cli.AssertBadInput(Cli.Run("inspect", "--dist", "uniform(0,1)", "--grid", int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture)), "grid");

    [Fact]
    public void Malformed_model_file_names_line_and_column()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.WriteFile("broken.json", "{\n  \"distribution\": \"uniform(0, 1)\",\n  \"buyers\": 5,,\n  \"grid\": 400\n}\n");
        var result = Cli.Run("inspect", "--model", path);
        Cli.AssertBadInput(result, "line 3");
        Assert.Contains("column", result.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("broken.json", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing buyers", "buyers", "{ \"distribution\": \"uniform(0, 1)\" }")]
    [InlineData("missing distribution", "distribution", "{ \"buyers\": 5 }")]
    [InlineData("buyers not an integer", "buyers", "{ \"distribution\": \"uniform(0, 1)\", \"buyers\": 2.5 }")]
    [InlineData("no buyers", "buyers", "{ \"distribution\": \"uniform(0, 1)\", \"buyers\": 0 }")]
    [InlineData("bad spec", "foo", "{ \"distribution\": \"foo(1)\", \"buyers\": 5 }")]
    [InlineData("infinite mean", "cap", "{ \"distribution\": \"pareto(1)\", \"buyers\": 5 }")]
    [InlineData("grid too small", "grid", "{ \"distribution\": \"uniform(0, 1)\", \"buyers\": 5, \"grid\": 3 }")]
    [InlineData("not an object", "object", "[1, 2]")]
    [InlineData("empty file", "line 1", "")]
    public void Invalid_model_file_is_one_line_and_exit_code_2(string what, string mentions, string content)
    {
        Assert.NotEmpty(what);
        using var directory = new TemporaryDirectory();
        string path = directory.WriteFile("model.json", content);
        Cli.AssertBadInput(Cli.Run("inspect", "--model", path), mentions);
    }

    /// <summary>A model's grid beyond the int range must be refused, not wrapped: 2^32 + 16 is read as a grid of 16 cells.</summary>
    [Fact]
    public void Model_grid_beyond_int_range_is_refused_not_wrapped()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.WriteFile("model.json", "{ \"distribution\": \"uniform(0, 1)\", \"buyers\": 5, \"grid\": 4294967312 }");
        Cli.AssertBadInput(Cli.Run("inspect", "--model", path, "--format", "json"), "grid");
    }
}
