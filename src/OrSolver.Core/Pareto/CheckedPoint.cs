namespace OrSolver.Core.Pareto;

/// <summary>What a reported point is, by its printed name (e.g. "vertex", "kalai-smorodinsky"). The roles every market
/// shares are here; a market adds its own (the plain second-price auction, the seller-offer mechanism, …).</summary>
/// <param name="Name">The printed name, kebab-case.</param>
public readonly record struct PointRole(string Name)
{
    /// <summary>One of the evenly spaced points in U.</summary>
    public static readonly PointRole Sample = new("sample");

    /// <summary>A vertex (extreme point) of the exact frontier.</summary>
    public static readonly PointRole Vertex = new("vertex");

    /// <summary>The revenue-optimal end (for auctions the Myerson point: most surplus among revenue-optimal mechanisms).</summary>
    public static readonly PointRole RevenueOptimal = new("revenue-optimal");

    /// <summary>The surplus-optimal end (most revenue among surplus-optimal mechanisms).</summary>
    public static readonly PointRole SurplusOptimal = new("surplus-optimal");

    /// <summary>The Kalai–Smorodinsky solution (Def. 4.1).</summary>
    public static readonly PointRole KalaiSmorodinsky = new("kalai-smorodinsky");

    /// <summary>The Nash solution (Def. 5.1).</summary>
    public static readonly PointRole Nash = new("nash");

    /// <summary>The cross-side Nash solution (Def. 5.2).</summary>
    public static readonly PointRole CrossSideNash = new("cross-side-nash");

    /// <summary>Whether this is one of the bargaining solutions.</summary>
    public bool IsBargaining => this == KalaiSmorodinsky || this == Nash || this == CrossSideNash;

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>A reported point with its mechanism and its check, in any market.</summary>
/// <typeparam name="TMechanism">The market's description of a mechanism.</typeparam>
/// <param name="Role">What the point is.</param>
/// <param name="Surplus">U (for a point whose solver failed, the level asked).</param>
/// <param name="Revenue">Π (NaN when the solver returned no point).</param>
/// <param name="Lambda">λ = −dΠ/dU of the exact frontier there (<see cref="PointCheck.LambdaHull"/>; an LP's own dual is
/// in <see cref="PointCheck.LambdaLp"/>); NaN when unknown.</param>
/// <param name="Mechanism">The mechanism behind the point (null when the solver returned no point).</param>
/// <param name="Check">How the point was verified and whether it passed.</param>
public sealed record CheckedPoint<TMechanism>(PointRole Role, double Surplus, double Revenue, double Lambda, TMechanism? Mechanism, PointCheck Check)
    where TMechanism : class
{
    /// <summary>W = Π + U.</summary>
    public double Welfare => Revenue + Surplus;
}
