using OrSolver.Core.Mechanisms;
using OrSolver.Core.Numerics;
using OrSolver.Core.Output;

namespace OrSolver.Core.Structures;

/// <summary>One way a frontier departs from what a theorem states about its mechanisms. Validates itself.</summary>
/// <param name="Rule">The part of the statement that fails, in a few words (e.g. "reserve never rises").</param>
/// <param name="Indices">The offending vertices (for a corollary about segments: the segments' left vertices), in
/// increasing U; empty when the departure is about the frontier as a whole (e.g. its buyer-optimal end).</param>
/// <param name="Detail">A sentence with the numbers: what was found where.</param>
public sealed record StructureViolation(string Rule, IReadOnlyList<int> Indices, string Detail)
{
    /// <summary>The rule (see the record's parameter).</summary>
    public string Rule { get; } = !string.IsNullOrWhiteSpace(Rule) ? Rule : throw new ArgumentException("a violation names its rule", nameof(Rule));

    /// <summary>The offending vertices or segments (see the record's parameter).</summary>
    public IReadOnlyList<int> Indices { get; } = Indices ?? throw new ArgumentNullException(nameof(Indices));

    /// <summary>The sentence (see the record's parameter).</summary>
    public string Detail { get; } = !string.IsNullOrWhiteSpace(Detail) ? Detail : throw new ArgumentException("a violation says what was found", nameof(Detail));

    /// <summary>The sentence, <see cref="Detail"/>.</summary>
    public override string ToString() => Detail;
}

/// <summary>What a theorem's statement about the frontier's mechanisms comes to on one grid frontier. Validates itself.</summary>
/// <param name="Claim">The statement checked, e.g. "Theorem 3.4" or "Theorem 3.7 (iii)-(iv)".</param>
/// <param name="Hypothesis">The class the theorem assumes, e.g. "regular and anti-MHR".</param>
/// <param name="Applies">Whether F is in that class on the grid (<see cref="FrontierStructure.Shape"/>); when it is not,
/// the theorem promises nothing and the violations only describe the frontier.</param>
/// <param name="Violations">Every departure from the statement found; empty when the frontier has the stated structure.</param>
public sealed record StructureVerdict(string Claim, string Hypothesis, bool Applies, IReadOnlyList<StructureViolation> Violations)
{
    /// <summary>The statement (see the record's parameter).</summary>
    public string Claim { get; } = !string.IsNullOrWhiteSpace(Claim) ? Claim : throw new ArgumentException("a verdict names its statement", nameof(Claim));

    /// <summary>The class assumed (see the record's parameter).</summary>
    public string Hypothesis { get; } = !string.IsNullOrWhiteSpace(Hypothesis) ? Hypothesis : throw new ArgumentException("a verdict names the class assumed", nameof(Hypothesis));

    /// <summary>The violations (see the record's parameter).</summary>
    public IReadOnlyList<StructureViolation> Violations { get; } = Violations ?? throw new ArgumentNullException(nameof(Violations));

    /// <summary>Whether the frontier has the structure the statement gives (no violation), whether or not F is in the
    /// theorem's class.</summary>
    public bool Holds => Violations.Count == 0;

    /// <summary>"Theorem 3.4 holds (F regular and anti-MHR on the grid)", or the claim and its violations.</summary>
    public override string ToString()
    {
        string scope = Applies ? $"F {Hypothesis} on the grid" : $"F not {Hypothesis} on the grid: the theorem does not apply";
        return Holds ? $"{Claim} holds ({scope})" : $"{Claim} fails ({scope}): {string.Join("; ", Violations)}";
    }
}

