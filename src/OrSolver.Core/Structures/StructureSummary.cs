using OrSolver.Core.Mechanisms;
using OrSolver.Core.Numerics;
using OrSolver.Core.Output;

namespace OrSolver.Core.Structures;

/// <summary>
/// The structural facts of one frontier that Theorems 3.4–3.7 speak about, and a plain sentence saying where they differ
/// from what those theorems state for the nearest class: a reserve that never rises (all four), no bid-space gap
/// (Thm 3.4), a bid space that expands with U (Thm 3.5), a phase change at U⁺ with a reserve below it, a shrinking bid
/// space above it and never both together (Thm 3.7). Gaps and reserves count only when significant
/// (<see cref="MechanismPath"/>: removing them moves Π or U by more than 1e-9·OPT).
/// </summary>
public sealed class StructureSummary
{
    /// <summary>Reads the structure of <paramref name="path"/>.</summary>
    public StructureSummary(MechanismPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Path = path;
        var structure = path.Structure;
        var all = Enumerable.Range(0, path.Count).ToList();
        ReserveVertices = [.. all.Where(path.HasSignificantReserve)];
        GapVertices = [.. all.Where(path.HasSignificantGaps)];
        Together = path.ReserveWithSignificantGaps();
        ReserveIncreases = path.EffectiveReserveIncreases();
        NotExpanding = path.NotExpanding(all, significantOnly: true);
        NotShrinking = path.NotShrinking(all, significantOnly: true);
        var zeroReserve = all.Where(i => i > 0 && !path.HasSignificantReserve(i) && !path.HasSignificantReserve(i - 1)).ToList();
        ZeroReserveNotShrinking = path.NotShrinking(zeroReserve, significantOnly: true);
        ZeroReserveNotExpanding = path.NotExpanding(zeroReserve, significantOnly: true);
        var values = Tolerances.SolverAgreement.AtScale(structure.Scale);
        var spa = structure.Problem.SecondPrice;
        SecondPriceOnFrontier = values.Close(structure.Frontier.Locate(spa.Surplus).Revenue, spa.Revenue);
        var last = structure.Mechanisms[^1];
        EndsAtSecondPrice = values.Close(structure.Vertices[^1].Surplus, spa.Surplus) && values.Close(structure.Vertices[^1].Revenue, spa.Revenue);
        EndsAtLottery = last.Kind == MechanismKind.Lottery;
    }

    /// <summary>The mechanisms along the frontier.</summary>
    public MechanismPath Path { get; }

    /// <summary>Vertices with a significant reserve.</summary>
    public IReadOnlyList<int> ReserveVertices { get; }

    /// <summary>Vertices with a significant gap.</summary>
    public IReadOnlyList<int> GapVertices { get; }

    /// <summary>Vertices with a significant reserve and a significant gap.</summary>
    public IReadOnlyList<int> Together { get; }

    /// <summary>Vertices where the significant reserve rises (<see cref="MechanismPath.EffectiveReserve"/>).</summary>
    public IReadOnlyList<int> ReserveIncreases { get; }

    /// <summary>Vertices whose (significant) bid space does not contain the previous one's.</summary>
    public IReadOnlyList<int> NotExpanding { get; }

    /// <summary>Vertices whose (significant) bid space is not contained in the previous one's.</summary>
    public IReadOnlyList<int> NotShrinking { get; }

    /// <summary>Among consecutive zero-reserve vertices, those whose bid space is not contained in the previous one's.</summary>
    public IReadOnlyList<int> ZeroReserveNotShrinking { get; }

    /// <summary>Among consecutive zero-reserve vertices, those whose bid space does not contain the previous one's.</summary>
    public IReadOnlyList<int> ZeroReserveNotExpanding { get; }

    /// <summary>P(v = v̄), the mass of an atom at the top of the support (a cap); 0 when there is none or v is unbounded.</summary>
    public double TopAtom
    {
        get
        {
            var f = Path.Structure.Problem.Market.Distribution;
            return double.IsFinite(f.SupportHigh) ? f.SurvivalInclusive(f.SupportHigh) : 0;
        }
    }

