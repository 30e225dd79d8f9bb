using System.Text.Json;
using OrSolver.Experiments;

namespace OrSolver.Experiments.Tests;

/// <summary>
/// What the experiments write does not depend on how many workers run them: the independent markets of an experiment are
/// measured at once (<see cref="ExperimentContext.Map{TItem, TResult}"/>), several experiments run at once and share the
/// measurements they have in common (<see cref="ExperimentContext.Shared{T}"/>), and every file, claim and count must still
/// be the one a sequential run writes.
/// </summary>
public class ExperimentParallelismTests
{
    [Fact]
    public void Every_experiment_writes_the_same_files_and_claims_on_one_worker_and_on_two()
    {
        string sequential = TemporaryRoot("sequential"), parallel = TemporaryRoot("parallel");
        try
        {
            var one = ExperimentRunner.Run(ExperimentCatalog.All, sequential, quick: true, parallelism: 1);
            var two = ExperimentRunner.Run(ExperimentCatalog.All, parallel, quick: true, parallelism: 2);
            Assert.Equal(one.Select(r => r.Id), two.Select(r => r.Id));
            foreach (var (first, second) in one.Zip(two))
            {
                Assert.Null(first.Error);
                // The report less the run's own time.
                Assert.Equal(Untimed(first), Untimed(second));
                foreach (string file in first.Data.Concat(first.Plots))
                {
                    byte[] expected = File.ReadAllBytes(Path.Combine(sequential, ExperimentRunner.ResultsFolder, first.Id, file));
                    Assert.True(expected.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(parallel, ExperimentRunner.ResultsFolder, second.Id, file))),
                        $"{first.Id}/{file} differs between one worker and two");
                }
            }
        }
        finally
        {
            foreach (string root in new[] { sequential, parallel })
                if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Map_returns_the_results_in_the_order_of_the_items_whatever_order_they_finish_in()
    {
        string root = TemporaryRoot("map");
        try
        {
            var context = new ExperimentContext("map", root, quick: true, parallelism: 2);
            // The first items take longest, so with two workers the later ones finish first.
            int[] items = [.. Enumerable.Range(0, 12)];
            var finished = new System.Collections.Concurrent.ConcurrentQueue<int>();
            var results = context.Map(items, (item, solver) =>
            {
                Assert.NotNull(solver);
                Thread.Sleep(5 * (items.Length - item));
                finished.Enqueue(item);
                return 10 * item;
            });
            Assert.Equal(items.Select(i => 10 * i), results);
            Assert.Equal(items.Length, finished.Count);
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void A_shared_measurement_is_computed_once_for_every_experiment_of_a_run_and_apart_for_each_mode()
    {
        string root = TemporaryRoot("shared");
        try
        {
            var store = new SharedMeasurements();
            var quick = Enumerable.Range(0, 4).Select(i => new ExperimentContext($"e{i}", Path.Combine(root, $"e{i}"), quick: true, shared: store)).ToList();
            var full = new ExperimentContext("f", Path.Combine(root, "f"), quick: false, shared: store);
            int computed = 0;
            string Compute()
            {
                Interlocked.Increment(ref computed);
                Thread.Sleep(20);
                return "measured";
            }
            // Four experiments ask at once: one computes, the others wait for it.
            var answers = new string[quick.Count];
            Parallel.For(0, quick.Count, new ParallelOptions { MaxDegreeOfParallelism = quick.Count }, i => answers[i] = quick[i].Shared("market", Compute));
            Assert.All(answers, a => Assert.Equal("measured", a));
            Assert.Equal(1, computed);
            full.Shared("market", Compute);
            Assert.Equal(2, computed);
            // Another run has its own store.
            new ExperimentContext("other", Path.Combine(root, "other"), quick: true).Shared("market", Compute);
            Assert.Equal(3, computed);
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    private static string TemporaryRoot(string name) => Path.Combine(Path.GetTempPath(), $"orsolver-parallelism-{name}-{Environment.ProcessId}-{Guid.NewGuid():N}");

    private static string Untimed(ExperimentReport report) => JsonSerializer.Serialize(report with { Seconds = 0, Finished = "" }, ExperimentReport.Json);
}
