using OrSolver.Core.Discretisation;

namespace OrSolver.Core.Classes;

/// <summary>
/// A mechanism's interim allocations, one per class: x_c constant on the cells of class c's grid (method.md §13.2).
/// Π = Σ_c n_c·Σ_j x_{c,j}·ΔR_{c,j} and W = Σ_c n_c·Σ_j x_{c,j}·ΔV_{c,j}: each class contributes what an i.i.d. market of
/// its own would (the payment identity holds buyer by buyer, with the lowest type of every class at zero utility).
/// </summary>
public sealed class ClassAllocation
{
    /// <summary>Creates the allocation from one <see cref="InterimAllocation"/> per class, each on that class's grid.</summary>
    public ClassAllocation(ClassGrids grids, IReadOnlyList<InterimAllocation> classes)
    {
        ArgumentNullException.ThrowIfNull(grids);
        ArgumentNullException.ThrowIfNull(classes);
        if (classes.Count != grids.Count) throw new ArgumentException($"expected {grids.Count} allocations, got {classes.Count}", nameof(classes));
        for (int c = 0; c < classes.Count; c++)
        {
            if (!ReferenceEquals(classes[c].Market, grids.Classes[c]))
                throw new ArgumentException($"the allocation of class {c + 1} is not on that class's grid", nameof(classes));
        }
        Grids = grids;
        Classes = [.. classes];
        Revenue = Classes.Sum(a => a.Revenue);
        Welfare = Classes.Sum(a => a.Welfare);
    }

    /// <summary>The market on its grids.</summary>
    public ClassGrids Grids { get; }

    /// <summary>x_c per class.</summary>
    public IReadOnlyList<InterimAllocation> Classes { get; }

    /// <summary>Π, the seller's expected revenue.</summary>
    public double Revenue { get; }

    /// <summary>W = Π + U.</summary>
    public double Welfare { get; }

    /// <summary>U, the buyers' expected total surplus.</summary>
    public double Surplus => Welfare - Revenue;
}
