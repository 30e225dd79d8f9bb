using MathNet.Numerics;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Welfare;

/// <summary>The landmarks of a market against which the bargaining solutions are judged (method.md §7). Validates itself.</summary>
/// <param name="OptimalRevenue">Π*, the Myerson revenue. Range: &gt; 0.</param>
/// <param name="OptimalSurplus">U*, the buyer-optimal surplus. Range: &gt; 0.</param>
/// <param name="MyersonSurplus">U at the Myerson point. Range: [0, U*].</param>
/// <param name="OptimalWelfare">OPT = E[max v_i]. Range: &gt; 0.</param>
public sealed record WelfareLandmarks(double OptimalRevenue, double OptimalSurplus, double MyersonSurplus, double OptimalWelfare)
{
    /// <summary>Π* (see the record's parameter).</summary>
    public double OptimalRevenue { get; } = Positive(OptimalRevenue, nameof(OptimalRevenue));

    /// <summary>U* (see the record's parameter).</summary>
    public double OptimalSurplus { get; } = Positive(OptimalSurplus, nameof(OptimalSurplus));

    /// <summary>U at the Myerson point (see the record's parameter).</summary>
    public double MyersonSurplus { get; } = MyersonSurplus >= 0 && double.IsFinite(MyersonSurplus)
        ? MyersonSurplus : throw new ArgumentOutOfRangeException(nameof(MyersonSurplus), MyersonSurplus, "U at the Myerson point is finite and ≥ 0");

    /// <summary>OPT (see the record's parameter).</summary>
    public double OptimalWelfare { get; } = Positive(OptimalWelfare, nameof(OptimalWelfare));

    private static double Positive(double value, string name) =>
        value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, "a landmark of a market with positive values is finite and > 0");
}

/// <summary>Upper bounds on W/OPT of the three bargaining solutions on Example 4.2 at one n, from the proofs of
/// Theorems 4.1 (iii), 5.1 and 5.3 (iii) made finite (see <see cref="Example42Theory.Chain"/>). Any of them can exceed 1
/// (then it says nothing); NaN when no admissible threshold exists (n ≤ e², where K ≤ 1/√2).</summary>
/// <param name="KalaiSmorodinsky">Bound on the KS ratio.</param>
/// <param name="Nash">Bound on the Nash ratio.</param>
/// <param name="CrossSideNash">Bound on the cross-side Nash ratio.</param>
public sealed record ChainBounds(double KalaiSmorodinsky, double Nash, double CrossSideNash);

/// <summary>
/// The paper's Example 4.2 in closed form: F(v) = 1 − e^{−v²} on [0, K), an atom of mass n^{−1/4} at K = √(ln n)/2;
/// hazard rate φ(v) = 2v, virtual value ψ(v) = v − 1/(2v) (ψ = K on the atom), Myerson reserve 1/√2. Everything here
/// is a function of ln n, so it reaches n far beyond what a grid can solve (n up to 10³⁰⁰), which is what it takes to see
/// how slowly the limits of Theorems 4.1 (iii), 5.1 and 5.3 (iii) set in.
/// </summary>
public static class Example42Theory
{
    /// <summary>√π/2 = ∫₀^∞ e^{−v²} dv.</summary>
    private const double HalfRootPi = 0.88622692545275801365;

    /// <summary>Thresholds t tried in the chain bounds, evenly spaced in [1/√2, K).</summary>
    private const int Thresholds = 400;

    /// <summary>Iterations of the golden-section and bisection searches on θ ∈ [0, 1] (to rounding).</summary>
    private const int SearchIterations = 200;

    /// <summary>The Myerson reserve: ψ(v) = v − 1/(2v) = 0 at v = 1/√2.</summary>
    public static readonly double MyersonReserve = 1 / Math.Sqrt(2);

    /// <summary>The largest ln n handled: n = e^{ln n} must be a finite double (n ≈ 10³⁰⁷).</summary>
    public const double MaximumLogBuyers = 700;

    /// <summary>K = √(ln n)/2, the atom. Range of <paramref name="logBuyers"/>: ≥ 0.</summary>
    public static double Cap(double logBuyers) => 0.5 * Math.Sqrt(logBuyers);

