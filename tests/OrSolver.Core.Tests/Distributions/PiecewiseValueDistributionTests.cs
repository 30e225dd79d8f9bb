using OrSolver.Core.Distributions;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Tests.Distributions;

/// <summary>
/// The piecewise value distribution of Appendix E against hand-computed closed forms: V(q) = ∫₀^q v at the breakpoints of
/// E.1's and E.2's instances, tails at atoms and gaps, the density on an equal-revenue piece, and V against independent
/// quadrature of v(q); and its spec grammar, <c>piecewise(...)</c>: the pieces it reads, the canonical spec, and the
/// one-line refusals.
/// </summary>
public class PiecewiseValueDistributionTests
{
    private static readonly Tolerance Exact = Tolerances.Rounding;

    private static void Close(double expected, double actual, string what)
        => Assert.True(Exact.Close(actual, expected), $"{what}: expected {expected:R}, got {actual:R}");

    [Theory]
    [InlineData(2.0)]
    [InlineData(7.0)]
    [InlineData(12.0)]
    public void Appendix_E1_integrates_to_its_hand_values(double logK)
    {
        double k = Math.Exp(logK);
        var f = PiecewiseValueDistribution.AppendixE1(k);
        // V(1/(2K)) = K²·1/(2K); the atom at K/2 adds K/2·1/(2K) = 1/4; 1/(2q) adds ln(K/2)/2 up to q = 1/2; v = 0 after.
        Close(k / 2, f.IntegratedValue(1 / (2 * k)), "V(1/(2K))");
        Close(k / 2 + 0.25, f.IntegratedValue(1 / k), "V(1/K)");
        Close(k / 2 + 0.25 + Math.Log(k / 2) / 2, f.IntegratedValue(0.5), "V(1/2)");
        Close(k / 2 + 0.25 + Math.Log(k / 2) / 2, f.Mean, "E[v]");
        // Left limits at the breakpoints, and the value 0 on (1/2, 1].
        Close(k * k, f.Value(1 / (2 * k)), "v(1/(2K))");
        Close(k / 2, f.Value(1 / k), "v(1/K)");
        Close(1, f.Value(0.5), "v(1/2)");
        Assert.Equal(0, f.Value(0.75));
        Assert.Equal(0, f.SupportLow);
        Close(k * k, f.SupportHigh, "sup of the support");
        Assert.Equal([1 / (2 * k), 1 / k, 0.5], f.Breakpoints);
    }

    [Fact]
    public void Appendix_E1_has_atoms_at_K_squared_K_over_2_and_0_and_a_gap_below_1()
    {
        double k = Math.Exp(3);
        var f = PiecewiseValueDistribution.AppendixE1(k);
        Close(1 / (2 * k), f.SurvivalInclusive(k * k), "P(X ≥ K²)");
        Assert.Equal(0, f.Survival(k * k));
        Close(1 / k, f.SurvivalInclusive(k / 2), "P(X ≥ K/2)");
        Close(1 / (2 * k), f.Survival(k / 2), "P(X > K/2)");
        Close(1, f.SurvivalInclusive(0), "P(X ≥ 0)");
        Close(0.5, f.Survival(0), "P(X > 0)");
        // On (1, K/2): F(v) = 1 − 1/(2v), density 1/(2v²); in the gap (0, 1) no density and S = 1/2.
        Close(1 / (2 * 4.0), f.Survival(4), "P(X > 4)");
        Close(1 / (2 * 16.0), f.Density(4), "f(4)");
        Close(0.5, f.Survival(0.5), "P(X > 1/2)");
        Assert.Equal(0, f.Density(0.5));
    }

    [Fact]
    public void Appendix_E2_integrates_to_its_hand_values()
    {
        const double low = 0.325268, dagger = 0.589198;
        double c = dagger / (1 - dagger);
        var f = PiecewiseValueDistribution.AppendixE2(low, dagger);
        // v = c(1−ℓ)/ℓ on [0, ℓ]: V(ℓ) = c(1−ℓ); c(1−q)/q on (ℓ, q†] adds c(ln(q†/ℓ) − (q† − ℓ)); q†/q adds −q† ln q†.
        Close(c * (1 - low), f.IntegratedValue(low), "V(ℓ)");
        Close(dagger + c * Math.Log(dagger / low), f.IntegratedValue(dagger), "V(q†)");
        Close(dagger + c * Math.Log(dagger / low) - dagger * Math.Log(dagger), f.Mean, "E[v]");
        Close(c * (1 - low) / low, f.SupportHigh, "v(0)");
        Close(1, f.Value(dagger), "v(q†)");
        Close(dagger, f.SupportLow, "v(1)");
        // U_F(q†) = V(q†) − q†·v(q†) = c·ln(q†/ℓ) (the paper's E.2.2).
        Close(c * (Math.Log(dagger) - Math.Log(low)), f.IntegratedValue(dagger) - f.Revenue(dagger), "U_F(q†)");
    }