/// <summary>Theorem 3.7 and the remark before it on one frontier of an MHR market: the three statements, and how the
/// vertices fall either side of U⁺ (the plain second-price auction's surplus).</summary>
/// <param name="BelowSecondPrice">(i)-(ii): up to U⁺, second-price auctions with a reserve at most the monopoly
/// reserve, strictly falling; the plain second-price auction at U⁺ and on the frontier.</param>
/// <param name="AboveSecondPrice">(iii)-(iv): from U⁺ on, zero-reserve indirect Vickrey auctions whose bid space
/// shrinks, ending at the lottery with U* = E[v] − v(1) and Π = v(1).</param>
/// <param name="NoReserveWithGaps">No vertex with both a reserve and a bid-space gap.</param>
/// <param name="WithReserve">Vertices with a reserve, other than the plain second-price auction.</param>
/// <param name="ZeroReserve">Vertices without a reserve, other than the plain second-price auction.</param>
/// <param name="PlainSecondPrice">How many vertices are the plain second-price auction (0 or 1 on a grid).</param>
/// <param name="ClosestBelow">min U⁺ − U over <paramref name="WithReserve"/> (+∞ when empty).</param>
/// <param name="ClosestAbove">min U − U⁺ over <paramref name="ZeroReserve"/> (+∞ when empty).</param>
public sealed record MhrStructure(StructureVerdict BelowSecondPrice, StructureVerdict AboveSecondPrice, StructureVerdict NoReserveWithGaps,
    IReadOnlyList<int> WithReserve, IReadOnlyList<int> ZeroReserve, int PlainSecondPrice, double ClosestBelow, double ClosestAbove)
{
    /// <summary>(i)-(ii) (see the record's parameter).</summary>
    public StructureVerdict BelowSecondPrice { get; } = BelowSecondPrice ?? throw new ArgumentNullException(nameof(BelowSecondPrice));

    /// <summary>(iii)-(iv) (see the record's parameter).</summary>
    public StructureVerdict AboveSecondPrice { get; } = AboveSecondPrice ?? throw new ArgumentNullException(nameof(AboveSecondPrice));

    /// <summary>No reserve with gaps (see the record's parameter).</summary>
    public StructureVerdict NoReserveWithGaps { get; } = NoReserveWithGaps ?? throw new ArgumentNullException(nameof(NoReserveWithGaps));

    /// <summary>How many plain second-price auctions (see the record's parameter).</summary>
    public int PlainSecondPrice { get; } = PlainSecondPrice >= 0 ? PlainSecondPrice : throw new ArgumentOutOfRangeException(nameof(PlainSecondPrice), PlainSecondPrice, "a count is ≥ 0");

    /// <summary>Whether all three statements hold.</summary>
    public bool Holds => BelowSecondPrice.Holds && AboveSecondPrice.Holds && NoReserveWithGaps.Holds;
}

/// <summary>
/// The statements of Theorems 3.4, 3.5 and 3.7 and Corollaries 3.6 and 3.8 about the mechanisms along the frontier,
/// checked on a grid frontier (method.md §7.5): each returns a verdict with the offending vertices and the numbers. On a
/// grid, "the bid space B‡ refines B†" (Def. 2.4) is inclusion of the grid bid points
/// (<see cref="RecoveredMechanism.BidPoints"/>), asserted from each vertex to the next, which by transitivity covers
/// every pair; "zero reserve" is the reserve point at q = 1. Payoffs are compared to
/// <see cref="Tolerances.SolverAgreement"/> at the scale of OPT (1e-9·OPT), the order of U against U⁺ to
/// <see cref="Tolerances.Rounding"/> (around U⁺ the plain second-price auction, tiny reserves and tiny gaps differ by less
/// than 1e-9 in Π and U, so what is checked is the order of the vertices, each classified by its mechanism first).
/// </summary>
public static class TheoremStructure
{
    /// <summary>Theorem 3.4 (regular and anti-MHR F): every vertex is a second-price auction (no bid-space gap) with a
    /// reserve at most the lowest monopoly reserve, and the reserve never rises as U grows.</summary>
    public static StructureVerdict Theorem34(FrontierStructure structure)
    {
        ArgumentNullException.ThrowIfNull(structure);
        var mechanisms = structure.Mechanisms;
        var found = new Findings();
        found.Vertices("second-price auctions", [.. Enumerable.Range(0, mechanisms.Count)
            .Where(i => mechanisms[i].Gaps.Count > 0 || mechanisms[i].Kind is not (MechanismKind.SecondPrice or MechanismKind.SecondPriceWithReserve))],
            list => $"vertices {list} are not second-price auctions (without a bid-space gap)");
        found.Vertices("reserve never rises", structure.ReserveIncreases(), list => $"the reserve rises at vertices {list}");
        found.Vertices("reserve at most the monopoly reserve", structure.ReserveAboveMonopoly(),
            list => $"the reserve is above the monopoly reserve {NumberText.Significant(structure.Problem.Monopoly.Reserve)} at vertices {list}");
        var shape = structure.Shape;
        return found.Verdict("Theorem 3.4", "regular and anti-MHR", shape.Regular && shape.AntiMonotoneHazardRate);
    }

