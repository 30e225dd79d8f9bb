using OrSolver.Core.Mechanisms;
using OrSolver.Core.Structures;

namespace OrSolver.Core.Tests.Structures;

/// <summary>
/// The theorem checks can fail, and say where: each is run on a frontier whose mechanisms were altered by hand so that
/// exactly one statement is broken at known vertices (an auction with a bid-space gap where Theorem 3.4 allows none, a
/// reserve above the monopoly reserve, the vertices in reverse order so that the reserve rises, a reserve together with a
/// gap), and on markets outside the theorem's class. The theorems holding on the hull's own mechanisms is asserted in
/// <see cref="RegularAntiMhrTheoremTests"/>, <see cref="AntiMhrTheoremTests"/> and <see cref="MhrTheoremTests"/>.
/// </summary>
public class TheoremStructureTests
{
    private static FrontierStructure Structure(string spec, long buyers) => StructureCases.Path(spec, buyers, 400).Structure;

    /// <summary><paramref name="structure"/> with its mechanisms replaced (the vertices and checks kept).</summary>
    private static FrontierStructure WithMechanisms(FrontierStructure structure, IReadOnlyList<RecoveredMechanism> mechanisms)
        => new(structure.Problem, structure.Frontier, mechanisms, structure.Checks);

    private static List<int> Range(int from, int to) => [.. Enumerable.Range(from, to - from + 1)];

    [Fact]
    public void Theorem_3_4_holds_on_the_hull_and_names_the_vertex_given_a_gap()
    {
        var structure = Structure("exponential(1)", 3);
        var verdict = TheoremStructure.Theorem34(structure);
        Assert.True(verdict.Applies && verdict.Holds, verdict.ToString());
        Assert.Equal("Theorem 3.4 holds (F regular and anti-MHR on the grid)", verdict.ToString());

        // Vertex k gets the auction with the vertex's own reserve point r but without the bids strictly between 1 and 3.
        var market = structure.Problem.Discretised;
        int k = structure.Mechanisms.Count / 2, reservePoint = structure.Mechanisms[k].ReservePoint;
        var gapped = MechanismRecovery.FromBidPoints(market, Range(1, reservePoint).Where(j => j is not 2));
        var altered = structure.Mechanisms.Select((m, i) => i == k ? gapped : m).ToList();
        var broken = TheoremStructure.Theorem34(WithMechanisms(structure, altered));
        var violation = Assert.Single(broken.Violations);
        Assert.Equal("second-price auctions", violation.Rule);
        Assert.Equal([k], violation.Indices);
        Assert.False(broken.Holds);
        Assert.Contains($"vertices {k} are not second-price auctions", broken.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Theorem_3_4_names_a_reserve_above_the_monopoly_reserve_and_a_rising_reserve()
    {
        var structure = Structure("exponential(1)", 3);
        var market = structure.Problem.Discretised;
        // A posted reserve at the first grid point above q = 0: far above the monopoly reserve 1 (v(q₁) ≫ 1).
        var high = MechanismRecovery.FromBidPoints(market, [1]);
        Assert.True(high.Reserve > 2 * structure.Problem.Monopoly.Reserve);
        var altered = structure.Mechanisms.Select((m, i) => i == 0 ? high : m).ToList();
        var violation = Assert.Single(TheoremStructure.Theorem34(WithMechanisms(structure, altered)).Violations);
        Assert.Equal("reserve at most the monopoly reserve", violation.Rule);
        Assert.Equal([0], violation.Indices);

        // In reverse order the reserve rises at every step.
        var reversed = TheoremStructure.Theorem34(WithMechanisms(structure, [.. structure.Mechanisms.Reverse()]));
        var rising = Assert.Single(reversed.Violations);
        Assert.Equal("reserve never rises", rising.Rule);
        Assert.Equal(Range(1, structure.Mechanisms.Count - 1), rising.Indices);
    }

    [Fact]
    public void Theorem_3_5_ii_names_the_vertex_where_the_bid_space_stops_expanding()
    {
        var path = StructureCases.Path(StructureCases.ExponentialMixture, 3, 400);
        var structure = path.Structure;
        // The first vertex whose bid space differs from the next one's: swapped, the later one's bids are not all kept.
        int k = Enumerable.Range(0, structure.Mechanisms.Count - 1)
            .First(i => !structure.Mechanisms[i + 1].BidPoints().SetEquals(structure.Mechanisms[i].BidPoints()) && structure.Mechanisms[i].ReservePoint == structure.Mechanisms[i + 1].ReservePoint);
        var altered = structure.Mechanisms.ToArray();
        (altered[k], altered[k + 1]) = (altered[k + 1], altered[k]);
        var verdict = TheoremStructure.Theorem35Order(new MechanismPath(WithMechanisms(structure, altered)));
        var violation = Assert.Single(verdict.Violations, v => v.Rule == "bid space expands");
        Assert.Contains(k + 1, violation.Indices);
    }

    [Fact]
    public void Theorem_3_7_names_a_vertex_with_a_reserve_and_a_gap()
    {
        var path = StructureCases.Path("uniform(0, 1)", 3, 400);
        var structure = path.Structure;
        Assert.True(TheoremStructure.Theorem37(path).Holds);
        var market = structure.Problem.Discretised;
        int k = 1, reservePoint = structure.Mechanisms[k].ReservePoint;
        Assert.True(structure.HasReserve(k));
        var gapped = MechanismRecovery.FromBidPoints(market, Range(1, reservePoint).Where(j => j is not 2));
        var altered = structure.Mechanisms.Select((m, i) => i == k ? gapped : m).ToList();
        var mhr = TheoremStructure.Theorem37(new MechanismPath(WithMechanisms(structure, altered)));
        var violation = Assert.Single(mhr.NoReserveWithGaps.Violations);
        Assert.Equal([k], violation.Indices);
        Assert.Contains(mhr.BelowSecondPrice.Violations, v => v.Indices.Contains(k));
    }

    [Theory]
    [InlineData("uniform(0, 1)", "Theorem 3.4")]
    [InlineData("lomax(2)", "Theorem 3.7")]
    public void Outside_its_class_a_theorem_does_not_apply(string spec, string theorem)
    {
        var path = StructureCases.Path(spec, 3, 400);
        var verdict = theorem == "Theorem 3.4" ? TheoremStructure.Theorem34(path.Structure) : TheoremStructure.Theorem37(path).AboveSecondPrice;
        Assert.False(verdict.Applies);
        Assert.Contains("the theorem does not apply", verdict.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_structure_needs_one_mechanism_and_one_check_per_vertex()
    {
        var structure = Structure("exponential(1)", 3);
        Assert.Throws<ArgumentException>(() => WithMechanisms(structure, [.. structure.Mechanisms.Skip(1)]));
    }
}