    [Fact]
    public void Continuous_pieces_take_the_value_where_the_previous_piece_ends()
    {
        // Top 1 on [0, 0.2]; c(1−q)/q with c = 1·0.2/0.8 = 0.25 on (0.2, 0.5]; c/q with c = 0.25·0.5 = 0.125 on (0.5, 1].
        var f = PiecewiseValueDistribution.Continuous(1, [0.2, 0.5, 1], [PieceShape.Falling, PieceShape.EqualRevenue]);
        Close(0.25, f.Pieces[1].Coefficient, "c of the falling piece");
        Close(0.125, f.Pieces[2].Coefficient, "c of the equal-revenue piece");
        Close(1, f.Value(Math.BitIncrement(0.2)), "v just after 0.2");
        Close(0.25, f.Value(0.5), "v(0.5)");
        Close(0.125, f.SupportLow, "v(1)");
        // V(1) = 0.2 + 0.25(ln 2.5 − 0.3) + 0.125 ln 2.
        Close(0.2 + 0.25 * (Math.Log(2.5) - 0.3) + 0.125 * Math.Log(2), f.Mean, "E[v]");
    }

    [Fact]
    public void V_agrees_with_quadrature_of_v_on_every_piece()
    {
        var f = PiecewiseValueDistribution.Continuous(3, [0.1, 0.3, 0.35, 0.7, 1],
            [PieceShape.EqualRevenue, PieceShape.Constant, PieceShape.Falling, PieceShape.EqualRevenue]);
        double[] cuts = [0, 0.1, 0.3, 0.35, 0.7, 1];
        double integral = 0;
        for (int i = 1; i < cuts.Length; i++)
        {
            integral += MathNet.Numerics.Integrate.GaussKronrod(f.Value, cuts[i - 1], cuts[i], out _, out _, Tolerances.Quadrature, 15);
            Assert.True(Tolerances.ClosedForm.Close(f.IntegratedValue(cuts[i]), integral), $"V({cuts[i]}) = {f.IntegratedValue(cuts[i]):R}, quadrature {integral:R}");
        }
    }

    [Fact]
    public void Survival_inverts_the_value_function_on_the_decreasing_pieces()
    {
        var f = PiecewiseValueDistribution.AppendixE2(0.3, 0.6);
        foreach (double q in new[] { 0.31, 0.45, 0.6, 0.61, 0.8, 0.99 })
            Assert.True(Tolerances.ClosedForm.Close(f.Survival(f.Value(q)), q), $"S(v({q})) = {f.Survival(f.Value(q)):R}");
    }

    [Fact]
    public void Pieces_that_are_not_a_value_function_are_bad_input()
    {
        Assert.Throws<InputException>(() => new PiecewiseValueDistribution([new(1, PieceShape.EqualRevenue, 1)]));
        Assert.Throws<InputException>(() => new PiecewiseValueDistribution([new(0.5, PieceShape.Constant, 1), new(1, PieceShape.Constant, 2)]));
        Assert.Throws<InputException>(() => new PiecewiseValueDistribution([new(0.5, PieceShape.Constant, 1), new(0.9, PieceShape.Constant, 0.5)]));
        Assert.Throws<InputException>(() => new PiecewiseValueDistribution([new(0.5, PieceShape.Constant, 1), new(0.4, PieceShape.Constant, 0.5), new(1, PieceShape.Constant, 0.1)]));
        Assert.Throws<InputException>(() => new PiecewiseValueDistribution([new(0.5, PieceShape.Constant, 1), new(1, PieceShape.Falling, 0)]));
        Assert.Throws<InputException>(() => new ValuePiece(1.5, PieceShape.Constant, 1));
        Assert.Throws<InputException>(() => new ValuePiece(0.5, PieceShape.Constant, double.NaN));
        Assert.Throws<InputException>(() => PiecewiseValueDistribution.AppendixE2(0.6, 0.5));
        Assert.Throws<InputException>(() => PiecewiseValueDistribution.AppendixE1(1.5));
    }