    /// <summary>Whether the plain second-price auction is Pareto-optimal (on the frontier to 1e-9·OPT).</summary>
    public bool SecondPriceOnFrontier { get; }

    /// <summary>Whether the buyer-optimal end is the second-price auction's (Π, U) (as for anti-MHR, Prop. 3.12).</summary>
    public bool EndsAtSecondPrice { get; }

    /// <summary>Whether the buyer-optimal end is the lottery (as for MHR).</summary>
    public bool EndsAtLottery { get; }

    /// <summary>
    /// The frontier's structure and where it differs from Theorems 3.4–3.7, in plain sentences: the two phases either side
    /// of U⁺ (reserve, significant gaps, whether the bid space expands or shrinks from one vertex to the next), the
    /// buyer-optimal end, then the differences, or the theorem whose structure it matches. The theorem that covers the grid
    /// class (if any) is named; the differences are those no theorem allows or the nearest one excludes.
    /// </summary>
    public string Describe()
    {
        var s = Path.Structure;
        var shape = s.Shape;
        double uPlus = s.SecondPriceSurplus, uStar = s.Problem.OptimalSurplus;
        var all = Enumerable.Range(0, Path.Count).ToList();
        var below = all.Where(i => !s.Rounding.AtMost(uPlus, s.Vertices[i].Surplus)).ToList();
        var above = all.Where(i => !s.Rounding.AtMost(s.Vertices[i].Surplus, uPlus)).ToList();
        var (belowText, belowNeither) = Phase(below);
        var (aboveText, aboveNeither) = Phase(above);
        bool aboveExpands = above.Count > 1 && GapVertices.Any(above.Contains) && Steps(above).All(i => !NotExpanding.Contains(i)) && Steps(above).Any(NotShrinking.Contains);
        // An atom at the top value makes v(q) flat on [0, q_a] and then falling: q·v'(q) drops from 0, so F is not anti-MHR
        // (its hazard rate is infinite at the atom), whatever the grid says when the atom lies inside its first cell.
        double atom = TopAtom;
        bool antiMhr = shape.AntiMonotoneHazardRate && !(atom > 0);
        string covering = (shape.Regular, antiMhr, shape.MonotoneHazardRate) switch
        {
            (true, true, _) => "Theorem 3.4",
            (_, true, _) => "Theorem 3.5",
            (_, _, true) => "Theorem 3.7",
            _ => "",
        };
        var differences = new List<string>();
        if (ReserveIncreases.Count > 0) differences.Add($"the reserve rises at {ReserveIncreases.Count} steps ({Shares(ReserveIncreases)}), which no theorem allows");
        if (Together.Count > 0) differences.Add($"a reserve and a bid-space gap co-occur at {Together.Count} vertices ({Shares(Together)}), which Theorems 3.4 and 3.7 exclude (only Theorem 3.5, for anti-MHR F, allows it)");
        else if (covering == "Theorem 3.4" && GapVertices.Count > 0) differences.Add($"bid-space gaps at {GapVertices.Count} vertices, which Theorem 3.4 excludes");
        if (belowNeither || aboveNeither) differences.Add("within a phase the bid space neither only expands (Theorem 3.5) nor only shrinks (Theorem 3.7 above U⁺)");
        if (aboveExpands) differences.Add("above U⁺ the bid space expands, where Theorem 3.7 has it shrink");
        if (!EndsAtSecondPrice && !EndsAtLottery) differences.Add("U* is reached by an indirect Vickrey auction that is neither the second-price auction (anti-MHR, Prop. 3.12) nor the lottery (MHR)");
        string nearest = GapVertices.Count == 0 ? "Theorem 3.4" : above.Count == 0 || EndsAtSecondPrice ? "Theorem 3.5" : "Theorem 3.7";
        string atomText = !(atom > 0) ? ""
            : $"{(shape.AntiMonotoneHazardRate ? ", but" : ";")} an atom of mass {NumberText.Significant(atom, 3)} at the cap {NumberText.Significant(s.Problem.Market.Distribution.SupportHigh)}{(shape.AntiMonotoneHazardRate ? " makes F not anti-MHR" : "")}";
        string head = covering.Length > 0
            ? $"Covered by {covering} (grid class {shape}{atomText})"
            : $"Outside Theorems 3.4–3.7 (grid class {shape}{atomText})";
        string end = EndsAtLottery ? "the lottery" : EndsAtSecondPrice ? "the second-price auction" : $"an indirect Vickrey auction pooling {NumberText.Significant(Path.SignificantGapMass(Path.Count - 1), 3)} of the quantile mass";
        string verdict = differences.Count == 0
            ? $"Matches {(covering.Length > 0 ? covering : nearest)}."
            : $"Differs from {(covering.Length > 0 ? covering : $"Theorems 3.4–3.7 (nearest: {nearest})")}: {string.Join("; ", differences)}.";
        return $"{head}. Below U⁺ (U⁺/U* = {NumberText.Significant(uPlus / uStar)}): {belowText}. Above U⁺: {aboveText}. U* is reached by {end}. {verdict}";
    }

