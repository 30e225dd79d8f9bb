namespace OrSolver.Cli.Tests;

/// <summary>Argument lists the command-line fuzz property (<see cref="CommandLineFuzzTests"/>) found breaking the
/// bad-input contract: two lines on stderr, an internal error (exit 3), or the result printed before --out failed.</summary>
public class FuzzCounterexampleTests
{
    public static TheoryData<string[], string> BadInput() => new()
    {
        // A line break inside the echoed --gaps part, experiment id or model name made the message two lines.
        { ["evaluate", "--dist", "uniform(0, 1)", "--grid", "40", "--reserve", "0.3", "--gaps", "0.5:\n0.6x"], "'0.5: 0.6x' is not low:high" },
        { ["experiment", "nope\nx"], "unknown experiment 'nope x'" },
        { ["inspect", "--model", "no\nsuch", "--grid", "40"], "no model named \"no such\"" },
        // ArgumentException from the NUL in the --out path: "internal error", exit code 3.
        { ["inspect", "--dist", "uniform(0, 1)", "--grid", "40", "--out", "a\0b"], "cannot write to a" },
        // The table was printed, then writing to the file /dev/null failed (exit 2 with a result on stdout).
        { ["inspect", "--dist", "uniform(0, 1)", "--grid", "40", "--out", "/dev/null"], "it is a file, not a directory" },
        // The "below the Myerson point" note went to stderr before the failure: two lines.
        { ["solve", "--dist", "lomax(2)", "--grid", "40", "--surplus", "0.1", "--out", "/dev/null"], "it is a file, not a directory" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public void Is_one_line_exit_code_2_and_nothing_on_stdout(string[] args, string mentions)
        => Cli.AssertBadInput(Cli.Run(args), mentions);
}