    /// <summary>
    /// Theorem 3.5 (i) (anti-MHR F): every vertex is one indirect Vickrey auction (not a randomisation) with a reserve at
    /// most the lowest monopoly reserve, realised by its own rules (up to <paramref name="reevaluated"/> vertices,
    /// evenly spread, re-evaluated: <see cref="MechanismPath.Reevaluate"/>); the frontier runs from the monopoly reserve at
    /// the Myerson vertex to the second-price auction's (Π, U) at U* (Prop. 3.12).
    /// </summary>
    /// <param name="path">The frontier's mechanisms.</param>
    /// <param name="reevaluated">How many vertices to re-evaluate from their rules. Range: ≥ 1.</param>
    public static StructureVerdict Theorem35Extreme(MechanismPath path, int reevaluated)
    {
        ArgumentNullException.ThrowIfNull(path);
        var structure = path.Structure;
        var (problem, mechanisms) = (structure.Problem, structure.Mechanisms);
        var last = structure.Vertices[^1];
        var values = Tolerances.SolverAgreement.AtScale(structure.Scale);
        var found = new Findings();
        found.Vertices("single auctions", [.. Enumerable.Range(0, mechanisms.Count).Where(i => mechanisms[i].Kind == MechanismKind.Randomization)],
            list => $"vertices {list} are not single auctions");
        found.Vertices("reserve at most the monopoly reserve", structure.ReserveAboveMonopoly(),
            list => $"the reserve is above the monopoly reserve {NumberText.Significant(problem.Monopoly.Reserve)} at vertices {list}");
        var reevaluation = path.Reevaluate(reevaluated);
        found.Require(reevaluation.Worst <= values.Relative, "realised by the auction's rules", [],
            $"an auction re-evaluated from its rules is off its vertex by {NumberText.Significant(reevaluation.Worst)}·OPT");
        var spa = problem.SecondPrice;
        found.Require(values.Close(spa.Surplus, last.Surplus) && values.Close(spa.Revenue, last.Revenue), "U* at the second-price auction", [mechanisms.Count - 1],
            $"the U* end (Π, U) = ({NumberText.Significant(last.Revenue, 9)}, {NumberText.Significant(last.Surplus, 9)}) is not the second-price auction's ({NumberText.Significant(spa.Revenue, 9)}, {NumberText.Significant(spa.Surplus, 9)})");
        found.Require(values.Close(mechanisms[0].Reserve, problem.Monopoly.Reserve), "Myerson vertex at the monopoly reserve", [0],
            $"the Myerson vertex's reserve {NumberText.Significant(mechanisms[0].Reserve)} is not the monopoly reserve {NumberText.Significant(problem.Monopoly.Reserve)}");
        return found.Verdict("Theorem 3.5 (i)", "anti-MHR", structure.Shape.AntiMonotoneHazardRate);
    }

