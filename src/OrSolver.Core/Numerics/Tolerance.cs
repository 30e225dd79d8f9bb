namespace OrSolver.Core.Numerics;

/// <summary>
/// A closeness test with a relative and an absolute part: |a - b| ≤ max(Absolute, Relative·max(|a|, |b|)).
/// NaN is close to nothing (not even NaN); two infinities are close only when they are the same infinity.
/// Every floating-point comparison of the project (code and tests) goes through this type.
/// </summary>
/// <param name="Relative">Relative part. Range: ≥ 0.</param>
/// <param name="Absolute">Absolute part. Range: ≥ 0.</param>
public readonly record struct Tolerance(double Relative, double Absolute)
{
    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> agree within this tolerance.</summary>
    public bool Close(double a, double b)
    {
        if (double.IsNaN(a) || double.IsNaN(b)) return false;
        if (double.IsInfinity(a) || double.IsInfinity(b)) return a.Equals(b);
        return Math.Abs(a - b) <= Bound(a, b);
    }

    /// <summary>The largest admissible |a - b| for this pair.</summary>
    public double Bound(double a, double b) => Math.Max(Absolute, Relative * Math.Max(Math.Abs(a), Math.Abs(b)));

    /// <summary>Whether <paramref name="a"/> ≤ <paramref name="b"/> up to this tolerance (NaN never is).</summary>
    public bool AtMost(double a, double b)
    {
        if (double.IsNaN(a) || double.IsNaN(b)) return false;
        if (a <= b) return true;
        return !double.IsInfinity(a) && !double.IsInfinity(b) && a - b <= Bound(a, b);
    }

    /// <summary>This tolerance with its absolute part raised to Relative·<paramref name="scale"/>: for quantities that
    /// can be near zero on a problem whose natural size is <paramref name="scale"/> (e.g. revenue against OPT).</summary>
    public Tolerance AtScale(double scale) => this with { Absolute = Math.Max(Absolute, Relative * Math.Abs(scale)) };

    /// <summary>Relative error |a - b| / max(|b|, floor), the quantity reported beside a failed check.</summary>
    public static double RelativeError(double a, double b, double floor = 1e-300)
        => Math.Abs(a - b) / Math.Max(Math.Abs(b), floor);
}

/// <summary>
/// Every named tolerance of the project, in one place. Each says what it guards and where it comes from.
/// </summary>
public static class Tolerances
{
    /// <summary>Re-check of an allocation against Border, monotonicity and x ≥ 0 (method.md §4.6), relative to each quantity's
    /// natural scale (X̂(q_k) for Border, max(ΔX̂_j/Δ_j, 1/n) for x) and on top of the rounding error of cumulative
    /// masses (see <c>InterimAllocation.CheckFeasibility</c>). The LP's columns are scaled the same way and GLOP runs
    /// with a primal feasibility tolerance of 1e-10, so 1e-9 leaves it room.</summary>
    public static readonly Tolerance Feasibility = new(1e-9, 0);

    /// <summary>LP versus closed form on the same grid: Π and U agree to the solver's tolerance, 1e-9 relative
    /// (method.md §5.7, §12.2).</summary>
    public static readonly Tolerance SolverAgreement = new(1e-9, 1e-12);

    /// <summary>Ties between values that should be equal but carry rounding (hull collinearity, maximiser ties).</summary>
    public static readonly Tolerance Rounding = new(1e-12, 1e-15);

    /// <summary>Shape classification on the grid (regular, MHR, anti-MHR): a chord slope may rise by this
    /// relative amount (of the slopes' scale) before the class is refused.</summary>
    public static readonly Tolerance Shape = new(1e-7, 1e-12);

    /// <summary>1e-12 relative: the accuracy every family keeps in V(q) over its accepted parameters (closed forms and exact
    /// piecewise formulas; the solver integrates nothing numerically), and the target of the adaptive Gauss–Kronrod
    /// quadrature that computes independent references (Example 4.2's landmarks, posted-price payoffs; method.md §12.2).</summary>
    public const double Quadrature = 1e-12;

    /// <summary>V against v (the fuzz tests' sanity check of every accepted distribution): an increment V(b) − V(a) must lie
    /// between the Riemann bounds (b − a)·v(b) and (b − a)·v(a) of the non-increasing v. Each V is accurate to
    /// <see cref="Quadrature"/> relative to itself, so the increment carries up to twice that at the scale of E[v] = V(1);
    /// 1e-11 leaves room for the rounding of the bounds.</summary>
    public static readonly Tolerance IntegratedValueIncrement = new(1e-11, 0);

    /// <summary>The LP's dual on the surplus row against the hull's slope: λ to 1e-6 (method.md §5.7, §12.2).</summary>
    public static readonly Tolerance LambdaAgreement = new(1e-6, 1e-6);

    /// <summary>Grid results against the continuous problem's closed forms (method.md §14) at the default grid: 1e-6
    /// relative (method.md §3.6, §12.2).</summary>
    public static readonly Tolerance ClosedForm = new(1e-6, 1e-9);

    /// <summary>Value-space checks (experiments fig1, prop3.1-3.3): a step of the hazard rate f/S or of the virtual value
    /// v − S/f the wrong way, relative to the two values compared, and a posted price's payoffs from quadrature of S
    /// (Gauss–Kronrod to 1e-12) against V − R at the same price. f and S are closed forms or special functions accurate
    /// to ≈ 1e-13 relative where both tails carry ≥ 1e-7 of mass, and a genuine change of class moves h or φ by far more.</summary>
    public static readonly Tolerance ValueSpace = new(1e-9, 1e-12);

