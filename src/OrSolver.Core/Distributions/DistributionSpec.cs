using System.Globalization;

namespace OrSolver.Core.Distributions;

/// <summary>
/// Parses distribution specs: <c>family(arg, name=value, ...)</c> with arguments positional (in the listed order)
/// or named, defaults as listed, family and parameter names case-insensitive, whitespace ignored, <c>inf</c> accepted
/// as a number. A mixture is <c>mixture(w1*D1, w2*D2, ...)</c>. The data families <c>empirical(file=PATH, column=NAME)</c>
/// and <c>quantiles(file=PATH)</c> take text: a value with a comma, parenthesis, '=' or quote is written in double quotes
/// (a quote inside doubled). <c>piecewise(P1 to b1, P2 to b2, ..., Pk)</c> lists the pieces of v(q), each <c>c</c>,
/// <c>c/q</c> or <c>c(1-q)/q</c> with the quantile where it ends (<see cref="PiecewiseValueDistribution"/>). The canonical
/// <see cref="IValueDistribution.Spec"/> of every distribution parses back to the same distribution (a data file's path
/// from the same current directory).
/// </summary>
public static class DistributionSpec
{
    private const string MixtureFamily = "mixture";

    private static readonly FamilyDefinition[] Definitions =
    [
        new("uniform", [new("low"), new("high")], p => new UniformDistribution(p[0], p[1])),
        new("exponential", [new("rate")], p => new ExponentialDistribution(p[0])),
        new("weibull", [new("shape"), new("scale", 1.0)], p => new WeibullDistribution(p[0], p[1])),
        new("gamma", [new("shape"), new("rate")], p => new GammaDistribution(p[0], p[1])),
        new("pareto", [new("alpha"), new("scale", 1.0), new("cap", double.PositiveInfinity)], p => new ParetoDistribution(p[0], p[1], p[2])),
        new("lomax", [new("alpha"), new("scale", 1.0), new("cap", double.PositiveInfinity)], p => new LomaxDistribution(p[0], p[1], p[2])),
        new("lognormal", [new("mu"), new("sigma"), new("cap", double.PositiveInfinity)], p => new LognormalDistribution(p[0], p[1], p[2])),
        new("equalrevenue", [new("cap")], p => new EqualRevenueDistribution(p[0])),
        new("normal", [new("mean"), new("sd"), new("low"), new("high")], p => new TruncatedNormalDistribution(p[0], p[1], p[2], p[3])),
        new("beta", [new("a"), new("b"), new("low", 0.0), new("high", 1.0)], p => new BetaDistribution(p[0], p[1], p[2], p[3])),
        new("example42", [new("n")], p => new Example42Distribution(p[0])),
        new("empirical", [new("file", Kind: ParameterKind.Path), new("column", Kind: ParameterKind.OptionalText)],
            p => EmpiricalDistribution.Load(p.Text(0)!, p.Text(1), p.BaseDirectory)),
        new("quantiles", [new("file", Kind: ParameterKind.Path)], p => QuantileTableDistribution.Load(p.Text(0)!, p.BaseDirectory)),
    ];

    /// <summary>Every family name the parser accepts, in the order of the grammar.</summary>
    public static IReadOnlyList<string> Families { get; } =
        Array.AsReadOnly(Definitions.Select(d => d.Name).Append(PiecewiseValueDistribution.Family).Append(MixtureFamily).ToArray());

    /// <summary>The distribution described by <paramref name="text"/>.</summary>
    /// <param name="text">A spec such as <c>pareto(2, cap=100)</c> or <c>mixture(0.5*uniform(0, 1), 0.5*exponential(1))</c>.</param>
    /// <exception cref="InputException">The spec is malformed or a parameter is out of range (one-line message).</exception>
    public static IValueDistribution Parse(string text) => Parse(text, null);

