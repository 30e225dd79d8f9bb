using System.Globalization;
using MathNet.Numerics;
using OrSolver.Core;
using OrSolver.Core.Distributions;
using OrSolver.Core.Numerics;

namespace OrSolver.Experiments.Analysis;

/// <summary>The shape of v(q) on one piece of a <see cref="PiecewiseValueDistribution"/> (Appendix E's building blocks).</summary>
public enum PieceShape
{
    /// <summary>v(q) = c: a flat piece of v, i.e. an atom of F at c (R = c·q rises).</summary>
    Constant,
    /// <summary>v(q) = c/q: equal revenue, R = c flat.</summary>
    EqualRevenue,
    /// <summary>v(q) = c·(1−q)/q: R = c·(1−q) falls, and R/(1−q) = c is flat (the edge of quasi-regularity, Def. E.2).</summary>
    Falling,
}

/// <summary>One piece of v(q): <paramref name="Shape"/> with coefficient c on the quantiles (previous end, <paramref name="End"/>].</summary>
/// <param name="End">The right end of the piece. Range: (previous end, 1]; the last piece ends at 1.</param>
/// <param name="Shape">Constant, equal revenue or falling.</param>
/// <param name="Coefficient">c. Range: ≥ 0 for a constant piece, &gt; 0 otherwise; finite.</param>
public sealed record ValuePiece(double End, PieceShape Shape, double Coefficient)
{
    /// <summary>v(q) on this piece (any q &gt; 0; the formula, not clipped to the piece).</summary>
    public double Value(double quantile) => Shape switch
    {
        PieceShape.Constant => Coefficient,
        PieceShape.EqualRevenue => Coefficient / quantile,
        _ => Coefficient * (1 - quantile) / quantile,
    };

    /// <summary>∫_from^to v(t) dt on this piece in closed form (0 ≤ from ≤ to; from &gt; 0 unless constant): c·(to − from),
    /// c·ln(to/from), c·(ln(to/from) − (to − from)); ln(to/from) as log1p((to − from)/from) for close limits.</summary>
    public double Integral(double from, double to)
    {
        if (!(to > from)) return 0;
        if (Shape == PieceShape.Constant) return Coefficient * (to - from);
        double logRatio = SpecialFunctions.Log1p((to - from) / from);
        return Shape == PieceShape.EqualRevenue ? Coefficient * logRatio : Coefficient * (logRatio - (to - from));
    }

    /// <summary>sup{q : v(q) ≥ value} for a strictly decreasing piece, unclipped: c/value or c/(value + c).</summary>
    public double Inverse(double value) => Shape == PieceShape.EqualRevenue ? Coefficient / value : Coefficient / (value + Coefficient);

    /// <summary>The density of F at a value inside a strictly decreasing piece: −1/v'(q) = q²/c, i.e. c/value² (equal
    /// revenue) or c/(value + c)² (falling).</summary>
    public double Density(double value) => Shape == PieceShape.EqualRevenue ? Coefficient / (value * value) : Coefficient / ((value + Coefficient) * (value + Coefficient));

    /// <summary>A short text: "2.5", "0.5/q" or "0.7(1-q)/q".</summary>
    public override string ToString()
    {
        string c = Coefficient.ToString("G6", CultureInfo.InvariantCulture);
        return Shape switch { PieceShape.Constant => c, PieceShape.EqualRevenue => $"{c}/q", _ => $"{c}(1-q)/q" };
    }
}

/// <summary>
/// A value distribution whose value function v(q) is piecewise one of three closed forms (Appendix E's instances):
/// constant (an atom), c/q (equal revenue) and c·(1−q)/q, on consecutive quantile intervals [0, b₁], (b₁, b₂], …, (b_{k−1}, 1].
/// Every quantity is exact: V(q) = ∫₀^q v by the pieces' closed-form integrals, P(X &gt; v) and P(X ≥ v) by inverting each
/// piece, the density −1/v'(q) on the strictly decreasing pieces. v may jump down at a breakpoint (a gap in the support;
/// v takes the left limit there, as <see cref="IValueDistribution.Value"/> asks). The first piece must be constant: c/q and
/// c·(1−q)/q have no integral at q = 0, and a constant top keeps the support bounded. Its <see cref="Spec"/> describes the
/// pieces but is not a <see cref="DistributionSpec"/> family (the parser is not extended for an experiment's instances).
/// </summary>
public sealed class PiecewiseValueDistribution : IValueDistribution
{
    private readonly ValuePiece[] _pieces;
    private readonly double[] _starts;
    private readonly double[] _integralBefore;