    /// <summary>U* = E[v] = ∫₀^K e^{−v²} dv = (√π/2)·erf(K): F is MHR, so the lottery at price 0 is buyer-optimal
    /// (Hartline–Roughgarden; method.md §7.3) and gives every buyer her whole value.</summary>
    public static double MeanValue(double logBuyers) => HalfRootPi * SpecialFunctions.Erf(Cap(logBuyers));

    /// <summary>
    /// Π*, U*, the Myerson surplus and OPT of the continuous problem by quadrature over the law of the highest value
    /// (G(v) = F(v)ⁿ below K, the atom above): OPT = ∫₀^K (1 − G), Π* = E[ψ(v₍₁₎)⁺] = ∫_{1/√2}^K ψ dG + K·(1 − G(K⁻)),
    /// U(Myerson) = E[1{v₍₁₎ ≥ 1/√2}/φ(v₍₁₎)] = ∫_{1/√2}^K dG/(2v) (Lemma C.3; the atom carries no surplus).
    /// </summary>
    /// <param name="logBuyers">ln n. Range: (2, <see cref="MaximumLogBuyers"/>] (K above the Myerson reserve).</param>
    public static WelfareLandmarks Continuous(double logBuyers)
    {
        CheckRange(logBuyers);
        double n = Math.Exp(logBuyers), k = Cap(logBuyers), r = MyersonReserve;
        double LogCdf(double v) => SpecialFunctions.Log1p(-Math.Exp(-v * v));
        // n·F^{n−1}·e^{−v²}, the density of the highest value over 2v, in logs (F^{n−1} underflows harmlessly).
        double Density(double v) => v <= 0 ? 0 : Math.Exp(logBuyers + (n - 1) * LogCdf(v) - v * v);
        double optimalWelfare = Integrate(v => v <= 0 ? 1 : -AccurateFunctions.ExpMinusOne(n * LogCdf(v)), 0, k);
        double atAtom = -AccurateFunctions.ExpMinusOne(n * LogCdf(k));
        double revenue = Integrate(v => (2 * v * v - 1) * Density(v), r, k) + k * atAtom;
        double myersonSurplus = Integrate(Density, r, k);
        return new WelfareLandmarks(revenue, MeanValue(logBuyers), myersonSurplus, optimalWelfare);
    }

    /// <summary>log₁₀ n at which the lottery's welfare ratio U*/OPT = E[v]/E[max v_i] falls to <paramref name="ratio"/>
    /// (it falls like (√π/2)/K), by bisection in ln n; +∞ if not by n = e^{<see cref="MaximumLogBuyers"/>}.</summary>
    /// <param name="ratio">Range: (0, 1).</param>
    public static double LotteryReaches(double ratio)
    {
        double Lottery(double logBuyers) { var l = Continuous(logBuyers); return l.OptimalSurplus / l.OptimalWelfare; }
        double low = 2.5, high = MaximumLogBuyers;
        if (Lottery(high) > ratio) return double.PositiveInfinity;
        if (Lottery(low) <= ratio) return low / Math.Log(10);
        for (int i = 0; i < 60; i++)
        {
            double middle = (low + high) / 2;
            if (Lottery(middle) > ratio) low = middle; else high = middle;
        }
        return high / Math.Log(10);
    }

