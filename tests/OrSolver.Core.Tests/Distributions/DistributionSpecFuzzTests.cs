using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OrSolver.Core.Distributions;

namespace OrSolver.Core.Tests.Distributions;

/// <summary>Generators of distribution spec strings: the grammar's own tokens, shuffled and nested, and every hostile
/// number, bracket and character a user can type.</summary>
internal static class SpecGenerators
{
    public static readonly string[] FamilyNames =
        [.. DistributionSpec.Families, "Uniform", "MIXTURE", "Pareto", "triangle", "", " uniform", "uni form", "ｕｎｉｆｏｒｍ", "uniform\u200B"];

    public static readonly string[] ParameterNames =
        ["low", "high", "rate", "shape", "scale", "alpha", "cap", "mu", "sigma", "mean", "sd", "a", "b", "n", "file", "column", "LOW", "Cap", "x", ""];

    /// <summary>Numbers as typed: ordinary, extreme, signed zero, not-a-number, infinities, malformed, non-ASCII digits.</summary>
    public static readonly string[] Numbers =
    [
        "0", "1", "2", "3", "0.5", "1.5", "10", "-1", "-0", "+0", "-0.0", "1e308", "1.7976931348623157e308", "1e309", "-1e308",
        "1e-308", "5e-324", "1e-400", "1e-30", "1e30", "NaN", "nan", "-nan", "inf", "-inf", "+inf", "Infinity", "-Infinity",
        "INF", "∞", "1e", "e5", ".5", "5.", "0x10", "1_000", "1,5", "99999999999999999999999", "1e9", "1000000000000", "-1e9",
        "0.333333333333333333333333333", "1E+308", "  3  ", "\u0663", "\uFF11", "1\u200B", "\u2212" + "1", "1" + new string('0', 400),
        "0." + new string('0', 400) + "1",
    ];

    public static readonly string[] Punctuation = ["(", ")", ",", "=", "*", "\"", "\"\"", " ", "\t", "(", ")", ","];

    /// <summary>Characters that break naive text handling: zero-width, bidirectional, BOM, non-ASCII digits, lone and
    /// paired surrogates, line and paragraph separators, NUL, combining marks, no-break space.</summary>
    public static readonly string[] Unicode =
    [
        "\u200B", "\u200F", "\u202E", "\uFEFF", "\u0661", "\uFF11", "\uD800", "\uDC00", "\uD83D\uDE00", "\u2028", "\u2029", "\u0085",
        "\n", "\r\n", "\r", "\f", "\0", "λ", "é", "e\u0301", "\u00A0", "\u05D0", "\u0627",
    ];

    /// <summary>Data-file paths: missing, a directory, endless or empty devices, a quoted comma, a NUL.</summary>
    public static readonly string[] Paths =
        ["/dev/zero", "/dev/null", "/dev/urandom", "/", ".", " ", "nonexistent.csv", "\"a,b.csv\"", "/tmp", "\"a\0b\"", "\"\"", "\"x\ny.csv\""];

    private static readonly Gen<string> Number = Gen.Frequency(
        (6, Gen.Elements(Numbers)),
        (3, Gen.Choose(-5, 40).Select(k => (k / 4.0).ToString("R", System.Globalization.CultureInfo.InvariantCulture))),
        (1, Gen.Choose(-330, 330).Select(e => $"1e{e}")));

    private static readonly Gen<string> Token = Gen.Frequency(
        (3, Gen.Elements(FamilyNames)),
        (3, Gen.Elements(ParameterNames)),
        (4, Number),
        (6, Gen.Elements(Punctuation)),
        (2, Gen.Elements(Unicode)),
        (1, Gen.Elements(Paths)));

    /// <summary>A random sequence of grammar tokens.</summary>
    private static readonly Gen<string> Soup = Gen.ListOf(Token).Select(string.Concat);

    /// <summary>One argument: positional, named, empty or half-named.</summary>
    private static readonly Gen<string> Argument = Gen.Frequency(
        (5, Number),
        (4, Gen.Zip(Gen.Elements(ParameterNames), Number).Select(p => $"{p.Item1}={p.Item2}")),
        (1, Gen.Elements(Paths).Select(p => $"file={p}")),
        (1, Gen.Elements("", " ", "=", "=1", "low=", "\"", "()", "(1)")),
        (1, Gen.Elements(Unicode)));

    /// <summary>family(args), often well formed, sometimes with one token inserted, dropped or doubled.</summary>
    private static readonly Gen<string> Structured =
        from family in Gen.Elements(FamilyNames)
        from count in Gen.Choose(0, 5)
        from arguments in Gen.ListOf(Argument, count)
        from separator in Gen.Elements(", ", ",", " , ", ",,")
        from closing in Gen.Frequency((8, Gen.Constant(")")), (1, Gen.Constant("")), (1, Gen.Constant("))")), (1, Token))
        select $"{family}({string.Join(separator, arguments)}{closing}";

    /// <summary>The parametric families with their parameters in order (as the README lists them).</summary>
    private static readonly (string Family, string[] Parameters)[] Parametric =
    [
        ("uniform", ["low", "high"]), ("exponential", ["rate"]), ("weibull", ["shape", "scale"]), ("gamma", ["shape", "rate"]),
        ("pareto", ["alpha", "scale", "cap"]), ("lomax", ["alpha", "scale", "cap"]), ("lognormal", ["mu", "sigma", "cap"]),
        ("equalrevenue", ["cap"]), ("normal", ["mean", "sd", "low", "high"]), ("beta", ["a", "b", "low", "high"]), ("example42", ["n"]),
    ];

