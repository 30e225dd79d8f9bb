using System.Globalization;
using System.Text.Json;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.LinearProgramming.OrTools;

namespace OrSolver.Cli.Tests;

/// <summary>
/// A failed check never hides: with an LP backend whose duals are wrong (every row dual scaled by 1.5), the points whose
/// λ is positive fail strong duality. The output is still written with those points marked, one line per failing point
/// goes to stderr, and the exit code is 1. Uniform[0,1] with n = 5: above the second-price auction the frontier is the
/// segment Π = 1 − 2U (λ = 2), so every sampled point but the Myerson point (λ = 0, unchanged by scaling) fails.
/// </summary>
public class CheckFailureTests
{
    /// <summary>GLOP with every row dual multiplied by <see cref="Factor"/>: a backend that lies about its duals.</summary>
    private sealed class WrongDuals : ILinearSolver
    {
        public const double Factor = 1.5;

        private readonly OrToolsLinearSolver _inner = new();

        public string Name => "glop-with-wrong-duals";

        public ILinearSolverSession Load(LinearProgram program) => new Session(_inner.Load(program));

        private sealed class Session(ILinearSolverSession inner) : ILinearSolverSession
        {
            public void SetRowBounds(int row, double lower, double upper) => inner.SetRowBounds(row, lower, upper);

            public LinearSolution Solve()
            {
                var solution = inner.Solve();
                return solution with { RowDuals = [.. solution.RowDuals.Select(d => d * Factor)] };
            }

            public void Dispose() => inner.Dispose();
        }
    }

    private static CliResult RunWithWrongDuals(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        int exit = OrSolverCommandLine.Run(args, output, error, () => new WrongDuals());
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    private static readonly string[] Market = ["--dist", "uniform(0,1)", "--buyers", "5", "--grid", "200"];

    [Fact]
    public void Frontier_writes_every_point_marks_the_failures_and_exits_1()
    {
        using var directory = new TemporaryDirectory(create: false);
        var result = RunWithWrongDuals([.. (string[])["frontier"], .. Market, "--points", "5", "--format", "csv", "--out", directory.Path]);
        Assert.True(result.ExitCode == OrSolverCommandLine.SolverFailure, result.ToString());

        // The CSV is complete on stdout and in --out, byte for byte.
        Assert.Equal(["frontier.csv"], directory.Entries);
        Assert.Equal(result.Stdout, File.ReadAllText(Path.Combine(directory.Path, "frontier.csv")));
        var rows = result.OutputLines.Skip(1).Select(line => line.Split(',')).ToList();
        var header = result.OutputLines[0].Split(',');
        int agrees = Array.IndexOf(header, "agrees"), extreme = Array.IndexOf(header, "extreme"), lambda = Array.IndexOf(header, "lambda"),
            check = Array.IndexOf(header, "check"), solution = Array.IndexOf(header, "solution");

        // The LP-checked points with λ > 0 fail; the Myerson point (λ = 0) and the hull-checked vertices pass.
        var lpRows = rows.Where(r => r[check] == "lp+hull+auction").ToList();
        Assert.Equal(5 + 3, lpRows.Count); // 5 samples and the 3 bargaining solutions
        var failing = lpRows.Where(r => r[agrees] == "False").ToList();
        Assert.All(failing, r => Assert.True(double.Parse(r[lambda], CultureInfo.InvariantCulture) > 0));
        Assert.Contains(lpRows, r => r[agrees] == "True" && r[extreme] == "False" && r[solution] == "" && double.Parse(r[lambda], CultureInfo.InvariantCulture) == 0);
        var vertexRows = rows.Where(r => r[check] == "certificate+hull+auction").ToList();
        Assert.NotEmpty(vertexRows);
        Assert.All(vertexRows, r => Assert.Equal("True", r[agrees]));
        Assert.True(failing.Count >= 4, $"expected the 4 samples above the Myerson point to fail\n{result}");

        // One stderr line per failing point, naming the check and the duality gap.
        Assert.Equal(failing.Count, result.ErrorLines.Count(l => l.StartsWith("orsolver: check failed", StringComparison.Ordinal)));
        Assert.All(result.ErrorLines.Where(l => l.StartsWith("orsolver: check failed", StringComparison.Ordinal)),
            l => Assert.Contains("duality gap", l, StringComparison.Ordinal));
    }

    [Fact]
    public void Solve_prints_the_failed_check_and_exits_1()
    {
        var result = RunWithWrongDuals([.. (string[])["solve"], .. Market, "--surplus", "0.3", "--format", "json"]);
        Assert.True(result.ExitCode == OrSolverCommandLine.SolverFailure, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var checkElement = json.RootElement.GetProperty("check");
        Assert.False(checkElement.GetProperty("agrees").GetBoolean());
        Assert.Contains("duality gap", checkElement.GetProperty("failure").GetString(), StringComparison.Ordinal);
        Assert.Single(result.ErrorLines);
    }

    [Fact]
    public void Main_job_and_bargain_exit_1_on_a_failed_check()
    {
        var main = RunWithWrongDuals();
        Assert.True(main.ExitCode == OrSolverCommandLine.SolverFailure, main.ToString());
        Assert.Contains("FAILED", main.Stdout, StringComparison.Ordinal);

        var bargain = RunWithWrongDuals([.. (string[])["bargain"], .. Market, "--format", "json"]);
        Assert.True(bargain.ExitCode == OrSolverCommandLine.SolverFailure, bargain.ToString());
        using var json = JsonDocument.Parse(bargain.Stdout);
        Assert.False(json.RootElement.GetProperty("nash").GetProperty("check").GetProperty("agrees").GetBoolean());
    }

    [Fact]
    public void The_same_commands_pass_with_the_real_backend()
    {
        Cli.RunOk([.. (string[])["frontier"], .. Market, "--points", "5", "--format", "csv"]);
        Cli.RunOk([.. (string[])["solve"], .. Market, "--surplus", "0.3", "--format", "json"]);
    }

    /// <summary>A sweep row whose bargaining solutions fail their LP check says so in its own row (agrees False, the
    /// failure named), one line on stderr names the row, and the exit code is 1; the file is still written whole.</summary>
    [Fact]
    public void Sweep_marks_the_rows_whose_check_failed_and_exits_1()
    {
        using var directory = new TemporaryDirectory(create: false);
        var result = RunWithWrongDuals("sweep", "--dist", "uniform(0,1)", "--buyers", "5", "--grid", "200", "--verify", "lp", "--out", directory.Path);
        Assert.True(result.ExitCode == OrSolverCommandLine.SolverFailure, result.ToString());
        var rows = OrSolver.Core.Sweeps.SweepFiles.Read(Path.Combine(directory.Path, OrSolver.Core.Sweeps.SweepFiles.FileName)).Rows;
        var row = Assert.Single(rows);
        Assert.NotNull(row.Result);
        Assert.False(row.Result.Agrees);
        Assert.Contains("kalai-smorodinsky", row.Result.Failure, StringComparison.Ordinal);
        Assert.Contains("duality gap", row.Result.Failure, StringComparison.Ordinal);
        Assert.Single(result.ErrorLines, l => l.StartsWith("orsolver: row 1: check failed", StringComparison.Ordinal));
    }
}