    /// <summary>Theorem 3.5 (ii) (anti-MHR F): from every vertex to the next the reserve does not rise and the bid space
    /// expands (every grid bid of the lower-U auction stays allowed).</summary>
    public static StructureVerdict Theorem35Order(MechanismPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var structure = path.Structure;
        var found = new Findings();
        found.Vertices("reserve never rises", structure.ReserveIncreases(), list => $"the reserve rises at vertices {list}");
        var notExpanding = path.NotExpanding(Enumerable.Range(1, Math.Max(0, path.Count - 1)), significantOnly: false);
        found.Vertices("bid space expands", notExpanding,
            list => $"the bid space does not contain the previous vertex's at vertices {list} ({path.NotExpanding(notExpanding, significantOnly: true).Count} of them with significant gaps only)");
        return found.Verdict("Theorem 3.5 (ii)", "anti-MHR", structure.Shape.AntiMonotoneHazardRate);
    }

    /// <summary>Corollary 3.6 (anti-MHR F): the middle of every segment is a randomisation 0 &lt; ν &lt; 1 of two auctions
    /// (LP, hull and re-evaluated auctions agreeing: <see cref="SegmentPrerequisites"/>) whose reserves are ordered
    /// (r‡ ≤ r† ≤ monopoly reserve) and whose bid spaces are nested, the higher-U auction's refining the lower-U one's.</summary>
    public static StructureVerdict Corollary36(FrontierStructure structure, IReadOnlyList<SegmentPoint> points)
    {
        ArgumentNullException.ThrowIfNull(structure);
        ArgumentNullException.ThrowIfNull(points);
        var found = new Findings();
        SegmentPrerequisites(structure, points, found);
        foreach (var point in points.Where(p => p.Randomises))
        {
            var (first, second) = point.Pair!.Value;
            found.Require(second.Reserve <= first.Reserve && Tolerances.SolverAgreement.AtMost(first.Reserve, structure.Problem.Monopoly.Reserve),
                "reserves ordered", [point.Segment],
                $"segment {point.Segment}: reserves {NumberText.Significant(first.Reserve)} then {NumberText.Significant(second.Reserve)} (monopoly reserve {NumberText.Significant(structure.Problem.Monopoly.Reserve)})");
            found.Require(first.BidPoints().IsSubsetOf(second.BidPoints()), "bid spaces nested", [point.Segment],
                $"segment {point.Segment}: the higher-U auction's bid space does not refine the lower-U one's");
        }
        return found.Verdict("Corollary 3.6", "anti-MHR", structure.Shape.AntiMonotoneHazardRate);
    }

