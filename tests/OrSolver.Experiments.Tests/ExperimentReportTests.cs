using System.Text.Json;
using OrSolver.Experiments;

namespace OrSolver.Experiments.Tests;

/// <summary>verdict.json is read by people: ordinary characters are written as themselves, not as \uXXXX escapes.</summary>
public class ExperimentReportTests
{
    [Fact]
    public void Verdict_json_writes_ordinary_characters_as_themselves_and_reads_back()
    {
        const string text = "U ≥ 1E+308 & λ < 1 > 0, Π's bound";
        var claim = new ClaimResult("Thm 4.1", ClaimKind.Theorem, text, "uniform(low=0, high=1E+100)", text, Verdict.Holds, []);
        var report = new ExperimentReport("x", text, "quick", 1.5, "2025-01-01", [claim], [], [], null);
        string json = JsonSerializer.Serialize(report, ExperimentReport.Json);
        Assert.Contains(text, json, StringComparison.Ordinal);
        Assert.Contains("E+100", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", json, StringComparison.Ordinal);
        Assert.Equal(text, JsonSerializer.Deserialize<ExperimentReport>(json, ExperimentReport.Json)!.Claims[0].Statement);
    }

    [Fact]
    public void Verdict_json_still_escapes_what_JSON_requires()
    {
        const string text = "a \"quoted\" \\ back\nslash";
        var report = new ExperimentReport("x", text, "quick", 1.5, "2025-01-01", [], [], [], null);
        string json = JsonSerializer.Serialize(report, ExperimentReport.Json);
        Assert.Contains("a \\\"quoted\\\" \\\\ back\\nslash", json, StringComparison.Ordinal);
        Assert.Equal(text, JsonSerializer.Deserialize<ExperimentReport>(json, ExperimentReport.Json)!.Title);
    }
}