    /// <summary>Appendix E.1's instance with K = 20 as the README writes it: v = K² = 400 on [0, 1/40], K/2 = 10 on
    /// (1/40, 1/20], 1/(2q) on (1/20, 1/2], 0 after; V by hand as in <see cref="Appendix_E1_integrates_to_its_hand_values"/>.</summary>
    [Fact]
    public void The_spec_of_Appendix_E1_reads_its_pieces()
    {
        var f = Assert.IsType<PiecewiseValueDistribution>(DistributionSpec.Parse("piecewise(400 to 0.025, 10 to 0.05, 0.5/q to 0.5, 0)"));
        Assert.Equal([PieceShape.Constant, PieceShape.Constant, PieceShape.EqualRevenue, PieceShape.Constant], f.Pieces.Select(p => p.Shape));
        Assert.Equal([0.025, 0.05, 0.5], f.Breakpoints);
        Close(10 + 0.25 + Math.Log(10) / 2, f.Mean, "E[v]");
        Close(5, f.Value(0.1), "v(0.1) = 1/(2·0.1)");
        Assert.Equal("piecewise(400 to 0.025, 10 to 0.05, 0.5/q to 0.5, 0)", f.Spec);
        // Every piece as built by the library's factory for K = 20: the same distribution.
        Assert.Equal(PiecewiseValueDistribution.AppendixE1(20).Spec, f.Spec);
    }

    [Theory]
    [InlineData("piecewise(2 to 0.3, 0.6/q to 0.6, 1.5(1-q)/q to 1)", "piecewise(2 to 0.3, 0.6/q to 0.6, 1.5(1-q)/q)")]
    [InlineData("PIECEWISE( 2 TO 0.3 , 0.6 / Q to 0.6, 1.5 * (1 - q) / q )", "piecewise(2 to 0.3, 0.6/q to 0.6, 1.5(1-q)/q)")]
    [InlineData("piecewise(1 to 0.5, 0)", "piecewise(1 to 0.5, 0)")]
    [InlineData("piecewise(1)", "piecewise(1)")]
    [InlineData("piecewise(1e-3 to 0.25, -0)", "piecewise(0.001 to 0.25, 0)")]
    public void Written_forms_give_the_canonical_spec(string written, string canonical)
    {
        Assert.Equal(canonical, DistributionSpec.Parse(written).Spec);
        Assert.Equal(canonical, DistributionSpec.Parse(canonical).Spec);
    }

    [Fact]
    public void A_piecewise_component_mixes_like_any_other()
    {
        // Half uniform on [0, 1], half an atom at 2 (piecewise(2)): P(X ≥ 2) = 1/2, E[v] = 1/4 + 1.
        var f = DistributionSpec.Parse("mixture(0.5*uniform(0, 1), 0.5*piecewise(2))");
        Close(0.5, f.SurvivalInclusive(2), "P(X ≥ 2)");
        Assert.True(Tolerances.ClosedForm.Close(f.Mean, 1.25), $"E[v] = {f.Mean:R}");
    }

    [Theory]
    [InlineData("piecewise()", "piecewise: needs at least one piece")]
    [InlineData("piecewise(1 to 0.5, 0.5 to 0.8)", "piecewise: the last piece must end at q = 1, not 0.8")]
    [InlineData("piecewise(1, 0.5)", "piecewise: piece 1 '1' needs 'to b'")]
    [InlineData("piecewise(1 to x, 0.5)", "piecewise: piece 1 ends at 'x', which is not a number")]
    [InlineData("piecewise(1 to 0.5, abc)", "piecewise: piece 2 'abc' is not c, c/q or c(1-q)/q with a number c")]
    [InlineData("piecewise(1/q to 0.5, 0.5)", "piecewise: the first piece must be a constant c")]
    [InlineData("piecewise(1 to 0.5, 2)", "piecewise: v rises at q = 0.5 (from 1 to 2)")]
    [InlineData("piecewise(1 to 0.5, 0.4 to 0.3, 0)", "piecewise: piece 2 (0.4) ends at q = 0.3, not after the previous end 0.5")]
    [InlineData("piecewise(1 to 1.5, 0)", "piecewise: a piece ends at q = 1.5, outside (0, 1]")]
    [InlineData("piecewise(1 to 0.5, 0/q)", "piecewise: c of a piece c/q (0) must be positive")]
    [InlineData("piecewise(inf to 0.5, 1)", "piecewise: c of a constant piece (inf) must be a finite number")]
    [InlineData("piecewise(1e101 to 0.5, 1)", "piecewise: c of a constant piece (1E+101) is too large")]
    [InlineData("piecewise(-1)", "piecewise: c of a constant piece (-1) must be non-negative")]
    [InlineData("piecewise(0 to 0.5, 0)", "piecewise: v is 0 everywhere")]
    [InlineData("piecewise(5e-324)", "piecewise: c of a constant piece (5E-324) is too small")]
    public void Bad_pieces_are_refused_in_one_line(string spec, string message)
    {
        var refusal = Assert.Throws<InputException>(() => DistributionSpec.Parse(spec));
        Assert.StartsWith(message, refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refusal.Message);
    }
}