    /// <summary>
    /// The proofs of Theorems 4.1 (iii), 5.1 and 5.3 (iii) (Appendices C.1, D.1, D.3) made finite. For a threshold t
    /// let x_l, x_h be the probabilities that the winner's value is ≤ t, &gt; t (x_l + x_h ≤ 1). By Lemma C.3, with ψ
    /// increasing and 1/φ decreasing, every truthful mechanism has
    /// Π ≤ ψ(t)·x_l + K·x_h and U ≤ E[1/φ(v) | v ≤ t]·x_l + x_h/(2t), where E[1/φ | v ≤ t] = (√π/2)·erf(t)/(1 − e^{−t²}).
    /// KS: W = s·(Π* + U*) with s = Π/Π* = U/U*, so s ≤ max over x of min of the two bounds over Π*, U*.
    /// Nash (w = n) and cross-side Nash (w = 1): the solution's Π·U^w is at least that of the comparison mechanism of the
    /// proofs, Myerson with probability p and the buyer-optimal lottery otherwise (p = 1/(n+1) and 1/2 there; here the
    /// best p for these landmarks), which caps x_h; W ≤ the largest Π + U bound left.
    /// The paper takes t = ln ln n, which exceeds K until n ≈ 10³²; any t in [1/√2, K) is as valid (ψ(t) ≥ 0 keeps
    /// x_l + x_h = 1 the worst case), and the bound returned is the smallest over <see cref="Thresholds"/> of them.
    /// With the landmarks of a grid the bounds hold for that grid's solutions exactly: grid mechanisms are truthful
    /// mechanisms, and the comparison mechanism is a mixture of the grid's own landmarks.
    /// </summary>
    /// <param name="logBuyers">ln n. Range: (2, <see cref="MaximumLogBuyers"/>].</param>
    /// <param name="landmarks">Π*, U*, the Myerson surplus and OPT (of the continuous problem or of a grid).</param>
    public static ChainBounds Chain(double logBuyers, WelfareLandmarks landmarks)
    {
        ArgumentNullException.ThrowIfNull(landmarks);
        CheckRange(logBuyers);
        double k = Cap(logBuyers), r = MyersonReserve, n = Math.Exp(logBuyers);
        // U* of the landmarks may differ from E[v] by rounding; the excess E[1/φ | v ≤ t] − U* is computed without cancellation.
        double surplusOffset = MeanValue(logBuyers) - landmarks.OptimalSurplus;
        double ks = double.PositiveInfinity, nash = double.PositiveInfinity, crossSide = double.PositiveInfinity;
        for (int i = 0; i < Thresholds; i++)
        {
            double t = r + (k - r) * i / Thresholds;
            var bounds = new WinnerBounds(t, k, surplusOffset);
            ks = Math.Min(ks, KalaiSmorodinskyBound(bounds, landmarks));
            nash = Math.Min(nash, ProductBound(bounds, landmarks, n));
            crossSide = Math.Min(crossSide, ProductBound(bounds, landmarks, 1));
        }
        static double Finite(double bound) => double.IsFinite(bound) ? bound : double.NaN;
        return new ChainBounds(Finite(ks), Finite(nash), Finite(crossSide));
    }

    /// <summary>The bounds on Π and U at threshold t as functions of θ = x_h (with x_l = 1 − θ).</summary>
    private readonly record struct WinnerBounds
    {
        public WinnerBounds(double t, double k, double surplusOffset)
        {
            LowRevenue = t - 1 / (2 * t);
            HighRevenue = k;
            HighSurplus = 1 / (2 * t);
            double tail = -AccurateFunctions.ExpMinusOne(-t * t);
            LowSurplus = HalfRootPi * SpecialFunctions.Erf(t) / tail;
            // E[1/φ | v ≤ t] − E[v] = (e^{−t²}·E[v] − ∫_t^K e^{−v²} dv) / (1 − e^{−t²}), with the integral from erfc.
            double mean = HalfRootPi * SpecialFunctions.Erf(k);
            double between = HalfRootPi * (SpecialFunctions.Erfc(t) - SpecialFunctions.Erfc(k));
            LowSurplusExcess = (Math.Exp(-t * t) * mean - between) / tail + surplusOffset;
        }

        /// <summary>ψ(t): the most a winner with value ≤ t pays in expectation.</summary>
        public double LowRevenue { get; }

        /// <summary>ψ(K) = K.</summary>
        public double HighRevenue { get; }

        /// <summary>E[1/φ(v) | v ≤ t].</summary>
        public double LowSurplus { get; }

        /// <summary>E[1/φ(v) | v ≤ t] − U*.</summary>
        public double LowSurplusExcess { get; }

        /// <summary>1/φ(t) = 1/(2t).</summary>
        public double HighSurplus { get; }

        public double Revenue(double theta) => LowRevenue + (HighRevenue - LowRevenue) * theta;

        public double Surplus(double theta) => LowSurplus + (HighSurplus - LowSurplus) * theta;

        /// <summary>(U bound − U*)/U*, accurate where it is tiny.</summary>
        public double RelativeSurplusExcess(double theta, double optimalSurplus)
            => (LowSurplusExcess * (1 - theta) + (HighSurplus - optimalSurplus) * theta) / optimalSurplus;
    }