    /// <summary>
    /// Theorem 3.7 (MHR F), each vertex classified by its mechanism and then its U compared with U⁺: (i)-(ii) every vertex
    /// with a reserve is a second-price auction at U ≤ U⁺ with a reserve at most the monopoly reserve, strictly below the
    /// previous vertex's, the plain second-price auction sits at U⁺ and is on the frontier; (iii)-(iv) every zero-reserve
    /// vertex is an indirect Vickrey auction (or the lottery) at U ≥ U⁺, each one's bids a subset of the previous
    /// zero-reserve vertex's, the last the lottery with U* = E[v] − v(1) (E[v] from <see cref="Distributions.IValueDistribution.Mean"/>,
    /// to <see cref="Tolerances.ClosedForm"/>) and Π = v(1); and no vertex has both a reserve and a bid-space gap.
    /// </summary>
    public static MhrStructure Theorem37(MechanismPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var structure = path.Structure;
        var problem = structure.Problem;
        var mechanisms = structure.Mechanisms;
        var vertices = structure.Vertices;
        var values = Tolerances.SolverAgreement.AtScale(structure.Scale);
        var rounding = structure.Rounding;
        double uPlus = structure.SecondPriceSurplus;
        var (below, above, together) = (new Findings(), new Findings(), new Findings());
        var (withReserve, zeroReserve) = (new List<int>(), new List<int>());
        int secondPrice = 0;
        double closestBelow = double.PositiveInfinity, closestAbove = double.PositiveInfinity;
        for (int i = 0; i < vertices.Count; i++)
        {
            var mechanism = mechanisms[i];
            string at = $"vertex {i} ({mechanism.KindName}, U = {NumberText.Significant(vertices[i].Surplus, 10)}, U⁺ = {NumberText.Significant(uPlus, 10)})";
            together.Require(!(structure.HasReserve(i) && mechanism.Gaps.Count > 0), "no reserve with gaps", [i],
                $"{at}: reserve {NumberText.Significant(mechanism.Reserve)} and {mechanism.Gaps.Count} gaps");
            if (mechanism.Kind == MechanismKind.SecondPrice)
            {
                secondPrice++;
                below.Require(values.Close(vertices[i].Surplus, uPlus), "second-price auction at U⁺", [i], $"{at}: the plain second-price auction away from U⁺");
            }
            else if (structure.HasReserve(i))
            {
                withReserve.Add(i);
                closestBelow = Math.Min(closestBelow, uPlus - vertices[i].Surplus);
                below.Require(rounding.AtMost(vertices[i].Surplus, uPlus), "reserves below U⁺", [i], $"{at}: a reserve above U⁺");
                below.Require(mechanism.Kind == MechanismKind.SecondPriceWithReserve, "second-price auctions below U⁺", [i], $"{at}: not a second-price auction with a reserve");
                below.Require(Tolerances.SolverAgreement.AtMost(mechanism.Reserve, problem.Monopoly.Reserve), "reserve at most the monopoly reserve", [i],
                    $"{at}: reserve {NumberText.Significant(mechanism.Reserve)} above the monopoly reserve {NumberText.Significant(problem.Monopoly.Reserve)}");
                below.Require(i == 0 || mechanism.Reserve < mechanisms[i - 1].Reserve, "reserve falls", [i], $"{at}: the reserve did not fall");
            }
            else
            {
                zeroReserve.Add(i);
                closestAbove = Math.Min(closestAbove, vertices[i].Surplus - uPlus);
                above.Require(rounding.AtMost(uPlus, vertices[i].Surplus), "zero reserve above U⁺", [i], $"{at}: zero reserve below U⁺");
                above.Require(mechanism.Kind is MechanismKind.IndirectVickrey or MechanismKind.Lottery, "indirect Vickrey auctions above U⁺", [i],
                    $"{at}: not an indirect Vickrey auction with zero reserve");
            }
        }
        // From each zero-reserve vertex to the next the bid space shrinks (the first one after U⁺ follows the plain
        // second-price auction or a vertex with a reserve, whose bid space is not compared).
        var notShrinking = path.NotShrinking(zeroReserve.Where(i => i > 0 && !structure.HasReserve(i - 1)), significantOnly: false);
        above.Vertices("bid space shrinks", notShrinking, list => $"the bid space grows at zero-reserve vertices {list}");
        double frontierAtUPlus = structure.Frontier.Locate(uPlus).Revenue;
        below.Require(values.Close(frontierAtUPlus, problem.SecondPrice.Revenue), "second-price auction on the frontier", [],
            $"the frontier at U⁺ has Π = {NumberText.Significant(frontierAtUPlus, 10)}, the second-price auction {NumberText.Significant(problem.SecondPrice.Revenue, 10)}");
        int last = vertices.Count - 1;
        double lowest = structure.LowestValue, mean = problem.Market.Distribution.Mean;
        above.Require(mechanisms[last].Kind == MechanismKind.Lottery, "ends at the lottery", [last], $"the last vertex is a {mechanisms[last].KindName}, not the lottery");
        above.Require(Tolerances.ClosedForm.Close(vertices[last].Surplus, mean - lowest), "U* = E[v] − v(1)", [last],
            $"U* = {NumberText.Significant(vertices[last].Surplus, 10)}, E[v] − v(1) = {NumberText.Significant(mean - lowest, 10)}");
        above.Require(values.Close(vertices[last].Revenue, lowest), "the lottery's revenue is v(1)", [last],
            $"the lottery's Π = {NumberText.Significant(vertices[last].Revenue)}, v(1) = {NumberText.Significant(lowest)}");
        bool mhr = structure.Shape.MonotoneHazardRate;
        return new MhrStructure(below.Verdict("Theorem 3.7 (i)-(ii)", "MHR", mhr), above.Verdict("Theorem 3.7 (iii)-(iv)", "MHR", mhr),
            together.Verdict("Theorem 3.7 (no reserve with gaps)", "MHR", mhr), withReserve, zeroReserve, secondPrice, closestBelow, closestAbove);
    }

