using OrSolver.Core.Characterization;
using OrSolver.Core.Discretisation;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Auctions;

/// <summary>
/// A proof, checked against the grid LP itself (<see cref="BorderProgram"/>), that an interim allocation is optimal for
/// max Π subject to U ≥ U(x) (method.md §5.8): the allocation's columns satisfy the LP's rows and bounds, and the row
/// multipliers of the Lagrangian dual at λ (<see cref="LagrangianDual"/>) bound the optimum from above, by weak duality,
/// within the solver tolerance of the allocation's Π. Neither the hull nor an LP solver is trusted: the bound holds for any
/// multipliers, and the check only reads the program's coefficients. It costs one pass over the program's non-zeros, so
/// it can certify every point of a frontier on grids where a simplex solve per point would take minutes.
/// </summary>
/// <param name="Revenue">Π of the allocation, as the LP's objective c·z.</param>
/// <param name="Bound">The weak-duality bound on the LP's optimum at the floor U₀ = U(x).</param>
/// <param name="Gap">Bound − Π, relative to (1 + λ)·W, W the welfare benchmark (the second-price auction's W): the bound is
/// G(λ) − λ·U₀, whose terms grow with λ. Range: ≥ −rounding.</param>
/// <param name="PrimalViolation">The largest violation of the LP's rows and bounds by the allocation's columns
/// (<see cref="PrimalResidual.WorstViolation"/>).</param>
/// <param name="Holds">Whether the gap and the violation are within the tolerances.</param>
/// <param name="Failure">What failed, or null.</param>
public sealed record LpCertificate(double Revenue, double Bound, double Gap, double PrimalViolation, bool Holds, string? Failure)
{
    /// <summary>Checks that <paramref name="allocation"/> is optimal for <paramref name="program"/> at the floor U₀ = U(x),
    /// with the multipliers of the Lagrangian dual at <paramref name="lambda"/> (a slope supporting the frontier at the point).</summary>
    /// <param name="program">The frontier program (<see cref="BorderProgram.Build"/>) of the allocation's grid.</param>
    /// <param name="allocation">The allocation to certify.</param>
    /// <param name="lambda">λ ≥ 0; +∞ for a point supported by every λ from some unknown slope on (the buyer-optimal end):
    /// then λ = 1, 2, 4, … up to 2⁶⁰ until one certifies it (each try is a valid bound; the first at or above the slope is
    /// tight).</param>
    public static LpCertificate Of(BorderProgram program, InterimAllocation allocation, double lambda)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(allocation);
        if (double.IsPositiveInfinity(lambda))
        {
            LpCertificate? last = null;
            for (double trial = 1; trial <= 1.152921504606846976e18; trial *= 2)
            {
                last = Of(program, allocation, trial);
                if (last.Holds) break;
            }
            return last!;
        }
        var market = program.Market;
        var dual = LagrangianDual.Of(market, lambda);
        var duals = program.RowDualsOf(dual.CellMultipliers, dual.MonotoneMultipliers, lambda);
        var primal = PrimalResidual.Of(program.Program, program.PrimalOf(allocation), program.SurplusFloor(allocation.Surplus));
        var bound = program.BoundAt(duals, allocation.Surplus);
        // The bound is the Lagrangian value G(λ) = Π + λ·U less λ·U₀: it carries terms of size (1 + λ)·W, so the gap is
        // judged at that scale, as strong duality is on the LP route (method.md §5.7).
        double scale = market.SecondPriceWelfare * (1 + lambda);
        double gap = (bound.Value - primal.Objective) / scale;
        // The bound sums 2m terms of up to Scale in magnitude: its rounding is within a few ulps of Scale per term.
        double rounding = 64 * 1.1102230246251565e-16 * bound.Scale / scale;
        var failures = new List<string>();
        if (bound.Unbounded is { } unbounded) failures.Add($"no finite dual bound: {unbounded}");
        else if (gap > Tolerances.SolverAgreement.Relative + rounding)
            failures.Add($"duality gap {gap:G3}·(1 + λ)·W at λ = {lambda:G10} (LP bound {bound.Value:G12} vs Π {primal.Objective:G12})");
        else if (gap < -(Tolerances.SolverAgreement.Relative + rounding))
            failures.Add($"Π {primal.Objective:G12} above the LP's dual bound {bound.Value:G12} at λ = {lambda:G10}: the allocation or the program is wrong");
        if (primal.WorstViolation > Tolerances.Feasibility.Relative)
            failures.Add($"the allocation violates the LP's {primal.Where} by {primal.WorstViolation:G3}");
        return new LpCertificate(primal.Objective, bound.Value, gap, primal.WorstViolation, failures.Count == 0,
            failures.Count == 0 ? null : string.Join("; ", failures));
    }

    /// <summary>Every vertex of <paramref name="frontier"/> certified for <paramref name="program"/> (the same grid), each at the
    /// slope of the segment to its right (the left one for the last), on every core; in the vertices' order.</summary>
    public static IReadOnlyList<LpCertificate> OfVertices(BorderProgram program, ExactVertices frontier)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(frontier);
        if (!ReferenceEquals(program.Market, frontier.Market)) throw new ArgumentException("the program is on another grid", nameof(program));
        return frontier.Vertices.AsParallel().AsOrdered()
            .Select(v => Of(program, v.Optimum(frontier.Market).Allocation, frontier.Locate(v.Surplus).SupportingSlope))
            .ToList();
    }
}
