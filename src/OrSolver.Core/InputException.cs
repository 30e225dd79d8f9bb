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
}
