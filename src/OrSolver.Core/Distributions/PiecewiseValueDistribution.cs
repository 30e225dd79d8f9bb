using MathNet.Numerics;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Distributions;

/// <summary>The shape of v(q) on one piece of a <see cref="PiecewiseValueDistribution"/> (Appendix E's building blocks).</summary>
public enum PieceShape
{
    /// <summary>v(q) = c: a flat piece of v, i.e. an atom of F at c (R = c·q rises). Written <c>c</c>.</summary>
    Constant,

    /// <summary>v(q) = c/q: equal revenue, R = c flat. Written <c>c/q</c>.</summary>
    EqualRevenue,

    /// <summary>v(q) = c·(1−q)/q: R = c·(1−q) falls, and R/(1−q) = c is flat (the edge of quasi-regularity, Def. E.2).
    /// Written <c>c(1-q)/q</c>.</summary>
    Falling,
}

/// <summary>One piece of v(q): <paramref name="Shape"/> with coefficient c on the quantiles (previous end, <paramref name="End"/>]
/// (the first piece starts at q = 0). Validates itself: a bad piece is an <see cref="InputException"/> naming it.</summary>
/// <param name="End">The piece's right end. Range: (0, 1]; the last piece of a distribution ends at 1.</param>
/// <param name="Shape">Constant, equal revenue or falling.</param>
/// <param name="Coefficient">c. Range: [1e-100, 1e100], or 0 for a constant piece (a piece c/q or c(1−q)/q with c = 0 is
/// the constant 0).</param>
public sealed record ValuePiece(double End, PieceShape Shape, double Coefficient)
{
    /// <summary>The right end (see the record's parameter).</summary>
    public double End { get; } = CheckEnd(End);

    /// <summary>c, with −0 read as 0 (see the record's parameter).</summary>
    public double Coefficient { get; } = CheckCoefficient(Shape, Coefficient);

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

    /// <summary>The q with v(q) = <paramref name="value"/> on a strictly decreasing piece, unclipped: c/value (equal
    /// revenue) or c/(value + c) (falling). Range of the value: &gt; 0 (≥ 0 when falling).</summary>
    public double Inverse(double value) => Shape == PieceShape.EqualRevenue ? Coefficient / value : Coefficient / (value + Coefficient);

    /// <summary>The density of F at a value inside a strictly decreasing piece: −1/v'(q) = q²/c, i.e. c/value² (equal
    /// revenue) or c/(value + c)² (falling).</summary>
    public double Density(double value) => Shape == PieceShape.EqualRevenue ? Coefficient / (value * value) : Coefficient / ((value + Coefficient) * (value + Coefficient));

    /// <summary>The piece as the spec grammar writes it: "2.5", "0.5/q" or "0.7(1-q)/q" (round-trip numbers).</summary>
    public override string ToString()
    {
        string c = ParameterCheck.Format(Coefficient);
        return Shape switch { PieceShape.Constant => c, PieceShape.EqualRevenue => $"{c}/q", _ => $"{c}(1-q)/q" };
    }

    private static double CheckEnd(double end)
    {
        if (!(end > 0 && end <= 1))
            throw new InputException($"{PiecewiseValueDistribution.Family}: a piece ends at q = {ParameterCheck.Format(end)}, outside (0, 1]");
        return end;
    }

    private static double CheckCoefficient(PieceShape shape, double coefficient)
    {
        string name = shape switch { PieceShape.Constant => "c of a constant piece", PieceShape.EqualRevenue => "c of a piece c/q", _ => "c of a piece c(1-q)/q" };
        // A constant piece may be the value 0 (an atom at 0); any other value sets a scale, as in every family.
        if (shape == PieceShape.Constant) ParameterCheck.NonNegative(PiecewiseValueDistribution.Family, name, coefficient);
        if (shape != PieceShape.Constant || coefficient != 0) ParameterCheck.Positive(PiecewiseValueDistribution.Family, name, coefficient);
        return coefficient + 0.0;
    }
}

