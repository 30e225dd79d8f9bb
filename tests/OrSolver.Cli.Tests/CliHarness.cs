using System.Globalization;
using System.Text.Json;
using OrSolver.Core.Numerics;

namespace OrSolver.Cli.Tests;

/// <summary>What one in-process run of <c>orsolver</c> returned.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The non-empty lines of stderr.</summary>
    public IReadOnlyList<string> ErrorLines => NonEmptyLines(Stderr);

    /// <summary>The non-empty lines of stdout.</summary>
    public IReadOnlyList<string> OutputLines => NonEmptyLines(Stdout);

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";

    private static List<string> NonEmptyLines(string text)
        => text.ReplaceLineEndings("\n").Split('\n').Where(line => !string.IsNullOrWhiteSpace(line)).ToList();
}

/// <summary>Runs the command line in-process and offers the assertions every test class uses.</summary>
internal static class Cli
{
    public static CliResult Run(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        int exit = OrSolverCommandLine.Run(args, output, error);
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    /// <summary>Runs and requires exit code 0 and an empty stderr.</summary>
    public static CliResult RunOk(params string[] args)
    {
        var result = Run(args);
        Assert.True(result.ExitCode == OrSolverCommandLine.Success, $"orsolver {string.Join(' ', args)}\n{result}");
        Assert.True(result.ErrorLines.Count == 0, $"expected nothing on stderr: orsolver {string.Join(' ', args)}\n{result}");
        return result;
    }

    /// <summary>Runs and parses stdout as one JSON document (exit code 0 required).</summary>
    public static JsonElement RunJson(params string[] args)
    {
        var result = RunOk(args);
        using var document = JsonDocument.Parse(result.Stdout);
        return document.RootElement.Clone();
    }

    /// <summary>The bad-input contract (README, Errors): exit code 2, exactly one non-empty line on stderr, no stack
    /// trace, and nothing on stdout.</summary>
    public static void AssertBadInput(CliResult result, string? mentions = null)
    {
        Assert.True(result.ExitCode == OrSolverCommandLine.BadInput, $"expected exit code 2\n{result}");
        Assert.True(result.ErrorLines.Count == 1, $"expected exactly one line on stderr\n{result}");
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Stderr, StringComparison.Ordinal);
        Assert.True(string.IsNullOrWhiteSpace(result.Stdout), $"expected nothing on stdout\n{result}");
        if (mentions is not null) Assert.Contains(mentions, result.Stderr, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The property names of a JSON object, in document order.</summary>
    public static IReadOnlyList<string> PropertyNames(JsonElement element)
    {
        Assert.Equal(JsonValueKind.Object, element.ValueKind);
        return element.EnumerateObject().Select(p => p.Name).ToList();
    }

    /// <summary>Asserts that <paramref name="element"/> has exactly the property names <paramref name="expected"/>
    /// (no more, no fewer, no duplicates), in any order.</summary>
    public static void AssertExactProperties(JsonElement element, params string[] expected)
    {
        var actual = PropertyNames(element);
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
    }

    public static double Number(JsonElement element, string name) => element.GetProperty(name).GetDouble();

    /// <summary>The fields of every JSON <c>check</c> object.</summary>
    public static readonly string[] CheckFields =
        ["route", "agrees", "worstGap", "lambdaHull", "lambdaLp", "maxAllocationGap", "revenueGap", "surplusGap", "failure"];

    /// <summary>Asserts a JSON <c>check</c> object: its fields, the route named, agreement and a worst gap within the
    /// solver tolerance (1e-9 of OPT), and no failure text.</summary>
    public static void AssertCheckPassed(JsonElement check, string route, string what)
    {
        AssertExactProperties(check, CheckFields);
        Assert.Equal(route, check.GetProperty("route").GetString());
        Assert.True(check.GetProperty("agrees").GetBoolean(), $"{what}: check failed: {check}");
        Assert.Equal(JsonValueKind.Null, check.GetProperty("failure").ValueKind);
        double worst = Number(check, "worstGap");
        Assert.True(worst >= 0 && worst <= Tolerances.SolverAgreement.Relative, $"{what}: worst gap {worst:E2}");
    }

    public static void AssertClose(double expected, double actual, Tolerance tolerance, string what)
        => Assert.True(tolerance.Close(actual, expected),
            string.Create(CultureInfo.InvariantCulture,
                $"{what}: expected {expected:R}, got {actual:R} (relative error {Tolerance.RelativeError(actual, expected):E2}, tolerance {tolerance})"));

    public static void AssertAtMost(double a, double b, Tolerance tolerance, string what)
        => Assert.True(tolerance.AtMost(a, b),
            string.Create(CultureInfo.InvariantCulture, $"{what}: expected {a:R} <= {b:R} (tolerance {tolerance})"));

    /// <summary>Asserts (revenue, surplus, welfare) of a nested point object.</summary>
    public static void AssertPoint(JsonElement point, double revenue, double surplus, double welfare, Tolerance tolerance, string what)
    {
        AssertClose(revenue, Number(point, "revenue"), tolerance, what + ".revenue");
        AssertClose(surplus, Number(point, "surplus"), tolerance, what + ".surplus");
        AssertClose(welfare, Number(point, "welfare"), tolerance, what + ".welfare");
    }

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