    /// <summary>The distribution described by <paramref name="text"/>, with the relative data-file paths of
    /// <c>empirical</c> and <c>quantiles</c> taken from <paramref name="baseDirectory"/> (e.g. a scenario file's folder)
    /// instead of the current directory.</summary>
    /// <param name="text">A spec such as <c>empirical(file=data/bids.csv, column=bid)</c>.</param>
    /// <param name="baseDirectory">Folder that relative paths start from; null for the current directory.</param>
    /// <exception cref="InputException">The spec is malformed, a parameter is out of range or a data file is bad (one-line message).</exception>
    public static IValueDistribution Parse(string text, string? baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ParseDistribution(text, allowMixture: true, baseDirectory);
    }

    /// <summary>A text value as a spec writes it: bare when the parser reads it back unchanged, else in double quotes.</summary>
    internal static string QuoteText(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        bool bare = value.Length > 0 && value.Trim() == value && value.IndexOfAny([',', '(', ')', '=', '"', '*']) < 0;
        return bare ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static ValueDistribution ParseDistribution(string text, bool allowMixture, string? baseDirectory)
    {
        string trimmed = text.Trim();
        if (trimmed.Length == 0)
            throw new InputException($"empty distribution spec; valid families: {string.Join(", ", Families)}");
        int open = trimmed.IndexOf('(', StringComparison.Ordinal);
        string name = (open < 0 ? trimmed : trimmed[..open]).Trim();
        string family = name.ToLowerInvariant();
        var definition = Definitions.FirstOrDefault(d => d.Name == family);
        bool isMixture = family == MixtureFamily, isPiecewise = family == PiecewiseValueDistribution.Family;
        if (definition is null && !isMixture && !isPiecewise)
            throw new InputException($"unknown distribution family '{InputException.Excerpt(name)}'; valid families: {string.Join(", ", Families)}");
        if (isMixture && !allowMixture)
            throw new InputException($"{MixtureFamily}: a component cannot itself be a mixture; list its components instead");
        string usage = isMixture ? "mixture(w1*D1, w2*D2, ...)" : isPiecewise ? PiecewiseUsage : definition!.Usage;
        if (open < 0)
            throw new InputException($"{family}: expected '(' after the family name; usage: {usage}");
        int close = MatchingParenthesis(trimmed, open, family);
        string trailing = trimmed[(close + 1)..].Trim();
        if (trailing.Length > 0)
            throw new InputException($"{family}: unexpected '{InputException.Excerpt(trailing)}' after the closing ')'; usage: {usage}");
        var arguments = SplitTopLevel(trimmed[(open + 1)..close]);
        if (isMixture) return ParseMixture(arguments, baseDirectory);
        return isPiecewise ? ParsePiecewise(arguments) : definition!.Create(ParseArguments(definition, arguments, baseDirectory));
    }

    private const string PiecewiseUsage = "piecewise(c to b1, c/q to b2, c(1-q)/q to b3, ..., c), e.g. piecewise(400 to 0.025, 10 to 0.05, 0.5/q to 0.5, 0)";

    /// <summary>The pieces of a <c>piecewise</c> spec: each argument is a piece <c>c</c>, <c>c/q</c> or <c>c(1-q)/q</c>
    /// followed by <c>to b</c>, the quantile where it ends; the last piece ends at 1 and may leave <c>to 1</c> out.</summary>
    private static PiecewiseValueDistribution ParsePiecewise(List<string> arguments)
    {
        const string family = PiecewiseValueDistribution.Family;
        if (arguments.Count == 1 && arguments[0].Length == 0)
            throw new InputException($"{family}: needs at least one piece; usage: {PiecewiseUsage}");
        var pieces = new List<ValuePiece>();
        for (int i = 0; i < arguments.Count; i++)
        {
            string argument = arguments[i];
            int to = argument.IndexOf("to", StringComparison.OrdinalIgnoreCase);
            string pieceText = to < 0 ? argument : argument[..to];
            double end = 1;
            if (to < 0 && i < arguments.Count - 1)
                throw new InputException($"{family}: piece {i + 1} '{InputException.Excerpt(argument)}' needs 'to b', the quantile where it ends (only the last piece ends at 1 unsaid); usage: {PiecewiseUsage}");
            if (to >= 0 && !TryParseNumber(argument[(to + 2)..], out end))
                throw new InputException($"{family}: piece {i + 1} ends at '{InputException.Excerpt(argument[(to + 2)..].Trim())}', which is not a number; usage: {PiecewiseUsage}");
            string compact = string.Concat(pieceText.Where(c => !char.IsWhiteSpace(c)));
            var (shape, coefficientText) =
                compact.EndsWith("(1-q)/q", StringComparison.OrdinalIgnoreCase) ? (PieceShape.Falling, compact[..^7].TrimEnd('*'))
                : compact.EndsWith("/q", StringComparison.OrdinalIgnoreCase) ? (PieceShape.EqualRevenue, compact[..^2])
                : (PieceShape.Constant, compact);
            if (!TryParseNumber(coefficientText, out double coefficient))
                throw new InputException($"{family}: piece {i + 1} '{InputException.Excerpt(pieceText.Trim())}' is not c, c/q or c(1-q)/q with a number c; usage: {PiecewiseUsage}");
            pieces.Add(new ValuePiece(end, shape, coefficient));
        }
        return new PiecewiseValueDistribution(pieces);
    }

    private static MixtureDistribution ParseMixture(List<string> arguments, string? baseDirectory)
    {
        const string usage = "mixture(w1*D1, w2*D2, ...), e.g. mixture(0.5*uniform(0, 1), 0.5*exponential(1))";
        if (arguments.Count == 1 && arguments[0].Length == 0)
            throw new InputException($"{MixtureFamily}: needs at least one component; usage: {usage}");
        var components = new List<MixtureComponent>();
        foreach (string argument in arguments)
        {
            int star = argument.IndexOf('*', StringComparison.Ordinal);
            if (star < 0)
                throw new InputException($"{MixtureFamily}: component '{InputException.Excerpt(argument)}' needs a weight, as in 0.5*{InputException.Excerpt(argument)}; usage: {usage}");
            string weightText = argument[..star].Trim();
            if (!TryParseNumber(weightText, out double weight))
                throw new InputException($"{MixtureFamily}: weight '{InputException.Excerpt(weightText)}' is not a number; usage: {usage}");
            components.Add(new MixtureComponent(weight, ParseDistribution(argument[(star + 1)..], allowMixture: false, baseDirectory)));
        }

        return new MixtureDistribution(components);
    }

    private static FamilyArguments ParseArguments(FamilyDefinition definition, List<string> arguments, string? baseDirectory)
    {
        var values = new double?[definition.Parameters.Length];
        var texts = new string?[definition.Parameters.Length];
        string family = definition.Name;
        if (arguments.Count == 1 && arguments[0].Length == 0) arguments.Clear();
        bool namedSeen = false;
        int position = 0;
        foreach (string argument in arguments)
        {
            if (argument.Length == 0)
                throw new InputException($"{family}: empty argument; usage: {definition.Usage}");
            // A quoted positional value may contain '='.
            int equals = argument.StartsWith('"') ? -1 : argument.IndexOf('=', StringComparison.Ordinal);
            int index;
            string valueText;
            if (equals >= 0)
            {
                namedSeen = true;
                string parameterName = argument[..equals].Trim().ToLowerInvariant();
                index = Array.FindIndex(definition.Parameters, p => p.Name == parameterName);
                if (index < 0)
                    throw new InputException($"{family}: unknown parameter '{InputException.Excerpt(parameterName)}'; valid parameters: {definition.ParameterNames}");
                valueText = argument[(equals + 1)..].Trim();
            }
            else
            {
                if (namedSeen)
                    throw new InputException($"{family}: positional argument '{InputException.Excerpt(argument)}' after a named one; usage: {definition.Usage}");
                if (position >= definition.Parameters.Length)
                    throw new InputException($"{family}: too many arguments ({arguments.Count}); parameters: {definition.ParameterNames}");
                index = position++;
                valueText = argument;
            }

            var parameter = definition.Parameters[index];
            string name = parameter.Name;
            if (values[index].HasValue || texts[index] is not null)
                throw new InputException($"{family}: parameter '{name}' given twice");
            if (parameter.Kind != ParameterKind.Number)
            {
                texts[index] = Unquote(valueText, family, name);
                continue;
            }
            if (!TryParseNumber(valueText, out double value))
                throw new InputException($"{family}: parameter '{name}' must be a number (or inf), got '{InputException.Excerpt(valueText)}'");
            values[index] = value;
        }

        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            var parameter = definition.Parameters[i];
            bool missing = parameter.Kind switch
            {
                ParameterKind.Number => (values[i] ?? parameter.Default) is null,
                ParameterKind.Path => texts[i] is null,
                _ => false,
            };
            if (missing) throw new InputException($"{family}: missing required parameter '{parameter.Name}'; usage: {definition.Usage}");
            result[i] = values[i] ?? parameter.Default ?? double.NaN;
        }

        return new FamilyArguments(result, texts, baseDirectory);
    }

