using MathNet.Numerics;
using OrSolver.Core.Distributions;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Discretisation;

/// <summary>
/// The class of F (Def. 2.2 / Prop. 2.1), decided numerically on the grid by chord slopes:
/// regular ⇔ R(q) concave; MHR ⇔ v concave in t = −ln q (the hazard rate is non-decreasing: −ln(1−F) is convex in v);
/// anti-MHR ⇔ v convex in t = −ln q. Exponential is both MHR and anti-MHR.
/// A chord slope may move the wrong way by <see cref="Tolerances.Shape"/> (relative to the two slopes compared) plus the
/// rounding error of the two slopes before a class is refused.
/// </summary>
/// <param name="Regular">R concave on the grid.</param>
/// <param name="MonotoneHazardRate">MHR: q·v'(q) non-increasing.</param>
/// <param name="AntiMonotoneHazardRate">anti-MHR: q·v'(q) non-decreasing.</param>
public sealed record ShapeClassification(bool Regular, bool MonotoneHazardRate, bool AntiMonotoneHazardRate)
{
    private const double Ulp = 1.1102230246251565e-16;

    /// <summary>The classes F belongs to, "regular" or "irregular" first: "regular, MHR", "irregular, anti-MHR",
    /// "regular, MHR, anti-MHR" (exponential), or just "regular" when F is in neither hazard-rate class.</summary>
    public string Classes => ClassText.Classes(Regular, MonotoneHazardRate, AntiMonotoneHazardRate);

    /// <summary>The class as a sentence fragment: <see cref="Classes"/>, saying "neither MHR nor anti-MHR" where F is in
    /// neither hazard-rate class (e.g. "regular, neither MHR nor anti-MHR" for a lognormal).</summary>
    public override string ToString() => ClassText.Describe(Regular, MonotoneHazardRate, AntiMonotoneHazardRate);

    /// <summary>Classifies the distribution of <paramref name="market"/> on its grid.</summary>
    public static ShapeClassification Classify(DiscretisedMarket market)
    {
        ArgumentNullException.ThrowIfNull(market);
        int m = market.Cells;

        // Regular: slopes of R on consecutive cells are non-increasing in q.
        var revenueSlope = new double[m + 1];
        var revenueError = new double[m + 1];
        var f = market.Market.Distribution;
        // v(q) found by inverting P(X ≥ v) = q (mixtures) is known to ≈ ulp(q)/f(v), not to ulp(v): near q = 1 that is
        // the larger error, and it must not read as a change of class.
        var inversionError = new double[m + 1];
        for (int k = 1; k <= m; k++)
        {
            double density = f.Density(market.Value(k));
            inversionError[k] = density > 0 && double.IsFinite(density) ? 4 * Ulp * market.Grid[k] / density : 0;
        }
        for (int j = 1; j <= m; j++)
        {
            double width = market.Width(j);
            revenueSlope[j] = market.RevenueWeight(j) / width;
            revenueError[j] = (8 * Ulp * (Math.Abs(market.Revenue(j)) + Math.Abs(market.Revenue(j - 1)))
                + market.Grid[j] * inversionError[j] + market.Grid[j - 1] * inversionError[j - 1]) / width;
        }
        bool regular = Monotone(revenueSlope, revenueError, 1, m, increasing: false);

        // Hazard classes: σ_k = (v_{k-1} − v_k) / ln(q_k / q_{k−1}). The first cell is infinitely long in t = −ln q: its
        // chord slope is 0 when v(0) is finite (a bounded top, where the hazard rate ends at +∞, e.g. the atom of a cap:
        // MHR allows it, anti-MHR does not) and undefined when v is unbounded.
        var hazardSlope = new double[m + 1];
        var hazardError = new double[m + 1];
        int firstHazardCell = double.IsFinite(market.Value(0)) ? 1 : 2;
        for (int k = 2; k <= m; k++)
        {
            double qa = market.Grid[k - 1], qb = market.Grid[k];
            double dt = SpecialFunctions.Log1p((qb - qa) / qa);
            double va = market.Value(k - 1), vb = market.Value(k);
            hazardSlope[k] = (va - vb) / dt;
            hazardError[k] = (8 * Ulp * (Math.Abs(va) + Math.Abs(vb)) + inversionError[k - 1] + inversionError[k]) / dt;
        }
        bool mhr = Monotone(hazardSlope, hazardError, firstHazardCell, m, increasing: true);
        bool antiMhr = Monotone(hazardSlope, hazardError, firstHazardCell, m, increasing: false);
        return new ShapeClassification(regular, mhr, antiMhr);
    }

    private static bool Monotone(double[] slope, double[] error, int first, int last, bool increasing)
    {
        for (int j = first; j < last; j++)
        {
            double step = slope[j + 1] - slope[j];
            double wrongWay = increasing ? -step : step;
            // Local scale: slopes near an unbounded v are huge, and must not hide a violation elsewhere.
            double allowed = Tolerances.Shape.Bound(slope[j], slope[j + 1]);
            if (wrongWay > allowed + error[j] + error[j + 1]) return false;
        }
        return true;
    }
}
