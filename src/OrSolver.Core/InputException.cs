namespace OrSolver.Core;

/// <summary>
/// Bad input from a user: an unknown family, a bad parameter, a malformed file. The message is one line,
/// written for the user (the CLI prints it to stderr and exits with code 2). Bugs are other exceptions.
/// </summary>
public sealed class InputException : Exception
{
    public InputException() { }
    public InputException(string message) : base(message) { }
    public InputException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Text the user gave, fit to quote inside a one-line message: every run of white space (line breaks
    /// included) becomes one space, and text longer than <paramref name="maxLength"/> is cut with "...".</summary>
    /// <param name="text">What the user typed or a file held.</param>
    /// <param name="maxLength">The longest excerpt. Range: ≥ 4.</param>
    public static string Excerpt(string text, int maxLength = 60)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 4);
        string flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= maxLength ? flat : flat[..(maxLength - 3)] + "...";
    }
}