    /// <summary>A text value without its quotes ("" inside quotes is one quote); empty text is refused.</summary>
    private static string Unquote(string text, string family, string name)
    {
        string value = text.Trim();
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
            value = value[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
        else if (value.Contains('"', StringComparison.Ordinal))
            throw new InputException($"{family}: parameter '{name}' has an unbalanced quote: {InputException.Excerpt(text)}");
        if (value.Length == 0) throw new InputException($"{family}: parameter '{name}' is empty");
        return value;
    }

    private static int MatchingParenthesis(string text, int open, string family)
    {
        int depth = 0;
        bool quoted = false;
        for (int i = open; i < text.Length; i++)
        {
            if (text[i] == '"') quoted = !quoted;
            if (quoted) continue;
            if (text[i] == '(') depth++;
            else if (text[i] == ')' && --depth == 0) return i;
        }

        throw new InputException($"{family}: missing ')' at the end of '{InputException.Excerpt(text)}'");
    }

    private static List<string> SplitTopLevel(string text)
    {
        var parts = new List<string>();
        int depth = 0, start = 0;
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '"') quoted = !quoted;
            if (quoted) continue;
            if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (c == ',' && depth == 0)
            {
                parts.Add(text[start..i].Trim());
                start = i + 1;
            }
        }

        parts.Add(text[start..].Trim());
        return parts;
    }

    private static bool TryParseNumber(string text, out double value)
    {
        string t = text.Trim().ToLowerInvariant();
        switch (t)
        {
            case "inf" or "+inf" or "infinity" or "+infinity":
                value = double.PositiveInfinity;
                return true;
            case "-inf" or "-infinity":
                value = double.NegativeInfinity;
                return true;
        }

        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && !double.IsNaN(value);
    }

    /// <summary>What a parameter holds: a number, a data file's path (required), or an optional name.</summary>
    private enum ParameterKind
    {
        Number,
        Path,
        OptionalText,
    }

    private sealed record ParameterDefinition(string Name, double? Default = null, ParameterKind Kind = ParameterKind.Number)
    {
        public string Usage => Kind switch
        {
            ParameterKind.Path => $"{Name}=PATH",
            ParameterKind.OptionalText => $"{Name}=NAME",
            _ => Default is { } d ? $"{Name}={ParameterCheck.Format(d)}" : Name,
        };
    }

    /// <summary>A family's parsed arguments: numbers by position (<c>p[0]</c>), text by <see cref="Text"/>.</summary>
    private sealed class FamilyArguments(double[] numbers, string?[] texts, string? baseDirectory)
    {
        public double this[int index] => numbers[index];

        public string? Text(int index) => texts[index];

        public string? BaseDirectory => baseDirectory;
    }

    private sealed record FamilyDefinition(string Name, ParameterDefinition[] Parameters, Func<FamilyArguments, ValueDistribution> Create)
    {
        public string ParameterNames => string.Join(", ", Parameters.Select(p => p.Name));

        public string Usage => $"{Name}({string.Join(", ", Parameters.Select(p => p.Usage))})";
    }
}
