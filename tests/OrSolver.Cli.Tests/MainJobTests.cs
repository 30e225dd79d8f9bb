namespace OrSolver.Cli.Tests;

/// <summary>Bare <c>orsolver</c>: the main job on the default model (landmarks and a frontier table).</summary>
public class MainJobTests
{
    [Fact]
    public void No_arguments_prints_the_landmarks_and_a_frontier_table()
    {
        var result = Cli.RunOk();
        Assert.Contains("Pareto frontier", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("landmarks", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(MainJob.DefaultModel, result.Stdout, StringComparison.Ordinal);
    }
}
