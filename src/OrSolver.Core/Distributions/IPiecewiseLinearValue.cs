namespace OrSolver.Core.Distributions;

/// <summary>
/// A distribution tabulated by the user: v(q) is linear between consecutive <see cref="IValueDistribution.Breakpoints"/>
/// (method.md §11.3–11.4), so R(q) = q·v(q) is a quadratic on each piece and its maximisers have a closed form
/// (<see cref="MonopolyPrice"/> needs no scan). The <c>quantiles</c> family is continuous and piecewise linear; the
/// <c>empirical</c> family is purely atomic (v constant on each piece, with a jump at every breakpoint).
/// </summary>
public interface IPiecewiseLinearValue : IValueDistribution
{
    /// <summary>Whether F is purely atomic: v is constant between consecutive breakpoints and jumps at each one (a gap in
    /// the support between two atoms). The atom ends are then an exact grid: every ΔR and ΔV is exact, and an
    /// allocation constant on each atom is what an auction with uniform tie-breaking among equal bids gives, so the grid
    /// LP is the exact finite program (<see cref="Discretisation.GridBuilder"/> uses no other point).</summary>
    bool Atomic { get; }
}
