namespace OrSolver.Cli.Tests;

/// <summary>Nothing partial is written on failure (README, Errors): a failed command leaves <c>--out</c> untouched.</summary>
public class OutputDirectoryTests
{
    public static TheoryData<string[], bool> FailingCommands()
    {
        var data = new TheoryData<string[], bool>();
        string[][] commands =
        [
            ["frontier", "--dist", "foo(1)", "--format", "csv"],
            ["frontier", "--dist", "uniform(0)", "--grid", "400"],
            ["frontier", "--dist", "pareto(1)", "--grid", "400", "--format", "csv"],
            ["frontier", "--dist", "uniform(0,1)", "--points", "1", "--grid", "400", "--format", "csv"],
            ["frontier", "--dist", "uniform(0,1)", "--buyers", "0", "--grid", "400", "--format", "json"],
            ["solve", "--dist", "uniform(0,1)", "--buyers", "5", "--surplus", "0.7", "--grid", "400"],
            ["solve", "--dist", "uniform(0,1)", "--buyers", "5", "--surplus", "0.7", "--grid", "400", "--format", "json"],
            ["inspect", "--dist", "uniform(0,1)", "--grid", "3", "--format", "json"],
        ];
        foreach (var command in commands)
        {
            data.Add(command, false);
            data.Add(command, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(FailingCommands))]
    public void Failed_command_writes_nothing(string[] command, bool directoryExists)
    {
        using var directory = new TemporaryDirectory(create: directoryExists);
        var result = Cli.Run([.. command, "--out", directory.Path]);
        Cli.AssertBadInput(result);
        Assert.Empty(directory.Entries);
        Assert.Equal(directoryExists ? ["out"] : [], directory.ParentEntries);
    }

    [Fact]
    public void Successful_solve_and_inspect_write_their_json()
    {
        using var directory = new TemporaryDirectory(create: false);
        var solve = Cli.RunOk("solve", "--dist", "uniform(0,1)", "--buyers", "5", "--surplus", "0.3", "--grid", "400", "--format", "json", "--out", directory.Path);
        var inspect = Cli.RunOk("inspect", "--dist", "uniform(0,1)", "--buyers", "5", "--grid", "400", "--format", "json", "--out", directory.Path);
        Assert.Equal(["inspect.json", "solve.json"], directory.Entries);
        Assert.Equal(solve.Stdout.TrimEnd(), File.ReadAllText(Path.Combine(directory.Path, "solve.json")).TrimEnd());
        Assert.Equal(inspect.Stdout.TrimEnd(), File.ReadAllText(Path.Combine(directory.Path, "inspect.json")).TrimEnd());
    }

    [Fact]
    public void Out_that_is_a_file_is_bad_input()
    {
        using var directory = new TemporaryDirectory(create: false);
        string file = directory.WriteFile("occupied", "keep me");
        var result = Cli.Run("frontier", "--dist", "uniform(0,1)", "--points", "3", "--grid", "400", "--format", "csv", "--out", file);
        Cli.AssertBadInput(result, "occupied");
        Assert.Equal("keep me", File.ReadAllText(file));
        Assert.Equal(["occupied"], directory.ParentEntries);
    }
}