    /// <summary>Bilateral trade's landmarks on the default grid (152 cells per side) against the continuous closed forms of
    /// Uniform[0,1] × Uniform[0,1] (method.md §13.1): the grid's mechanisms are a subset of the continuous ones, off by
    /// O(h²). Measured: first best 7.1e-5, second best 6.0e-5, Π* 8.3e-5, U* 9.2e-5, the KS point's coordinates 6.6e-5
    /// relative (at 150 cells U* is 1.02e-4 off, at 128 1.4e-4).</summary>
    public static readonly Tolerance TradeGridLandmark = new(1e-4, 0);

    /// <summary>Bilateral trade's coordinates at the flat ends of the frontier — U at the seller-offer point, Π at the
    /// buyer-offer point — and the Nash point's coordinates, against the closed forms on the default grid: the frontier
    /// is nearly flat (vertical) there, so a grid moves them by O(h) and erratically (measured 9.4e-4, 9.4e-4 and 1.0e-3
    /// relative at 152 cells, 2.8e-3, 1.1e-4 and 5.3e-4 at 150, 1.9e-3, 1.3e-3 and 2.7e-3 at 136), while Π*, U* and
    /// welfare converge smoothly.</summary>
    public static readonly Tolerance TradeGridFlatEnd = new(5e-3, 0);

    /// <summary>Whether a grid resolves a bilateral-trade market: its first best on the grid within 1% of the quadrature of
    /// the continuous market (method.md §13.1). The grid is an inner approximation, below by O(h²) where values and costs
    /// overlap on many cells (7e-4 on U[0,1]² at 30 cells); a market whose gains from trade sit in far tails that a few
    /// cells cover misses by far more (a Weibull buyer against costs above 1.86: FB = 10⁻¹¹ of the means, 73% of it
    /// missed), and its frontier says little about the continuous one.</summary>
    public static readonly Tolerance TradeGridResolution = new(1e-2, 0);

    /// <summary>A welfare ratio W/OPT measured on a grid against a bound the paper proves for the continuous problem
    /// (Theorems 4.1, 4.2, 5.2, 5.3): 1e-3 absolute (method.md §8.3). The grid frontier lies below the continuous one by O(h²)
    /// and KS, the ray's exact intersection with it, is off by as little; but a Nash or cross-side Nash maximiser sits on a
    /// grid vertex next to the continuous one, so its Π and U (not its product) are off by O(h): against a refined
    /// 4000-cell grid, 4.6e-4 at 300 cells and 2.3e-4 at 1000 (Nash, Lomax(2), n = 1).</summary>
    public static readonly Tolerance GridWelfareRatio = new(0, 1e-3);

    /// <summary>Buyers of several classes (method.md §13.2): a grid threshold of Border for independent classes whose load
    /// exceeds its cap by more than this (relative to the cap) is added to the LP as a cutting plane. A tenth of the
    /// certificate's allowance (<see cref="Feasibility"/>), so that the point the cut loop stops at passes the certificate;
    /// three times GLOP's primal feasibility tolerance of 1e-10 on cut rows scaled to bound 1, so the loop does not chase
    /// the solver's own rounding of a cut it already has.</summary>
    public static readonly Tolerance BorderCut = new(3e-10, 0);

    /// <summary>An auction's W, Π and U computed by adaptive Gauss–Kronrod quadrature of the value distributions (each piece
    /// to <see cref="Quadrature"/> of its own size, split where an integrand jumps or kinks; <c>AnonymousSecondPrice</c>)
    /// against closed forms or another quadrature, relative to the scale of W: the pieces' errors add up and Π = W − U is a
    /// difference. Measured within 4e-16 on uniform markets.</summary>
    public static readonly Tolerance AuctionQuadrature = new(1e-10, 1e-13);

    /// <summary>A revenue-maximising reserve found from quadrature values (<c>AnonymousSecondPrice.BestReserve</c>) against
    /// its closed form: the revenue is flat to second order at its maximum, so values accurate to 1e-12 relative locate the
    /// maximiser only to about √1e-12 = 1e-6 of its scale (measured 2.4e-9 at 5/6 and exact at 1/2 and at a kink).</summary>
    public static readonly Tolerance OptimisedReserve = new(1e-6, 1e-9);

    /// <summary>A continuous mechanism in a market of several classes (a second-price auction evaluated by quadrature) against
    /// the grid frontier of the Lagrangian route at the same U, at 1000 cells per class, relative to OPT: the grid's
    /// mechanisms are a subset of the continuous ones, so the grid frontier lies below the continuous one by O(h²).
    /// Measured on auctions on the frontier: 5.8e-7 of OPT (2 + 3 U[0,1] buyers), 3.9e-7 (U[0,1] against 2 U[0,2]), 2.0e-7
    /// (U[2,3] against 2 U[0,4]), 1.1e-6 (2 Exp(1) against Lomax(3)); 7.1e-6 at 400 cells, 7e-8 at 4000.</summary>
    public static readonly Tolerance ContinuousAgainstClassGrid = new(2e-6, 0);

    /// <summary>The Nash product for buyers of several classes (method.md §13.2): outer linearisation stops when the LP's upper
    /// bound on log Π + Σ_c n_c·log u_c exceeds its value at the best point by at most this times the total weight
    /// W = 1 + Σ_c n_c (<see cref="Tolerance.AtScale"/>), i.e. when the geometric mean of the W traders' payoffs is within a
    /// factor 1 + 1e-10 of its maximum. The bound is the LP's to its own tolerances: its epigraph variables exceeded their
    /// tangents by up to 2.4e-11 (GLOP's primal tolerance is 1e-10), and near the end an LP's optimum fell 2.6e-11·W short of
    /// a point the model rates higher, so a gap below a few 1e-11 per unit of weight is noise.</summary>
    public static readonly Tolerance NashProductGap = new(1e-10, 0);
}
