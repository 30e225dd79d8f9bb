using System.Reflection;

namespace OrSolver.Experiments;

/// <summary>Every experiment in this assembly, in the order of the paper.</summary>
public static class ExperimentCatalog
{
    /// <summary>The ids in report order: the paper's order of results, then the explorations.</summary>
    public static IReadOnlyList<string> Order { get; } =
        ["fig1", "prop3.1-3.3", "thm3.4", "thm3.5", "thm3.7", "thm4.1", "thm4.2", "thm5.1", "thm5.2", "thm5.3", "table1", "thmD.1", "appE", "outside", "outside-asymmetric"];

    private static readonly Lazy<IReadOnlyList<Experiment>> Experiments = new(Discover);

    /// <summary>All experiments, in <see cref="Order"/> (any not listed there come last, by id).</summary>
    public static IReadOnlyList<Experiment> All => Experiments.Value;

    /// <summary>The experiment with this id (case-insensitive), or null.</summary>
    public static Experiment? Find(string id) => All.FirstOrDefault(e => string.Equals(e.Id, id, StringComparison.OrdinalIgnoreCase));

    private static List<Experiment> Discover()
    {
        var found = typeof(Experiment).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true } && typeof(Experiment).IsAssignableFrom(t))
            .Select(t => (Experiment)Activator.CreateInstance(t, nonPublic: true)!)
            .ToList();
        int Rank(Experiment e) { int i = Order.ToList().IndexOf(e.Id); return i < 0 ? int.MaxValue : i; }
        return [.. found.OrderBy(Rank).ThenBy(e => e.Id, StringComparer.Ordinal)];
    }
}