/// <summary>
/// A value distribution whose value function v(q) is piecewise one of three closed forms (Appendix E's instances):
/// constant c (an atom), c/q (equal revenue) and c·(1−q)/q, on consecutive quantile intervals [0, b₁], (b₁, b₂], …,
/// (b_{k−1}, 1]. Every quantity is exact: V(q) = ∫₀^q v by the pieces' closed-form integrals, P(X &gt; v) and P(X ≥ v) by
/// inverting each piece, the density −1/v'(q) on the strictly decreasing pieces. v may jump down at a breakpoint (a gap
/// in the support; v takes the left limit there). The first piece must be constant: c/q and c·(1−q)/q have no integral at
/// q = 0, and a constant top keeps the support bounded.
/// <para>
/// Spec grammar (family <c>piecewise</c>): <c>piecewise(P₁ to b₁, P₂ to b₂, …, P_k)</c>, each Pᵢ written <c>c</c>,
/// <c>c/q</c> or <c>c(1-q)/q</c> (<c>c*(1-q)/q</c> too) and ending at the quantile bᵢ, the last ending at 1 (<c>to 1</c>
/// may be written). Appendix E.1's instance with K = 20 is <c>piecewise(400 to 0.025, 10 to 0.05, 0.5/q to 0.5, 0)</c>.
/// </para>
/// </summary>
public sealed class PiecewiseValueDistribution : ValueDistribution
{
    /// <summary>The family name of the spec grammar.</summary>
    public const string Family = "piecewise";

    private readonly ValuePiece[] _pieces;
    private readonly double[] _starts;
    private readonly double[] _integralBefore;