    /// <summary>Corollary 3.8 (MHR F): the middle of every segment above U⁺ is a randomisation 0 &lt; ν &lt; 1 of two
    /// zero-reserve auctions (<see cref="SegmentPrerequisites"/>), the lower-U one's bid space refining the other's.</summary>
    public static StructureVerdict Corollary38(FrontierStructure structure, IReadOnlyList<SegmentPoint> points)
    {
        ArgumentNullException.ThrowIfNull(structure);
        ArgumentNullException.ThrowIfNull(points);
        var found = new Findings();
        SegmentPrerequisites(structure, points, found);
        int cells = structure.Problem.Discretised.Cells;
        foreach (var point in points.Where(p => p.Randomises))
        {
            var (first, second) = point.Pair!.Value;
            found.Require(first.ReservePoint == cells && second.ReservePoint == cells, "zero reserves", [point.Segment], $"segment {point.Segment}: an auction with a reserve");
            found.Require(second.BidPoints().IsSubsetOf(first.BidPoints()), "bid spaces nested", [point.Segment],
                $"segment {point.Segment}: the lower-U auction's bid space does not refine the other's");
        }
        return found.Verdict("Corollary 3.8", "MHR", structure.Shape.MonotoneHazardRate);
    }

    /// <summary>What Cor. 3.6 and 3.8 need of a segment's point before its structure is looked at: the LP optimal and its
    /// point a randomisation of two auctions (0 &lt; ν &lt; 1), the auctions re-evaluated from their rules on the hull, and
    /// the LP not above the hull, each to <see cref="Tolerances.SolverAgreement"/> at OPT's scale. An LP point below the
    /// hull is GLOP stopping short of the optimum (<see cref="SegmentAgreement"/> reports it), not a failure of the
    /// corollary.</summary>
    private static void SegmentPrerequisites(FrontierStructure structure, IReadOnlyList<SegmentPoint> points, Findings found)
    {
        double relative = Tolerances.SolverAgreement.Relative;
        foreach (var point in points)
        {
            string at = $"segment {point.Segment}";
            double gap = point.MechanismGap(structure.Scale), shortfall = point.LpShortfall(structure.Scale);
            if (!point.Randomises) found.Fail("a randomisation of two auctions", [point.Segment], $"{at}: {point.Solve.Status}, not a randomisation of two auctions");
            else if (!(gap <= relative))
                found.Fail("auctions on the hull", [point.Segment], $"{at}: the auctions re-evaluated from their rules are {NumberText.Significant(gap, 2)}·OPT off the hull");
            else if (shortfall < -relative)
                found.Fail("LP not above the hull", [point.Segment], $"{at}: the LP's Π is {NumberText.Significant(-shortfall, 2)}·OPT above the hull optimum");
        }
    }

    /// <summary>The violations found so far for one verdict.</summary>
    private sealed class Findings
    {
        private readonly List<StructureViolation> _violations = [];

        public void Fail(string rule, IReadOnlyList<int> indices, string detail) => _violations.Add(new StructureViolation(rule, indices, detail));

        public void Require(bool holds, string rule, IReadOnlyList<int> indices, string detail)
        {
            if (!holds) Fail(rule, indices, detail);
        }

        /// <summary>One violation listing <paramref name="indices"/>, when there are any.</summary>
        public void Vertices(string rule, IReadOnlyList<int> indices, Func<string, string> detail)
        {
            if (indices.Count > 0) Fail(rule, indices, detail(NumberText.Indices(indices)));
        }

        public StructureVerdict Verdict(string claim, string hypothesis, bool applies) => new(claim, hypothesis, applies, [.. _violations]);
    }
}
