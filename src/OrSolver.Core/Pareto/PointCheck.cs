using OrSolver.Core.Numerics;

namespace OrSolver.Core.Pareto;

/// <summary>
/// The verification every reported point carries, in any market: which independent routes were compared (each market
/// names its own, e.g. LP against closed form against the mechanism re-evaluated from its rules), the gaps between them,
/// and whether they agree to the project's tolerances (<see cref="Tolerances.SolverAgreement"/> relative to the welfare
/// benchmark for Π and U; method.md §5.7 and §12.2).
/// </summary>
/// <param name="Route">The routes compared, as printed (e.g. "lp+hull+auction"): each market names its own.</param>
/// <param name="LambdaHull">λ = −dΠ/dU of the exact frontier (the closed-form route's) at the point: the segment's slope,
/// or at a vertex the LP's dual clamped to the vertex's range of supporting slopes (the slope of the segment to its right
/// when no LP dual is at hand). NaN for a point that is not on the frontier (a mechanism the user named).</param>
/// <param name="MaxAllocationGap">The largest gap between the LP's allocation and the closed form's, in the market's
/// natural units, when an LP ran; else null. Informative only: where the optimum is not unique the LP may pick another
/// optimal allocation with the same Π and U.</param>
/// <param name="RevenueGap">The largest |ΔΠ| between the routes compared. Range: ≥ 0.</param>
/// <param name="SurplusGap">The largest |ΔU| between the routes compared. Range: ≥ 0.</param>
/// <param name="WorstGap">The largest gap of Π, U (and of strong duality, divided by 1 + λ) relative to the welfare
/// benchmark: the one number to read. Range: ≥ 0, or +∞ when a route produced nothing.</param>
/// <param name="Agrees">Whether every comparison holds.</param>
/// <param name="Failure">Which comparisons failed and by how much, or null.</param>
public sealed record PointCheck(string Route, double LambdaHull, double? MaxAllocationGap, double RevenueGap, double SurplusGap,
    double WorstGap, bool Agrees, string? Failure)
{
    /// <summary>The LP's own dual on the surplus row, when an LP ran and its backend reports duals; null otherwise.
    /// Certified by strong duality at it (it supports the frontier up to the solver tolerance); <see cref="LambdaHull"/>
    /// is the exact slope and is what points report as their λ.</summary>
    public double? LambdaLp { get; init; }

    /// <summary>A check that could not run because the route's solver returned no point: it fails with <paramref name="why"/>.</summary>
    public static PointCheck NotSolved(string route, string why)
        => new(route, double.NaN, null, double.NaN, double.NaN, double.PositiveInfinity, false, why);

    /// <summary>Both checks of one point: the route of the first, the largest gaps, and every failure.</summary>
    public PointCheck Combine(PointCheck other)
    {
        ArgumentNullException.ThrowIfNull(other);
        string? failure = (Failure, other.Failure) switch
        {
            (null, null) => null,
            (string a, null) => a,
            (null, string b) => b,
            (string a, string b) => $"{a}; {b}",
        };
        return this with
        {
            RevenueGap = Math.Max(RevenueGap, other.RevenueGap),
            SurplusGap = Math.Max(SurplusGap, other.SurplusGap),
            WorstGap = Math.Max(WorstGap, other.WorstGap),
            Agrees = Agrees && other.Agrees,
            Failure = failure,
        };
    }
}
