using OrSolver.Core.LinearProgramming;

namespace OrSolver.Cli;

/// <summary>What every command runs with: where it prints, which LP backend it solves with, and where its exit code goes.</summary>
/// <param name="Output">Standard output (results).</param>
/// <param name="Error">Standard error (one-line errors, failed checks, progress).</param>
/// <param name="NewSolver">Creates the LP backend (GLOP in production; tests substitute a faulty one to force a failed check).</param>
internal sealed record CliContext(TextWriter Output, TextWriter Error, Func<ILinearSolver> NewSolver)
{
    /// <summary>The exit code the command set.</summary>
    public int Exit { get; set; }

    /// <summary>Runs a command's body under the error guard and keeps its exit code.</summary>
    public void Run(Func<int> body) => Exit = OrSolverCommandLine.Guard(Error, body);
}
