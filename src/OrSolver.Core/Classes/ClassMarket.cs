using OrSolver.Core.Discretisation;
using OrSolver.Core.Distributions;

namespace OrSolver.Core.Classes;

/// <summary>One class of buyers: <see cref="Buyers"/> buyers whose values are i.i.d. from <see cref="Distribution"/>
/// (method.md §13.2).</summary>
/// <param name="Distribution">F_c.</param>
/// <param name="Buyers">n_c. Range: ≥ 1.</param>
public sealed record BuyerClass(IValueDistribution Distribution, long Buyers);

/// <summary>
/// A seller with one item and K classes of buyers (method.md §13.2): class c has n_c buyers with values i.i.d. from F_c, and
/// all values are independent. Within a class buyers are symmetric, so a mechanism is described by one interim
/// allocation x_c(q) per class. Validates itself: 1 ≤ K ≤ <see cref="MaximumClasses"/>, n_c ≥ 1 and
/// Σ n_c ≤ <see cref="MaximumBuyers"/>.
/// </summary>
public sealed class ClassMarket
{
    /// <summary>The most classes accepted: the certificate of Border for K ≥ 3 is a search, not an enumeration, and the
    /// exhaustive check it is tested against grows as m^K.</summary>
    public const int MaximumClasses = 5;

    /// <summary>The most buyers accepted in total: the interim allocation of the Lagrangian route integrates a polynomial
    /// of degree Σ n_c − 1 over tie counts by Gauss–Legendre quadrature with about Σ n_c / 2 nodes per score level.</summary>
    public const long MaximumBuyers = 1000;

    /// <summary>Creates the market; throws <see cref="InputException"/> for K or n_c outside the accepted ranges.</summary>
    public ClassMarket(IReadOnlyList<BuyerClass> classes)
    {
        ArgumentNullException.ThrowIfNull(classes);
        if (classes.Count < 1) throw new InputException("a market needs at least one class of buyers");
        if (classes.Count > MaximumClasses)
            throw new InputException($"at most {MaximumClasses} classes of buyers are supported (got {classes.Count})");
        long total = 0;
        foreach (var c in classes)
        {
            ArgumentNullException.ThrowIfNull(c);
            ArgumentNullException.ThrowIfNull(c.Distribution);
            if (c.Buyers < 1) throw new InputException($"every class needs at least 1 buyer (got {c.Buyers} for {c.Distribution.Spec})");
            total += Math.Min(c.Buyers, MaximumBuyers + 1);
            if (total > MaximumBuyers)
                throw new InputException($"at most {MaximumBuyers} buyers in total are supported across classes");
        }
        Classes = [.. classes];
        TotalBuyers = total;
    }

    /// <summary>Parses classes given as (n_c, distribution text) pairs, e.g. (2, "uniform(0,1)").</summary>
    public static ClassMarket Parse(params (long Buyers, string Distribution)[] classes)
    {
        ArgumentNullException.ThrowIfNull(classes);
        return new ClassMarket([.. classes.Select(c => new BuyerClass(DistributionSpec.Parse(c.Distribution), c.Buyers))]);
    }

    /// <summary>The classes, in the order given.</summary>
    public IReadOnlyList<BuyerClass> Classes { get; }

    /// <summary>K, the number of classes. Range: 1..<see cref="MaximumClasses"/>.</summary>
    public int Count => Classes.Count;

    /// <summary>Σ n_c.</summary>
    public long TotalBuyers { get; }

    /// <summary>Class c as an i.i.d. market of its own (F_c, n_c): what each class's grid and weights are built from.</summary>
    public Market ClassAlone(int c) => new(Classes[c].Distribution, Classes[c].Buyers);

    /// <summary>Discretises every class on its own graded grid of about <paramref name="gridSize"/> cells, with its monopoly
    /// quantile on it (method.md §3.4–3.5 applied per class).</summary>
    public ClassGrids Discretise(int gridSize) => Discretise(gridSize, []);

    /// <summary>As <see cref="Discretise(int)"/>, with each class's grid also through the quantiles 1 − F_c(v) of the values
    /// <paramref name="values"/>[c] (e.g. the reserves of an auction to evaluate, so that it runs exactly on the grid);
    /// values outside a class's support add nothing.</summary>
    public ClassGrids Discretise(int gridSize, IReadOnlyList<IReadOnlyList<double>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var markets = new DiscretisedMarket[Count];
        for (int c = 0; c < Count; c++)
        {
            var alone = ClassAlone(c);
            var monopoly = MonopolyPrice.Find(alone.Distribution);
            var forced = new List<double> { monopoly.Quantile };
            if (c < values.Count)
                forced.AddRange(values[c].Select(alone.Distribution.Survival).Where(q => q > 0 && q < 1));
            markets[c] = new DiscretisedMarket(alone, GridBuilder.Build(alone, gridSize, forced));
        }
        return new ClassGrids(this, markets);
    }

    /// <summary>Discretises every class on a grid of the caller's choosing (one per class).</summary>
    public ClassGrids Discretise(IReadOnlyList<QuantileGrid> grids)
    {
        ArgumentNullException.ThrowIfNull(grids);
        if (grids.Count != Count) throw new ArgumentException($"expected {Count} grids, got {grids.Count}", nameof(grids));
        return new ClassGrids(this, [.. grids.Select((g, c) => new DiscretisedMarket(ClassAlone(c), g))]);
    }
}

/// <summary>
/// The market discretised class by class: class c on its own grid 0 = q_{c,0} &lt; … &lt; q_{c,m_c} = 1, with the cell
/// weights of (F_c, n_c) (method.md §3.1–3.2). Each class's <see cref="DiscretisedMarket.Cap(int)"/> is Border's cap for
/// that class alone, (1 − (1 − q)^{n_c})/n_c, which the joint condition of method.md §13.2 contains as t_d = 0 for d ≠ c.
/// </summary>
public sealed class ClassGrids
{
    internal ClassGrids(ClassMarket market, DiscretisedMarket[] classes)
    {
        Market = market;
        Classes = classes;
    }

    /// <summary>The market.</summary>
    public ClassMarket Market { get; }

    /// <summary>Class c on its grid, as (F_c, n_c).</summary>
    public IReadOnlyList<DiscretisedMarket> Classes { get; }

    /// <summary>K.</summary>
    public int Count => Classes.Count;
}