    /// <summary>One phase of the frontier in words, and whether its bid space neither expands nor shrinks.</summary>
    private (string Text, bool Neither) Phase(List<int> vertices)
    {
        if (vertices.Count == 0) return ("no vertex", false);
        var parts = new List<string>();
        int reserves = vertices.Count(Path.HasSignificantReserve);
        var rising = ReserveIncreases.Where(vertices.Contains).ToList();
        var withReserve = vertices.Where(Path.HasSignificantReserve).ToList();
        parts.Add(reserves == 0 ? $"{vertices.Count} vertices, zero reserve"
            : $"{vertices.Count} vertices, {(reserves == vertices.Count ? "all" : reserves.ToString(System.Globalization.CultureInfo.InvariantCulture))} with a reserve "
              + (rising.Count == 0
                  ? $"falling from {NumberText.Significant(Path.EffectiveReserve(withReserve[0]))} to {NumberText.Significant(Path.EffectiveReserve(withReserve[^1]))}"
                  : $"rising at {rising.Count} steps"));
        int gaps = vertices.Count(Path.HasSignificantGaps);
        parts.Add(gaps == 0 ? "no significant gap"
            : $"significant gaps at {gaps} (pooled mass up to {NumberText.Significant(vertices.Max(Path.SignificantGapMass), 3)}){(Together.Any(vertices.Contains) ? $", {Together.Count(vertices.Contains)} of them with a reserve" : "")}");
        var steps = Steps(vertices);
        int losing = steps.Count(NotExpanding.Contains), gaining = steps.Count(NotShrinking.Contains);
        bool neither = losing > 0 && gaining > 0;
        if (steps.Count > 0)
            parts.Add(losing == 0 && gaining == 0 ? "bid space unchanged"
                : losing == 0 ? "bid space expanding" : gaining == 0 ? "bid space shrinking"
                : $"bid space losing bids at {losing} steps and gaining at {gaining}");
        return (string.Join(", ", parts), neither);
    }

    /// <summary>Steps i (from vertex i − 1 to i) with both ends in <paramref name="vertices"/>.</summary>
    private static List<int> Steps(List<int> vertices) => [.. vertices.Where(i => i > 0 && vertices.Contains(i - 1))];

    private string Shares(IReadOnlyList<int> indices)
    {
        var s = Path.Structure;
        double uStar = s.Problem.OptimalSurplus;
        double from = s.Vertices[indices[0]].Surplus / uStar, to = s.Vertices[indices[^1]].Surplus / uStar;
        return indices.Count == 1 ? $"U/U* = {NumberText.Significant(from)}" : $"U/U* from {NumberText.Significant(from)} to {NumberText.Significant(to)}";
    }
}
