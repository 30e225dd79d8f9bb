namespace OrSolver.Benchmarks;

/// <summary>Independent work on every core: each item gets its own worker call, so whatever solver it builds is its
/// own (GLOP sessions are single-threaded and not shareable, method.md §4.4).</summary>
public static class Workers
{
    /// <summary>The number of workers: one per core.</summary>
    public static int Count => Environment.ProcessorCount;

    /// <summary>Applies <paramref name="work"/> to every item on up to <see cref="Count"/> threads; results keep the
    /// items' order.</summary>
    public static TOut[] Map<TIn, TOut>(IReadOnlyList<TIn> items, Func<TIn, TOut> work)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(work);
        var results = new TOut[items.Count];
        Parallel.For(0, items.Count, new ParallelOptions { MaxDegreeOfParallelism = Count }, i => results[i] = work(items[i]));
        return results;
    }
}