    /// <summary>A positive number of any magnitude, the kind of parameter that parses but may break the numerics.</summary>
    private static readonly Gen<string> Magnitude = Gen.Frequency(
        (3, Gen.Choose(1, 40).Select(k => (k / 4.0).ToString("R", System.Globalization.CultureInfo.InvariantCulture))),
        (2, Gen.Choose(-320, 308).Select(e => $"1e{e}")),
        (1, Gen.Choose(-20, 20).Select(e => $"{(e < 0 ? "1.0000000001" : "0.9999999999")}e{e}")),
        (1, Gen.Elements("0", "-0", "inf", "5e-324", "1.7976931348623157e308", "-1", "1.0000000000000002", "0.9999999999999999")));

    /// <summary>A parametric family with the right number of arguments (positional, or named in any order), each a
    /// number of any magnitude: most pass the grammar, and the numerics must hold or refuse them.</summary>
    private static readonly Gen<string> WellFormed =
        from family in Gen.Elements(Parametric)
        from count in Gen.Choose(1, family.Parameters.Length)
        from values in Gen.ListOf(Magnitude, count)
        from named in Gen.Elements(false, false, true)
        select $"{family.Family}({string.Join(", ", values.Select((v, i) => named ? $"{family.Parameters[i]}={v}" : v))})";

    /// <summary>piecewise(...) with one to six pieces of every shape as typed, the first mostly constant: coefficients of
    /// any magnitude, or falling so that v does not rise at constant pieces; ends sorted or not; the last piece with or
    /// without "to 1" (or a wrong end).</summary>
    private static readonly Gen<string> Piecewise =
        from count in Gen.Choose(1, 6)
        from first in Gen.Frequency((4, Gen.Constant("")), (1, Gen.Elements("/q", "(1-q)/q")))
        from rest in Gen.ListOf(Gen.Elements("", "", "/q", "(1-q)/q", " * (1 - q) / q", "/ Q", "(1-q)"), count - 1)
        let shapes = rest.Prepend(first).ToList()
        from falling in Gen.Elements(true, false)
        from coefficients in falling
            ? Gen.ListOf(Gen.Choose(1, 10_000), count).Select(c => c.OrderDescending().Select(k => (k / 100.0).ToString("R", System.Globalization.CultureInfo.InvariantCulture)).ToList())
            : Gen.ListOf(Magnitude, count).Select(c => c.ToList())
        from ends in Gen.ListOf(Gen.Choose(1, 999), count)
        from sorted in Gen.Elements(true, true, false)
        from lastTo in Gen.Elements("", " to 1", " to 0.5", "")
        let endTexts = (sorted ? [.. ends.Order()] : ends).Select(e => (e / 1000.0).ToString("R", System.Globalization.CultureInfo.InvariantCulture)).ToList()
        select $"piecewise({string.Join(", ", Enumerable.Range(0, count).Select(i => $"{coefficients[i]}{shapes[i]}" + (i < count - 1 ? $" to {endTexts[i]}" : lastTo)))})";

    /// <summary>A mixture of structured components with typed weights, up to hundreds of them.</summary>
    private static readonly Gen<string> Mixture =
        from count in Gen.Frequency((6, Gen.Choose(0, 4)), (1, Gen.Choose(100, 600)))
        from components in Gen.ListOf(Gen.Zip(Number, Gen.Frequency((3, Structured), (3, WellFormed), (1, Piecewise), (1, Gen.Constant("uniform(0, 1)")))), count)
        from star in Gen.Elements("*", " * ", "", "**")
        select $"mixture({string.Join(", ", components.Select(c => c.Item1 + star + c.Item2))})";

    /// <summary>Mixtures of mixtures and bare brackets nested hundreds deep, balanced or not.</summary>
    private static readonly Gen<string> Nested =
        from depth in Gen.Choose(1, 1000)
        from unbalance in Gen.Choose(-2, 2)
        from opening in Gen.Elements("mixture(1*", "mixture(0.5*", "(", "uniform(", "mixture(1*(")
        from core in Gen.Elements("uniform(0, 1)", "", "1", "exponential(1)")
        select string.Concat(Enumerable.Repeat(opening, depth)) + core + new string(')', Math.Max(0, depth + unbalance));

    /// <summary>Very long strings: a long run of one token, inside a spec or alone.</summary>
    private static readonly Gen<string> Long =
        from token in Token
        from length in Gen.Choose(1_000, 100_000)
        from wrap in Gen.Elements("{0}", "uniform(0, {0})", "{0}(1)", "mixture(1*uniform(0, 1), {0})", "uniform(low={0}, high=2)")
        select string.Format(System.Globalization.CultureInfo.InvariantCulture, wrap,
            string.Concat(Enumerable.Repeat(token.Length == 0 ? "x" : token, length / Math.Max(1, token.Length))));

    /// <summary>Every kind above, weighted towards the grammar's shape so that many cases parse.</summary>
    public static readonly Gen<string> Spec = Gen.Frequency(
        (3, Soup),
        (6, Structured),
        (6, WellFormed),
        (3, Piecewise),
        (3, Mixture),
        (1, Nested),
        (1, Long));
}

/// <summary>Any text given as a distribution spec parses to a sane distribution or is refused in one line.</summary>
[Trait("Category", Fuzz.Category)]
[Collection(Fuzz.Collection)]
public class DistributionSpecFuzzTests
{
    [Property(MaxTest = Fuzz.ParserCases, Replay = Fuzz.Seed, QuietOnSuccess = false)]
    public Property Any_spec_parses_to_a_sane_distribution_or_is_refused_in_one_line()
        => Prop.ForAll(SpecGenerators.Spec.ToArbitrary(), spec =>
        {
            var distribution = Fuzz.ResultOrRefusal("spec", () => DistributionSpec.Parse(spec), out _);
            if (distribution is not null) Fuzz.AssertSane(distribution, "spec");
            return true.Classify(distribution is not null, "accepted");
        });
}