    /// <summary>A distribution from its pieces, in increasing quantile.</summary>
    /// <param name="name">A label for <see cref="Spec"/>, e.g. "appendixE2"; the pieces are appended.</param>
    /// <param name="pieces">The pieces; the first constant, ends strictly increasing, the last ending at 1, v non-increasing
    /// (a rise at a breakpoint within <see cref="Tolerances.Rounding"/> is rounding, not a rise).</param>
    /// <exception cref="InputException">The pieces do not describe a value function as above.</exception>
    public PiecewiseValueDistribution(string name, IReadOnlyList<ValuePiece> pieces)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(pieces);
        if (pieces.Count == 0) throw new InputException($"{name}: needs at least one piece");
        if (pieces[0].Shape != PieceShape.Constant) throw new InputException($"{name}: the first piece must be constant (c/q and c(1-q)/q have no finite integral at q = 0)");
        if (pieces[^1].End != 1) throw new InputException($"{name}: the last piece must end at q = 1, not {pieces[^1].End}");
        _pieces = [.. pieces];
        _starts = new double[_pieces.Length];
        _integralBefore = new double[_pieces.Length + 1];
        for (int i = 0; i < _pieces.Length; i++)
        {
            var piece = _pieces[i];
            double start = i == 0 ? 0 : _pieces[i - 1].End;
            if (!(piece.End > start && piece.End <= 1)) throw new InputException($"{name}: piece {i + 1} ends at {piece.End}, not in ({start}, 1]");
            bool valid = double.IsFinite(piece.Coefficient) && (piece.Shape == PieceShape.Constant ? piece.Coefficient >= 0 : piece.Coefficient > 0);
            if (!valid) throw new InputException($"{name}: piece {i + 1} has coefficient {piece.Coefficient}; it must be finite and ≥ 0 (> 0 unless constant)");
            // Continuity at a breakpoint is only as exact as the rounding of b and of c/b.
            if (i > 0 && !Tolerances.Rounding.AtMost(piece.Value(start), _pieces[i - 1].Value(start)))
                throw new InputException($"{name}: v rises at q = {start} ({_pieces[i - 1].Value(start)} to {piece.Value(start)}); a value function is non-increasing");
            _starts[i] = start;
            _integralBefore[i + 1] = _integralBefore[i] + piece.Integral(start, piece.End);
        }
        Pieces = _pieces;
        Breakpoints = [.. _pieces[..^1].Select(p => p.End)];
        Spec = $"{name}[{string.Join(", ", _pieces.Select((p, i) => $"{p} on {(i == 0 ? "[" : "(")}{Format.G(_starts[i], 6)}, {Format.G(p.End, 6)}]"))}]";
    }

    /// <summary>Appendix E.1's instance: v = K² on [0, 1/(2K)], K/2 on (1/(2K), 1/K], 1/(2q) on (1/K, 1/2], 0 on (1/2, 1].</summary>
    /// <param name="k">K. Range: ≥ 2 (so that 1/K ≤ 1/2).</param>
    public static PiecewiseValueDistribution AppendixE1(double k)
    {
        if (!(k >= 2 && double.IsFinite(k))) throw new InputException($"appendixE1: K = {k} must be finite and at least 2");
        return new PiecewiseValueDistribution($"appendixE1(K={Format.G(k, 6)})",
        [
            new(1 / (2 * k), PieceShape.Constant, k * k),
            new(1 / k, PieceShape.Constant, k / 2),
            new(0.5, PieceShape.EqualRevenue, 0.5),
            new(1, PieceShape.Constant, 0),
        ]);
    }

    /// <summary>Appendix E.2.2's instance with c = q†/(1−q†): v = c·(1−ℓ)/ℓ on [0, ℓ], c·(1−q)/q on (ℓ, q†], q†/q on (q†, 1].</summary>
    /// <param name="low">ℓ. Range: (0, q†).</param>
    /// <param name="dagger">q†. Range: (ℓ, 1).</param>
    public static PiecewiseValueDistribution AppendixE2(double low, double dagger)
    {
        if (!(low > 0 && low < dagger && dagger < 1)) throw new InputException($"appendixE2: need 0 < l < q† < 1 (got l = {low}, q† = {dagger})");
        double c = dagger / (1 - dagger);
        return new PiecewiseValueDistribution($"appendixE2(l={Format.G(low, 6)}, q={Format.G(dagger, 6)})",
        [
            new(low, PieceShape.Constant, c * (1 - low) / low),
            new(dagger, PieceShape.Falling, c),
            new(1, PieceShape.EqualRevenue, dagger),
        ]);
    }

    /// <summary>A continuous v from a top value and a sequence of shapes: each piece's coefficient is chosen so that v is
    /// continuous at its left end (a constant continues the value, c/q takes c = v·b, c·(1−q)/q takes c = v·b/(1−b)).</summary>
    /// <param name="name">A label.</param>
    /// <param name="top">v on the first (constant) piece [0, ends[0]]. Range: &gt; 0.</param>
    /// <param name="ends">Right ends of the pieces, increasing, the last 1.</param>
    /// <param name="shapes">Shapes of the pieces after the first (one fewer than <paramref name="ends"/>).</param>
    public static PiecewiseValueDistribution Continuous(string name, double top, IReadOnlyList<double> ends, IReadOnlyList<PieceShape> shapes)
    {
        ArgumentNullException.ThrowIfNull(ends);
        ArgumentNullException.ThrowIfNull(shapes);
        if (shapes.Count != ends.Count - 1) throw new InputException($"{name}: {ends.Count} ends need {ends.Count - 1} shapes after the constant top, got {shapes.Count}");
        var pieces = new List<ValuePiece> { new(ends[0], PieceShape.Constant, top) };
        for (int i = 0; i < shapes.Count; i++)
        {
            double b = ends[i], v = pieces[^1].Value(b);
            double c = shapes[i] switch { PieceShape.Constant => v, PieceShape.EqualRevenue => v * b, _ => v * b / (1 - b) };
            pieces.Add(new ValuePiece(ends[i + 1], shapes[i], c));
        }
        return new PiecewiseValueDistribution(name, pieces);
    }

    /// <summary>The pieces, in increasing quantile.</summary>
    public IReadOnlyList<ValuePiece> Pieces { get; }

    /// <inheritdoc />
    public string Spec { get; }

    /// <inheritdoc />
    public double RevenueAtZero => 0;

    /// <inheritdoc />
    public double Mean => _integralBefore[^1];

    /// <inheritdoc />
    public double SupportLow => _pieces[^1].Value(1);

    /// <inheritdoc />
    public double SupportHigh => _pieces[0].Coefficient;

    /// <inheritdoc />
    public IReadOnlyList<double> Breakpoints { get; }

    /// <inheritdoc />
    public double Value(double quantile)
    {
        CheckQuantile(quantile);
        return quantile == 0 ? SupportHigh : _pieces[PieceOf(quantile)].Value(quantile);
    }

    /// <inheritdoc />
    public double IntegratedValue(double quantile)
    {
        CheckQuantile(quantile);
        if (quantile == 0) return 0;
        int i = PieceOf(quantile);
        return _integralBefore[i] + _pieces[i].Integral(_starts[i], quantile);
    }

    /// <inheritdoc />
    public double Revenue(double quantile) => quantile == 0 ? RevenueAtZero : quantile * Value(quantile);

    /// <inheritdoc />
    public double Survival(double value) => Tail(value, inclusive: false);

    /// <inheritdoc />
    public double SurvivalInclusive(double value) => Tail(value, inclusive: true);

    /// <inheritdoc />
    public double Density(double value)
    {
        if (double.IsNaN(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "A value must not be NaN.");
        for (int i = 0; i < _pieces.Length; i++)
        {
            var piece = _pieces[i];
            if (piece.Shape == PieceShape.Constant) continue;
            double high = piece.Value(_starts[i]), low = piece.Value(piece.End);
            if (value >= low && value < high) return piece.Density(value);
        }
        return 0;
    }

    /// <summary>The canonical description, <see cref="Spec"/>.</summary>
    public override string ToString() => Spec;

    // P(X > v) = sup{q : v(q) > v} and P(X ≥ v) = sup{q : v(q) ≥ v}: v is non-increasing, so walk the pieces until v falls
    // below the level, then invert that piece.
    private double Tail(double value, bool inclusive)
    {
        if (double.IsNaN(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "A value must not be NaN.");
        bool Above(double v) => inclusive ? v >= value : v > value;
        for (int i = 0; i < _pieces.Length; i++)
        {
            var piece = _pieces[i];
            if (Above(piece.Value(piece.End))) continue;
            if (piece.Shape == PieceShape.Constant || !Above(piece.Value(_starts[i]))) return _starts[i];
            // Strictly decreasing piece crossing the level: v(q) = value at q = inverse (the set is (start, inverse] or
            // (start, inverse) — the same measure).
            return Math.Clamp(piece.Inverse(value), _starts[i], piece.End);
        }
        return 1;
    }

    private int PieceOf(double quantile)
    {
        int lo = 0, hi = _pieces.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (quantile <= _pieces[mid].End) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

    private static void CheckQuantile(double quantile)
    {
        if (!(quantile >= 0 && quantile <= 1)) throw new ArgumentOutOfRangeException(nameof(quantile), quantile, "A quantile must lie in [0, 1].");
    }
}
