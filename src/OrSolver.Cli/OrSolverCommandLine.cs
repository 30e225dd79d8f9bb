using System.CommandLine;
using OrSolver.Core;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.LinearProgramming.OrTools;

namespace OrSolver.Cli;

/// <summary>
/// The <c>orsolver</c> command line: a thin face over OrSolver.Core, one file per command. Exit codes: 0 success,
/// 1 a solver failure or a failed check (the output is still written, the failing points marked, one line each on
/// stderr), 2 bad input (one line on stderr, nothing written), 3 internal error (a bug; one line).
/// </summary>
public static class OrSolverCommandLine
{
    /// <summary>Exit code of a successful run.</summary>
    public const int Success = 0;

    /// <summary>Exit code when the solver did not return a trustworthy optimum or a reported point failed its check.</summary>
    public const int SolverFailure = 1;

    /// <summary>Exit code for bad input.</summary>
    public const int BadInput = 2;

    /// <summary>Exit code for a bug.</summary>
    public const int InternalError = 3;

    /// <summary>Runs the command line with the given arguments and writers; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
        => Run(args, output, error, () => new OrToolsLinearSolver());

    /// <summary>As <see cref="Run(string[], TextWriter, TextWriter)"/> with the LP backend of <paramref name="newSolver"/>.</summary>
    internal static int Run(string[] args, TextWriter output, TextWriter error, Func<ILinearSolver> newSolver)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(newSolver);
        var context = new CliContext(output, error, newSolver);
        var root = new RootCommand("OrSolver: the revenue–surplus Pareto frontier of truthful auctions (Babaioff, Chen, Chen, Feng).");
        root.SetAction(_ => context.Run(() => MainJob.Run(context)));
        root.Add(InspectCommand.Create(context));
        root.Add(SolveCommand.Create(context));
        root.Add(FrontierCommand.Create(context));
        root.Add(BargainCommand.Create(context));
        root.Add(EvaluateCommand.Create(context));
        root.Add(TradeCommand.Create(context));
        root.Add(SweepCommand.Create(context));
        root.Add(MergeCommand.Create(context));
        root.Add(ModelsCommand.Create(context));
        root.Add(ExperimentCommand.Create(context));
        root.Add(BenchCommand.Create(context));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // System.CommandLine's messages can span lines ("Did you mean one of the following?" and a list): keep one.
            string message = parsed.Errors[0].Message.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries)[0];
            error.WriteLine($"orsolver: {message}");
            return BadInput;
        }
        int invoked = parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        return invoked != 0 ? invoked : context.Exit;
    }

    /// <summary>Maps exceptions to exit codes with one line on stderr, never a stack trace.</summary>
    internal static int Guard(TextWriter error, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (InputException e)
        {
            error.WriteLine($"orsolver: {e.Message}");
            return BadInput;
        }
        catch (SolverFailureException e)
        {
            error.WriteLine($"orsolver: {e.Message}");
            return SolverFailure;
        }
#pragma warning disable CA1031 // The command line's last line of defence: a bug becomes one line and exit code 3.
        catch (Exception e)
        {
            error.WriteLine($"orsolver: internal error: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
            return InternalError;
        }
#pragma warning restore CA1031
    }
}

/// <summary>The solver did not return a trustworthy optimum (exit code 1).</summary>
internal sealed class SolverFailureException(string message) : Exception(message);
