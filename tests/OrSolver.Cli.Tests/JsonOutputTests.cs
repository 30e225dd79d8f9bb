using System.Text.Json;

namespace OrSolver.Cli.Tests;

/// <summary>JSON output is read by people: ordinary characters appear as themselves, not as \uXXXX escapes.</summary>
public class JsonOutputTests
{
    /// <summary>A spec whose canonical form holds '+' (E+100) and a data file whose name holds &lt;, &gt;, &amp;, ' and λ:
    /// each must appear literally in <c>inspect --format json</c>, and the document must still parse to the same text.</summary>
    [Fact]
    public void Inspect_json_writes_ordinary_characters_unescaped()
    {
        using var directory = new TemporaryDirectory();
        string data = directory.WriteFile("<a&b'λ>.csv", "bid\n1\n2\n4\n");
        foreach (var (spec, literal) in new[] { ("uniform(0, 1e100)", "E+100"), ($"empirical(file=\"{data}\")", "<a&b'λ>.csv") })
        {
            var result = Cli.RunOk("inspect", "--dist", spec, "--grid", "40", "--format", "json");
            Assert.Contains(literal, result.Stdout, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"\\u00(2B|3C|3E|26|27)|\\u03BB", result.Stdout);
            using var document = JsonDocument.Parse(result.Stdout);
            Assert.Contains(literal, document.RootElement.GetProperty("distribution").GetString(), StringComparison.Ordinal);
        }
    }
}