    /// <summary>A distribution from its pieces, in increasing quantile.</summary>
    /// <param name="pieces">The pieces: the first constant, ends strictly increasing, the last ending at 1, v
    /// non-increasing across every breakpoint (a rise within the relative part of <see cref="Tolerances.Rounding"/> is the
    /// rounding of b and c/b, not a rise) and never below v(1) by more than that, and positive somewhere. v may be one
    /// value only (a point mass: the frontier is one point).</param>
    /// <exception cref="InputException">The pieces do not describe such a value function (one line naming the piece).</exception>
    public PiecewiseValueDistribution(IReadOnlyList<ValuePiece> pieces)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        if (pieces.Count == 0) throw new InputException($"{Family}: needs at least one piece");
        if (pieces[0].Shape != PieceShape.Constant)
            throw new InputException($"{Family}: the first piece must be a constant c (c/q and c(1-q)/q have no finite integral at q = 0), not {pieces[0]}");
        if (pieces[^1].End != 1) throw new InputException($"{Family}: the last piece must end at q = 1, not {ParameterCheck.Format(pieces[^1].End)}");
        _pieces = [.. pieces];
        _starts = new double[_pieces.Length];
        _integralBefore = new double[_pieces.Length + 1];
        for (int i = 0; i < _pieces.Length; i++)
        {
            var piece = _pieces[i];
            double start = i == 0 ? 0 : _pieces[i - 1].End;
            if (!(piece.End > start))
                throw new InputException($"{Family}: piece {i + 1} ({piece}) ends at q = {ParameterCheck.Format(piece.End)}, not after the previous end {ParameterCheck.Format(start)}");
            // A piece c/q or c(1−q)/q that starts where the previous one ends carries the rounding of c/b: a rise of that
            // relative size is no rise. Nothing absolute is allowed, since values may be of any size.
            double before = i > 0 ? _pieces[i - 1].Value(start) : double.PositiveInfinity, after = piece.Value(start);
            if (i > 0 && !(after - before <= Tolerances.Rounding.Relative * before))
                throw new InputException($"{Family}: v rises at q = {ParameterCheck.Format(start)} (from {ParameterCheck.Format(before)} to {ParameterCheck.Format(after)}); a value function does not increase");
            _starts[i] = start;
            _integralBefore[i + 1] = _integralBefore[i] + piece.Integral(start, piece.End);
        }
        if (!(SupportHigh > 0)) throw new InputException($"{Family}: v is 0 everywhere; a market needs a positive value");
        // v(1) is the infimum of the support: no value before it may lie below it by more than the rounding allowed above
        // (a piece built to continue the previous one can start a few ulps above where that one ends).
        double lowest = SupportLow;
        var below = _pieces.FirstOrDefault(p => lowest - p.Value(p.End) > Tolerances.Rounding.Relative * lowest);
        if (below is not null)
            throw new InputException($"{Family}: v is {ParameterCheck.Format(below.Value(below.End))} at q = {ParameterCheck.Format(below.End)} but ends at {ParameterCheck.Format(SupportLow)}; a value function does not increase");
        Pieces = Array.AsReadOnly(_pieces);
        Breakpoints = Array.AsReadOnly(_pieces[..^1].Select(p => p.End).ToArray());
        Spec = $"{Family}({string.Join(", ", _pieces.Select((p, i) => i < _pieces.Length - 1 ? $"{p} to {ParameterCheck.Format(p.End)}" : p.ToString()))})";
    }

    /// <summary>Appendix E.1's instance: v = K² on [0, 1/(2K)], K/2 on (1/(2K), 1/K], 1/(2q) on (1/K, 1/2], 0 on (1/2, 1].</summary>
    /// <param name="k">K. Range: [2, 1e50] (so that 1/K ≤ 1/2 and K² is a value the grid can hold).</param>
    /// <exception cref="InputException">K is out of range.</exception>
    public static PiecewiseValueDistribution AppendixE1(double k)
    {
        if (!(k >= 2 && k <= 1e50)) throw new InputException($"Appendix E.1: K ({ParameterCheck.Format(k)}) must lie in [2, 1e50]");
        return new PiecewiseValueDistribution(
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
    /// <exception cref="InputException">ℓ and q† are out of range.</exception>
    public static PiecewiseValueDistribution AppendixE2(double low, double dagger)
    {
        if (!(low > 0 && low < dagger && dagger < 1))
            throw new InputException($"Appendix E.2: need 0 < l < q† < 1 (got l = {ParameterCheck.Format(low)}, q† = {ParameterCheck.Format(dagger)})");
        double c = dagger / (1 - dagger);
        return new PiecewiseValueDistribution(
        [
            new(low, PieceShape.Constant, c * (1 - low) / low),
            new(dagger, PieceShape.Falling, c),
            new(1, PieceShape.EqualRevenue, dagger),
        ]);
    }

    /// <summary>A continuous v from a top value and a sequence of shapes: each piece's coefficient is chosen so that v is
    /// continuous at its left end (a constant continues the value, c/q takes c = v·b, c·(1−q)/q takes c = v·b/(1−b)).</summary>
    /// <param name="top">v on the first (constant) piece [0, ends[0]]. Range: (0, 1e100].</param>
    /// <param name="ends">Right ends of the pieces, increasing, the last 1.</param>
    /// <param name="shapes">Shapes of the pieces after the first (one fewer than <paramref name="ends"/>).</param>
    /// <exception cref="InputException">The ends and shapes do not describe such a value function.</exception>
    public static PiecewiseValueDistribution Continuous(double top, IReadOnlyList<double> ends, IReadOnlyList<PieceShape> shapes)
    {
        ArgumentNullException.ThrowIfNull(ends);
        ArgumentNullException.ThrowIfNull(shapes);
        if (ends.Count == 0 || shapes.Count != ends.Count - 1)
            throw new InputException($"{Family}: {ends.Count} ends need {Math.Max(0, ends.Count - 1)} shapes after the constant top, got {shapes.Count}");
        var pieces = new List<ValuePiece> { new(ends[0], PieceShape.Constant, top) };
        for (int i = 0; i < shapes.Count; i++)
        {
            double b = ends[i], v = pieces[^1].Value(b);
            double c = shapes[i] switch { PieceShape.Constant => v, PieceShape.EqualRevenue => v * b, _ => v * b / (1 - b) };
            pieces.Add(new ValuePiece(ends[i + 1], shapes[i], c));
        }
        return new PiecewiseValueDistribution(pieces);
    }

    /// <summary>The pieces, in increasing quantile.</summary>
    public IReadOnlyList<ValuePiece> Pieces { get; }

    /// <inheritdoc />
    public override string Spec { get; }

    /// <inheritdoc />
    public override double SupportLow => _pieces[^1].Value(1);

    /// <inheritdoc />
    public override double SupportHigh => _pieces[0].Coefficient;

    /// <inheritdoc />
    public override IReadOnlyList<double> Breakpoints { get; }

    private protected override double RevenueAtZeroCore => 0;

    private protected override double ValueCore(double quantile) => _pieces[PieceOf(quantile)].Value(quantile);

    private protected override double IntegratedValueCore(double quantile)
    {
        int i = PieceOf(quantile);
        return _integralBefore[i] + _pieces[i].Integral(_starts[i], quantile);
    }

    private protected override double SurvivalCore(double value) => Tail(value, inclusive: false);

    private protected override double SurvivalInclusiveCore(double value) => Tail(value, inclusive: true);

    private protected override double DensityCore(double value)
    {
        for (int i = 0; i < _pieces.Length; i++)
        {
            var piece = _pieces[i];
            if (piece.Shape == PieceShape.Constant) continue;
            double high = piece.Value(_starts[i]), low = piece.Value(piece.End);
            if (value >= low && value < high) return piece.Density(value);
        }
        return 0;
    }

    // P(X > v) = sup{q : v(q) > v} and P(X ≥ v) = sup{q : v(q) ≥ v}: v is non-increasing, so walk the pieces until v falls
    // below the level, then invert that piece.
    private double Tail(double value, bool inclusive)
    {
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
}