    /// <summary>max over θ of min(Π bound/Π*, U bound/U*), times (Π* + U*)/OPT: the Π bound rises in θ and the U bound
    /// falls, so the maximum is where they cross (clipped to [0, 1]).</summary>
    private static double KalaiSmorodinskyBound(WinnerBounds b, WelfareLandmarks at)
    {
        double revenueIdeal = at.OptimalRevenue, surplusIdeal = at.OptimalSurplus;
        double theta = (b.LowSurplus / surplusIdeal - b.LowRevenue / revenueIdeal)
            / ((b.HighRevenue - b.LowRevenue) / revenueIdeal + (b.LowSurplus - b.HighSurplus) / surplusIdeal);
        theta = Math.Clamp(theta, 0, 1);
        double share = Math.Min(b.Revenue(theta) / revenueIdeal, b.Surplus(theta) / surplusIdeal);
        return share * (revenueIdeal + surplusIdeal) / at.OptimalWelfare;
    }

    /// <summary>
    /// max of (Π + U bounds)/OPT over θ ∈ [0, 1] subject to log Π(θ) + w·log U(θ) ≥ log Π(M†) + w·log U(M†), for the
    /// comparison mechanism M† = p·Myerson + (1 − p)·buyer-optimal, Π(M†) ≥ p·Π*, U(M†) = p·U_M + (1 − p)·U*, at its best
    /// p = U*/((w + 1)(U* − U_M)). The left side is concave in θ, so the feasible θ form an interval; the objective is
    /// linear, so its maximum is at an end. The ends are taken on their infeasible side, which only loosens the bound.
    /// +∞ when the search finds no feasible θ (impossible in exact arithmetic: M† itself satisfies the bounds).
    /// </summary>
    private static double ProductBound(WinnerBounds b, WelfareLandmarks at, double weight)
    {
        double surplusIdeal = at.OptimalSurplus, gap = surplusIdeal - at.MyersonSurplus;
        double p = gap > 0 ? Math.Min(1, surplusIdeal / ((weight + 1) * gap)) : 1;
        // Both sides divided by U*^w: what is left is of order one even for w = 10³⁰⁰.
        double required = Math.Log(p) + Math.Log(at.OptimalRevenue) + weight * SpecialFunctions.Log1p(-p * gap / surplusIdeal);
        double Margin(double theta)
        {
            double revenue = b.Revenue(theta);
            return revenue > 0 ? Math.Log(revenue) + weight * SpecialFunctions.Log1p(b.RelativeSurplusExcess(theta, surplusIdeal)) : double.NegativeInfinity;
        }
        double best = GoldenMaximum(Margin);
        if (!(Margin(best) >= required)) return double.PositiveInfinity;
        double high = Margin(1) >= required ? 1 : Boundary(Margin, required, best, 1);
        double low = Margin(0) >= required ? 0 : Boundary(Margin, required, best, 0);
        double Welfare(double theta) => b.Revenue(theta) + b.Surplus(theta);
        return Math.Max(Welfare(low), Welfare(high)) / at.OptimalWelfare;
    }

    private static double GoldenMaximum(Func<double, double> f)
    {
        double ratio = (Math.Sqrt(5) - 1) / 2, a = 0, b = 1;
        double c = b - ratio * (b - a), d = a + ratio * (b - a);
        for (int i = 0; i < SearchIterations && b - a > 1e-15; i++)
        {
            if (f(c) < f(d)) a = c; else b = d;
            c = b - ratio * (b - a);
            d = a + ratio * (b - a);
        }
        return (a + b) / 2;
    }

    /// <summary>Bisection between a feasible <paramref name="inside"/> and an infeasible <paramref name="outside"/>;
    /// returns the last infeasible point.</summary>
    private static double Boundary(Func<double, double> f, double required, double inside, double outside)
    {
        for (int i = 0; i < SearchIterations; i++)
        {
            double middle = (inside + outside) / 2;
            if (middle == inside || middle == outside) break;
            if (f(middle) >= required) inside = middle; else outside = middle;
        }
        return outside;
    }

    private static double Integrate(Func<double, double> f, double from, double to)
        => MathNet.Numerics.Integrate.GaussKronrod(f, from, to, out _, out _, Tolerances.Quadrature, 30, 61);

    private static void CheckRange(double logBuyers)
    {
        if (!(logBuyers > 2 && logBuyers <= MaximumLogBuyers))
            throw new ArgumentOutOfRangeException(nameof(logBuyers), logBuyers, $"ln n must be in (2, {MaximumLogBuyers}]: K = √(ln n)/2 above the Myerson reserve 1/√2");
    }
}
