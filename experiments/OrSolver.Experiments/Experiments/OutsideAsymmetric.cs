using System.Diagnostics;
using CsvHelper;
using OrSolver.Core.Classes;
using OrSolver.Core.Distributions;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.Numerics;
using OrSolver.Core.Pareto;
using OrSolver.Experiments.Analysis;
using OrSolver.Plots;

namespace OrSolver.Experiments.Experiments;

/// <summary>One market of the asymmetric study: its frontier's size and kinds, where reserves rise, the landmarks' welfare,
/// the best anonymous second-price auction against the frontier, and the checks of every vertex of the exact frontier
/// (route lagrangian+auction: each vertex's mechanism re-evaluated from its rules), summarised in one row.</summary>
[CsvRecord]
public sealed partial record AsymmetricMarketRow(
    [property: CsvColumn("group")] string Group,
    [property: CsvColumn("market")] string Market,
    [property: CsvColumn("buyers")] long Buyers,
    [property: CsvColumn("grid")] int Grid,
    [property: CsvColumn("opt")] double OptimalWelfare,
    [property: CsvColumn("optimal_revenue")] double OptimalRevenue,
    [property: CsvColumn("optimal_surplus")] double OptimalSurplus,
    [property: CsvColumn("myerson_surplus")] double MyersonSurplus,
    [property: CsvColumn("second_price_surplus")] double SecondPriceSurplus,
    [property: CsvColumn("vertices")] int Vertices,
    [property: CsvColumn("kinds")] string Kinds,
    [property: CsvColumn("reserve_rises")] string ReserveRises,
    [property: CsvColumn("reserve_with_pooling")] int ReserveWithPooling,
    [property: CsvColumn("ks_welfare_ratio")] double KalaiSmorodinsky,
    [property: CsvColumn("cross_side_nash_welfare_ratio")] double CrossSideNash,
    [property: CsvColumn("nash_welfare_ratio")] double Nash,
    [property: CsvColumn("nash_below_frontier_share")] double NashBelowFrontier,
    [property: CsvColumn("best_anonymous_reserve")] double BestReserve,
    [property: CsvColumn("best_anonymous_revenue")] double BestRevenue,
    [property: CsvColumn("anonymity_cost_share")] double AnonymityCost,
    [property: CsvColumn("max_revenue_given_up_share")] double MaxGivenUp,
    [property: CsvColumn("max_given_up_reserve")] double MaxGivenUpReserve,
    [property: CsvColumn("auctions_with_rents")] int AuctionsWithRents,
    [property: CsvColumn("largest_total_rent")] double LargestRent,
    [property: CsvColumn("checked_vertices")] int CheckedVertices,
    [property: CsvColumn("check")] string Check,
    [property: CsvColumn("agrees")] bool Agrees,
    [property: CsvColumn("worst_gap")] double WorstGap) : IVerifiedRow;

/// <summary>A checked point of a market's frontier: a landmark (an LP point, route lp+lagrangian+auction) or a point of
/// the evenly spaced sweep of the exact frontier (route lagrangian+auction), with its mechanism's reserves per class and
/// each class's share of sales.</summary>
[CsvRecord]
public sealed partial record AsymmetricPointRow(
    [property: CsvColumn("group")] string Group,
    [property: CsvColumn("market")] string Market,
    [property: CsvColumn("role")] string Role,
    [property: CsvColumn("surplus")] double Surplus,
    [property: CsvColumn("revenue")] double Revenue,
    [property: CsvColumn("welfare")] double Welfare,
    [property: CsvColumn("welfare_ratio")] double WelfareRatio,
    [property: CsvColumn("surplus_share")] double SurplusShare,
    [property: CsvColumn("lambda")] double Lambda,
    [property: CsvColumn("kind")] string Kind,
    [property: CsvColumn("reserves")] string Reserves,
    [property: CsvColumn("pooled")] string Pooled,
    [property: CsvColumn("sales_shares")] string SalesShares,
    [property: CsvColumn("mechanism")] string Mechanism,
    [property: CsvColumn("check")] string Check,
    [property: CsvColumn("agrees")] bool Agrees,
    [property: CsvColumn("worst_gap")] double WorstGap) : IVerifiedRow;

/// <summary>A vertex of a market's exact frontier (an even thinning of the vertex list, first and last included) with its
/// mechanism's kind and reserves and its check (route lagrangian+auction).</summary>
[CsvRecord]
public sealed partial record AsymmetricVertexRow(
    [property: CsvColumn("group")] string Group,
    [property: CsvColumn("market")] string Market,
    [property: CsvColumn("surplus")] double Surplus,
    [property: CsvColumn("revenue")] double Revenue,
    [property: CsvColumn("surplus_share")] double SurplusShare,
    [property: CsvColumn("lambda")] double Lambda,
    [property: CsvColumn("kind")] string Kind,
    [property: CsvColumn("reserves")] string Reserves,
    [property: CsvColumn("pooled")] string Pooled,
    [property: CsvColumn("check")] string Check,
    [property: CsvColumn("agrees")] bool Agrees,
    [property: CsvColumn("worst_gap")] double WorstGap) : IVerifiedRow;

/// <summary>An anonymous second-price auction with reserve r (by quadrature) against the frontier's point at its U net of
/// the lowest types' rents; the check is the frontier point's (its mechanism re-evaluated from its rules).</summary>
[CsvRecord]
public sealed partial record AnonymousAuctionRow(
    [property: CsvColumn("group")] string Group,
    [property: CsvColumn("market")] string Market,
    [property: CsvColumn("reserve")] double Reserve,
    [property: CsvColumn("revenue")] double Revenue,
    [property: CsvColumn("surplus")] double Surplus,
    [property: CsvColumn("welfare")] double Welfare,
    [property: CsvColumn("rents")] string Rents,
    [property: CsvColumn("total_rent")] double TotalRent,
    [property: CsvColumn("outside_class")] bool OutsideClass,
    [property: CsvColumn("surplus_net_of_rents")] double SurplusNetOfRents,
    [property: CsvColumn("revenue_with_rents_charged")] double RevenueWithRentsCharged,
    [property: CsvColumn("frontier_surplus")] double FrontierSurplus,
    [property: CsvColumn("frontier_revenue")] double FrontierRevenue,
    [property: CsvColumn("revenue_given_up")] double RevenueGivenUp,
    [property: CsvColumn("given_up_share")] double GivenUpShare,
    [property: CsvColumn("beyond_frontier")] bool BeyondFrontier,
    [property: CsvColumn("check")] string Check,
    [property: CsvColumn("agrees")] bool Agrees,
    [property: CsvColumn("worst_gap")] double WorstGap) : IVerifiedRow;

/// <summary>
/// Strong against weak buyers, outside the paper's i.i.d. theory (method.md §13.2): markets of two classes of buyers whose
/// values come from different distributions — U[0,1] against U[0,a] (one buyer each, and two weak against one strong)
/// for a = 1 … 4, exponential rates 3 against 1, one Lomax buyer against three uniforms, and a class with a positive
/// lowest value (U[2,3] against U[0,4]). For each market: the exact grid frontier by the Lagrangian route with every
/// vertex's mechanism re-evaluated from its rules; the landmarks (Myerson point, efficient auction, U*, Kalai–Smorodinsky,
/// cross-side Nash) solved by the cutting-plane LP and checked; an evenly spaced sweep of the frontier, each point checked;
/// and the anonymous second-price auctions with reserves from the lowest value to the best one, by quadrature, against
/// the frontier at the same U (AnonymousSecondPrice.Family).
/// <para>
/// At a = 1 the classes share one distribution, the market is i.i.d. and the paper's structures must hold: Theorem 3.7
/// (uniform values are MHR) read off the class mechanisms, the anonymous second-price auctions on the frontier, and
/// Theorems 4.1 (i) and 5.3 (i) with the uniform closed forms. For a &gt; 1 and the other markets the paper claims
/// nothing; what survives of Theorems 3.4–3.7 (the kinds of the vertices' mechanisms, falling reserves, U at Myerson
/// below U⁺) and how far the anonymous auctions and the bargaining solutions fall are reported as findings, the Nash
/// solution Π·∏ u_c^{n_c} (which with unequal classes depends on each class's utility and may leave the (Π, U) frontier)
/// beside KS and cross-side Nash.
/// </para>
/// </summary>
internal sealed class OutsideAsymmetric : Experiment
{
    public override string Id => "outside-asymmetric";

    public override string Title => "Outside the theory: strong against weak buyers (classes with different value distributions)";

    private const string UniformOneOne = "uniform-1v1";
    private const string UniformTwoOne = "uniform-2v1";

    /// <summary>One market: the group it is reported and plotted with, a short label, a two-line tick for the welfare chart,
    /// its classes (weak first), and for the uniform families the strong class's top value a.</summary>
    private sealed record Case(string Group, string Label, string Tick, (long Buyers, string Spec)[] Classes, double StrongTop = double.NaN)
    {
        public ClassMarket Market => ClassMarket.Parse(Classes);

        public string Name => string.Join(" vs ", Classes.Select(c => $"{c.Buyers}×{c.Spec}"));

        public bool Iid => Classes.Select(c => c.Spec).Distinct().Count() == 1;
    }

    private static List<Case> Cases(bool quick)
    {
        double[] oneOne = quick ? [1, 2] : [1, 1.5, 2, 3, 4];
        double[] twoOne = quick ? [1, 3] : [1, 1.5, 2, 3, 4];
        var cases = new List<Case>();
        cases.AddRange(oneOne.Select(a => new Case(UniformOneOne, $"a = {Format.G(a)}", $"1 + 1\na = {Format.G(a)}", [(1, "uniform(0, 1)"), (1, $"uniform(0, {Format.G(a)})")], a)));
        cases.AddRange(twoOne.Select(a => new Case(UniformTwoOne, $"a = {Format.G(a)}", $"2 + 1\na = {Format.G(a)}", [(2, "uniform(0, 1)"), (1, $"uniform(0, {Format.G(a)})")], a)));
        cases.Add(new Case("exponential", "Exp(3) vs Exp(1)", "Exp(3)\nExp(1)", [(1, "exponential(3)"), (1, "exponential(1)")]));
        cases.Add(new Case("lomax", "3 U[0,1] vs Lomax(2)", "3 U[0,1]\nLomax(2)", [(3, "uniform(0, 1)"), (1, "lomax(2, 1)")]));
        cases.Add(new Case("shifted", "U[2,3] vs U[0,4]", "U[2,3]\nU[0,4]", [(1, "uniform(2, 3)"), (1, "uniform(0, 4)")]));
        if (!quick) cases.Add(new Case("shifted", "U[2,3] vs 2 U[0,4]", "U[2,3]\n2 U[0,4]", [(1, "uniform(2, 3)"), (2, "uniform(0, 4)")]));
        return cases;
    }

    /// <summary>Everything measured on one market.</summary>
    private sealed record Measurement(Case Case, int Grid, ClassAnalysis Analysis, ClassFrontierStructure Structure,
        IReadOnlyList<CheckedPoint<ClassMechanism>> Samples, AnonymousReserveFamily<ClassMechanism> Family, IReadOnlyList<PointCheck> FamilyChecks, double Seconds)
    {
        public ClassProblem Problem => Analysis.Problem;

        public double Opt => Problem.OptimalWelfare;

        public CheckedPoint<ClassMechanism> Landmark(PointRole role) => Analysis.Landmark(role);

        /// <summary>The family's auctions whose U lies on the frontier (not beyond U*).</summary>
        public IEnumerable<AnonymousReservePoint<ClassMechanism>> Compared => Family.Points.Where(p => !p.BeyondFrontier);

        /// <summary>Π* − Π of the best anonymous auction over Π*: what anonymity costs the revenue-maximising seller.</summary>
        public double AnonymityCost => (Problem.OptimalRevenue - Family.Best.Revenue) / Problem.OptimalRevenue;

        /// <summary>The auction of the family that gives up the most revenue against the frontier.</summary>
        public AnonymousReservePoint<ClassMechanism> WorstAuction => Compared.MaxBy(p => p.RevenueGivenUp) ?? Family.Points[^1];

        public PointCheck VertexChecks => Summary(Analysis.Vertices.Select(v => v.Check));

        public double WelfareRatio(PointRole role) => Analysis.WelfareRatio(Landmark(role));

        /// <summary>How far the Nash point Π·∏ u_c^(n_c) lies below the (Π, U) frontier at its U, as a share of Π*: 0 for one
        /// class, positive when it gives up revenue to raise a weak class's utility.</summary>
        public double NashBelowFrontier
        {
            get
            {
                var nash = Landmark(PointRole.Nash);
                return (Analysis.Frontier.At(nash.Surplus).Revenue - nash.Revenue) / Problem.OptimalRevenue;
            }
        }

        /// <summary>Vertices beyond U⁺ (the efficient auction's U), at the solver's tolerance.</summary>
        public int AboveSecondPrice => Structure.Vertices.Count(v => !Tolerances.SolverAgreement.AtScale(Opt).AtMost(v.Surplus, Structure.SecondPriceSurplus));

        /// <summary>Each class's share of sales at U*, from its mechanism re-evaluated.</summary>
        public IReadOnlyList<double> SurplusOptimalShares => ClassFrontierStructure.SalesShares(Landmark(PointRole.SurplusOptimal).Mechanism!.Evaluate());
    }

    public override void Run(ExperimentContext context)
    {
        int grid = context.Choose(60, 400);
        int samples = context.Choose(5, 11);
        int auctions = context.Choose(11, 21);
        var cases = Cases(context.Quick);
        var all = context.Map(cases, (market, solver) =>
        {
            var measurement = Measure(market, grid, samples, auctions, solver);
            context.Log($"{market.Name}: {measurement.Structure.Vertices.Count} vertices, {measurement.Seconds:0.0} s");
            return measurement;
        }).ToList();

        context.WriteCsv("markets.csv", all.Select(MarketRow));
        context.WriteCsv("points.csv", all.SelectMany(PointRows));
        context.WriteCsv("vertices.csv", all.SelectMany(m => VertexRows(m, context.Choose(30, 100))));
        context.WriteCsv("anonymous.csv", all.SelectMany(AuctionRows));

        var plots = new Plots(context, all);
        string setting = $"two classes per market, each on its own graded grid of m = {grid} cells; exact grid frontier by the Lagrangian route, "
            + $"every vertex's mechanism re-evaluated from its rules; landmarks, KS and cross-side Nash solved by the cutting-plane LP and checked, the Nash product by successive LPs with its per-class Lagrangian check; "
            + $"{samples} evenly spaced frontier points checked; {auctions} anonymous second-price auctions by quadrature";
        IidClaims(context, all.Where(m => m.Case.Iid).ToList(), setting, plots);
        foreach (var group in all.Where(m => !m.Case.Iid).GroupBy(m => m.Case.Group))
            GroupClaim(context, [.. group], all, setting, plots);
        SurvivalClaim(context, all.Where(m => !m.Case.Iid).ToList(), setting, plots);
    }

    private static Measurement Measure(Case market, int grid, int samples, int auctions, ILinearSolver solver)
    {
        var clock = Stopwatch.StartNew();
        var classes = market.Market;
        // Landmarks, KS and cross-side Nash by the LP, Nash by successive LPs; the sweep on the exact frontier (each point checked without an LP).
        var analysis = ClassAnalysis.Run(classes, new ClassOptions { Grid = grid, Sweep = false, CheckVertices = true }, solver);
        var structure = new ClassFrontierStructure(analysis.Problem, analysis.Frontier);
        var sweep = ClassAnalysis.FrontierSamples(analysis.Problem, analysis.Frontier, samples);
        var family = AnonymousSecondPrice.Family(classes, analysis.Frontier, auctions);
        var checks = family.Points.Select(p => CheckFrontierPoint(analysis.Problem, analysis.Frontier, p.Frontier)).ToList();
        return new Measurement(market, grid, analysis, structure, sweep, family, checks, clock.Elapsed.TotalSeconds);
    }

    private static PointCheck CheckFrontierPoint(ClassProblem problem, ParetoFrontier<ClassMechanism> frontier, ParetoPoint<ClassMechanism> point)
        => ClassDualityChecker.CheckMechanism(problem, frontier.MechanismOf(point), point.Revenue, point.Surplus, point.Lambda);

    private static PointCheck Summary(IEnumerable<PointCheck> checks)
    {
        var summary = CheckSummary.Of(checks);
        return new PointCheck(summary.Check, double.NaN, null, 0, 0, summary.WorstGap, summary.Agrees, null);
    }

    // ---- CSV rows -------------------------------------------------------------------------------------------------

    private static AsymmetricMarketRow MarketRow(Measurement m)
    {
        var problem = m.Problem;
        var checks = m.VertexChecks;
        var worst = m.WorstAuction;
        return new AsymmetricMarketRow(m.Case.Group, m.Case.Name, problem.Grids.Market.TotalBuyers, m.Grid, m.Opt, problem.OptimalRevenue, problem.OptimalSurplus,
            problem.MyersonSurplus, m.Structure.SecondPriceSurplus, m.Structure.Vertices.Count, KindsText(m.Structure, withLambda: false),
            string.Join(";", Enumerable.Range(0, problem.Grids.Count).Select(c => m.Structure.ReserveIncreases(c).Count)), m.Structure.ReserveWithPooling().Count,
            m.WelfareRatio(PointRole.KalaiSmorodinsky), m.WelfareRatio(PointRole.CrossSideNash), m.WelfareRatio(PointRole.Nash), m.NashBelowFrontier,
            m.Family.Best.Reserves[0], m.Family.Best.Revenue, m.AnonymityCost, worst.RevenueGivenUp / problem.OptimalRevenue, worst.Reserve,
            m.Family.Points.Count(p => p.Outcome.OutsideClass), m.Family.Points.Max(p => p.Outcome.TotalRent),
            m.Analysis.Vertices.Count, checks.Route, checks.Agrees, checks.WorstGap);
    }

    private static IEnumerable<AsymmetricPointRow> PointRows(Measurement m)
    {
        foreach (var point in m.Analysis.Landmarks.Concat(m.Samples))
        {
            var mechanism = point.Mechanism;
            var columns = mechanism?.ColumnValues() ?? ["", ""];
            yield return new AsymmetricPointRow(m.Case.Group, m.Case.Name, point.Role.Name, point.Surplus, point.Revenue, point.Welfare, point.Welfare / m.Opt,
                point.Surplus / m.Problem.OptimalSurplus, point.Lambda, mechanism?.KindName ?? "", columns[0], columns[1],
                mechanism is null ? "" : SharesText(mechanism), mechanism?.Describe() ?? "", point.Check.Route, point.Check.Agrees, point.Check.WorstGap);
        }
    }

    private static IEnumerable<AsymmetricVertexRow> VertexRows(Measurement m, int count)
    {
        var vertices = m.Analysis.Vertices;
        foreach (int i in EvenSample.Indices(vertices.Count, count))
        {
            var v = vertices[i];
            var mechanism = v.Mechanism!;
            var columns = mechanism.ColumnValues();
            yield return new AsymmetricVertexRow(m.Case.Group, m.Case.Name, v.Surplus, v.Revenue, v.Surplus / m.Problem.OptimalSurplus, mechanism.Lambda,
                mechanism.KindName, columns[0], columns[1], v.Check.Route, v.Check.Agrees, v.Check.WorstGap);
        }
    }

    private static IEnumerable<AnonymousAuctionRow> AuctionRows(Measurement m)
    {
        for (int i = 0; i < m.Family.Points.Count; i++)
        {
            var p = m.Family.Points[i];
            var o = p.Outcome;
            var check = m.FamilyChecks[i];
            double givenUp = p.BeyondFrontier ? double.NaN : p.RevenueGivenUp;
            yield return new AnonymousAuctionRow(m.Case.Group, m.Case.Name, p.Reserve, o.Revenue, o.Surplus, o.Welfare, string.Join(";", o.Rents.Select(r => Format.G(r, 6))),
                o.TotalRent, o.OutsideClass, o.SurplusNetOfRents, o.RevenueWithRentsCharged, p.Frontier.Surplus, p.Frontier.Revenue, givenUp,
                givenUp / m.Problem.OptimalRevenue, p.BeyondFrontier, check.Route, check.Agrees, check.WorstGap);
        }
    }

    // ---- claims ---------------------------------------------------------------------------------------------------

    /// <summary>The three claims of the paper that one distribution in two classes must meet (a = 1).</summary>
    private static void IidClaims(ExperimentContext context, List<Measurement> iid, string setting, Plots plots)
    {
        string iidSetting = $"{string.Join("; ", iid.Select(m => m.Case.Name))} (one distribution in two classes: {string.Join(", ", iid.Select(m => $"{m.Problem.Grids.Market.TotalBuyers}"))} i.i.d. buyers); {setting}";
        var structure = new ClaimEvidence();
        var auctions = new ClaimEvidence();
        var welfare = new ClaimEvidence();
        foreach (var m in iid)
        {
            string label = m.Case.Name;
            StructureEvidence(structure, m, label);
            AuctionEvidence(auctions, m, label);
            WelfareEvidence(welfare, m, label);
        }
        structure.Record(context, "Theorem 3.7 (two classes of one distribution)",
            "For i.i.d. MHR values (uniform), the frontier's extreme points are second-price auctions with one reserve at most the monopoly reserve, falling as U grows, up to U⁺ (the second-price auction), and zero-reserve indirect Vickrey auctions above it (for uniform values only the lottery); never a reserve with a pooled interval; U at Myerson ≤ U⁺.",
            iidSetting,
            "Every vertex's mechanism, read off the class market, is a second-price auction with one reserve (no class-specific reserve, no ironed score) at U ≤ U⁺ or the lottery above it; no class's reserve ever rises; every vertex's re-evaluation agrees",
            plots.Reserves(UniformOneOne), plots.Reserves(UniformTwoOne));
        auctions.Record(context, "Theorem 3.7 (i) by anonymous auctions (a = 1)",
            "For i.i.d. MHR values the frontier from the Myerson point to U⁺ is run by second-price auctions with a reserve: every anonymous reserve between the lowest value and the monopoly reserve 1/2 gives a frontier point, the monopoly reserve the revenue optimum Π*.",
            $"{iidSetting}; the grid frontier lies below the continuous one (its mechanisms are a subset), so frontier Π(U) − auction Π must be ≤ 0 up to the quadrature's accuracy (1e-10 of OPT); best reserve and Π* against the closed forms 1/2 and 2n(1 − 2^(−n−1))/(n + 1) − (1 − 2^(−n))",
            "No anonymous auction lies below the frontier, the best reserve is the monopoly reserve and earns the closed-form Π*",
            plots.RevenueGivenUp, plots.Frontiers(UniformOneOne), plots.Frontiers(UniformTwoOne));
        welfare.Record(context, "Theorems 4.1 (i) and 5.3 (i) (a = 1)",
            "For any i.i.d. F the KS and cross-side Nash solutions keep at least half of OPT; for n uniform buyers (method.md §14) KS has W/OPT = (1/2 + Π*)/((1 + Π*)·n/(n + 1)) (n ≥ 2), cross-side Nash is the second-price auction for n = 2 and (1/2, 1/4) for n ≥ 3, and the Nash solution is (Π, U) = (1/(n + 1), n/(2(n + 1))), W/OPT = (n + 2)/(2n).",
            $"{iidSetting}; W/OPT against the closed forms to {Format.G(Tolerances.GridWelfareRatio.Absolute, 1)} (the grid's accuracy for a welfare ratio); the Nash solution of the class market, Π·∏ u_c^(n_c), is the i.i.d. one when the classes share F.",
            "KS, Nash and cross-side Nash meet the closed forms and stay above 1/2",
            plots.Welfare);
    }

    private static void StructureEvidence(ClaimEvidence evidence, Measurement m, string label)
    {
        var s = m.Structure;
        var rounding = Tolerances.SolverAgreement.AtScale(m.Opt);
        double uPlus = s.SecondPriceSurplus;
        var allowed = new[] { ClassMechanismKind.SecondPrice, ClassMechanismKind.SecondPriceWithReserve, ClassMechanismKind.IndirectVickrey };
        foreach (var kind in s.KindCounts.Keys.Where(k => !allowed.Contains(k)))
            evidence.Fail($"{label}: {s.KindCounts[kind]} vertices are {Name(kind)}s");
        for (int c = 0; c < m.Problem.Grids.Count; c++)
        {
            var rises = s.ReserveIncreases(c);
            evidence.Require(rises.Count == 0, $"{label}: class {c + 1}'s reserve rises at {rises.Count} vertices (first at U = {(rises.Count > 0 ? Format.G(s.Vertices[rises[0]].Surplus) : "")})");
            double monopoly = MonopolyPrice.Find(m.Problem.Grids.Market.Classes[c].Distribution).Reserve;
            evidence.Require(Tolerances.Rounding.Close(monopoly, s.Mechanisms[0].Classes[c].Reserve),
                $"{label}: class {c + 1}'s reserve at the Myerson point is {Format.G(s.Mechanisms[0].Classes[c].Reserve)}, not the monopoly reserve {Format.G(monopoly)}");
        }
        foreach (int i in s.OfKind(ClassMechanismKind.SecondPriceWithReserve).Where(i => !rounding.AtMost(s.Vertices[i].Surplus, uPlus)))
            evidence.Fail($"{label}: a second-price auction with a reserve at U = {Format.G(s.Vertices[i].Surplus, 8)} > U⁺ = {Format.G(uPlus, 8)}");
        foreach (int i in s.OfKind(ClassMechanismKind.IndirectVickrey))
        {
            evidence.Require(rounding.AtMost(uPlus, s.Vertices[i].Surplus), $"{label}: an indirect Vickrey auction at U = {Format.G(s.Vertices[i].Surplus, 8)} < U⁺");
            evidence.Require(Enumerable.Range(0, m.Problem.Grids.Count).All(c => !s.HasReserve(i, c)), $"{label}: an indirect Vickrey auction with a reserve at U = {Format.G(s.Vertices[i].Surplus)}");
        }
        int above = s.Vertices.Count(v => !rounding.AtMost(v.Surplus, uPlus));
        evidence.Require(above == 1 && s.Mechanisms[^1].Kind == ClassMechanismKind.IndirectVickrey, $"{label}: {above} vertices above U⁺, the last a {s.Mechanisms[^1].KindName} (the lottery alone expected)");
        evidence.Require(s.ReserveWithPooling().Count == 0, $"{label}: a reserve with a pooled interval at {s.ReserveWithPooling().Count} vertices");
        evidence.Require(m.Problem.MyersonSurplus <= uPlus, $"{label}: U at Myerson {Format.G(m.Problem.MyersonSurplus)} > U⁺ {Format.G(uPlus)}");
        evidence.Require(Tolerances.ClosedForm.Close(0.5, m.Problem.OptimalSurplus), $"{label}: U* = {Format.G(m.Problem.OptimalSurplus, 8)}, the lottery's E[v] = 1/2 expected");
        var checks = m.VertexChecks;
        evidence.Require(checks.Agrees, $"{label}: a vertex's re-evaluation failed its check");
        var reserved = s.OfKind(ClassMechanismKind.SecondPriceWithReserve);
        evidence.Measured($"{label}: {s.Vertices.Count} vertices ({KindsText(s, withLambda: false)}), reserve {Format.G(s.Mechanisms[0].Classes[0].Reserve)} → "
            + $"{Format.G(reserved.Count > 0 ? s.Mechanisms[reserved[^1]].Classes[0].Reserve : double.NaN, 3)} at U ≤ U⁺, U_Mye/U⁺ = {Format.G(m.Problem.MyersonSurplus / uPlus, 4)}, "
            + $"U* = {Format.G(m.Problem.OptimalSurplus, 7)}, {m.Analysis.Vertices.Count} re-evaluated to {Format.G(checks.WorstGap, 2)}·OPT");
    }

    private static void AuctionEvidence(ClaimEvidence evidence, Measurement m, string label)
    {
        long n = m.Problem.Grids.Market.TotalBuyers;
        double revenue = UniformOptimalRevenue(n);
        var quadrature = Tolerances.AuctionQuadrature.AtScale(m.Opt);
        var compared = m.Compared.ToList();
        foreach (var p in compared.Where(p => !quadrature.AtMost(p.Frontier.Revenue, p.Outcome.RevenueWithRentsCharged)))
            evidence.Fail($"{label}: the anonymous reserve {Format.G(p.Reserve)} lies {Format.G(p.RevenueGivenUp / m.Opt, 3)}·OPT below the frontier");
        evidence.Require(compared.Count == m.Family.Points.Count, $"{label}: {m.Family.Points.Count - compared.Count} auctions beyond the grid frontier's U*");
        evidence.Require(Tolerances.OptimisedReserve.Close(0.5, m.Family.Best.Reserves[0]), $"{label}: best anonymous reserve {Format.G(m.Family.Best.Reserves[0], 8)}, not 1/2");
        evidence.Require(Tolerances.AuctionQuadrature.Close(revenue, m.Family.Best.Revenue), $"{label}: best anonymous revenue {Format.G(m.Family.Best.Revenue, 10)}, closed form {Format.G(revenue, 10)}");
        evidence.Require(Tolerances.AuctionQuadrature.AtScale(m.Opt).AtMost(m.Problem.OptimalRevenue, revenue), $"{label}: the grid's Π* {Format.G(m.Problem.OptimalRevenue, 10)} above the closed form {Format.G(revenue, 10)}");
        evidence.Require(m.Family.Points.All(p => !p.Outcome.OutsideClass), $"{label}: an auction leaves a lowest type a rent");
        evidence.Require(m.FamilyChecks.All(c => c.Agrees), $"{label}: a frontier point's re-evaluation failed its check");
        double lowest = compared.Min(p => p.RevenueGivenUp), highest = compared.Max(p => p.RevenueGivenUp);
        evidence.Measured($"{label}: {compared.Count} reserves from 0 to {Format.G(m.Family.Best.Reserves[0])}, frontier − auction between {Format.G(lowest / m.Opt, 2)} and "
            + $"{Format.G(highest / m.Opt, 2)} of OPT (the grid frontier's own lag), best Π = {Format.G(m.Family.Best.Revenue, 8)} (closed form {Format.G(revenue, 8)}, grid Π* {Format.G(m.Problem.OptimalRevenue, 8)})");
    }

    /// <summary>Π* of n i.i.d. U[0,1] buyers (method.md §14): 2n(1 − 2^{−(n+1)})/(n + 1) − (1 − 2^{−n}), reached by the
    /// second-price auction with the monopoly reserve 1/2.</summary>
    private static double UniformOptimalRevenue(long n) => 2.0 * n * (1 - Math.Pow(2, -(n + 1))) / (n + 1) - (1 - Math.Pow(2, -n));

    private static void WelfareEvidence(ClaimEvidence evidence, Measurement m, string label)
    {
        long n = m.Problem.Grids.Market.TotalBuyers;
        double optimalRevenue = UniformOptimalRevenue(n);
        double opt = n / (n + 1.0);
        double ks = (0.5 + optimalRevenue) / (1 + optimalRevenue) / opt;
        // n = 2: along the reserve path Π(r) = 1/3 + r² − 4r³/3, U(r) = 1/3 − r² + 2r³/3, so Π·U = 1/9 − 2r³/9 + O(r⁴) falls from
        // r = 0, and above U⁺ = 1/3 the segment Π = 1 − 2U peaks at U = 1/4 < U⁺: the second-price auction, W = OPT.
        double crossSide = n == 2 ? 1 : 0.75 / opt;
        double measuredKs = m.WelfareRatio(PointRole.KalaiSmorodinsky), measuredCsn = m.WelfareRatio(PointRole.CrossSideNash);
        double nash = (n + 2.0) / (2 * n), measuredNash = m.WelfareRatio(PointRole.Nash);
        var grid = Tolerances.GridWelfareRatio;
        evidence.Require(grid.Close(nash, measuredNash), $"{label}: Nash W/OPT {Format.G(measuredNash, 6)} against the closed form {Format.G(nash, 6)}");
        evidence.Require(grid.Close(ks, measuredKs), $"{label}: KS W/OPT {Format.G(measuredKs, 6)} against the closed form {Format.G(ks, 6)}");
        evidence.Require(grid.Close(crossSide, measuredCsn), $"{label}: cross-side Nash W/OPT {Format.G(measuredCsn, 6)} against the closed form {Format.G(crossSide, 6)}");
        evidence.Require(grid.AtMost(0.5, measuredKs) && grid.AtMost(0.5, measuredCsn), $"{label}: below 1/2");
        evidence.Require(m.Analysis.Landmarks.All(p => p.Check.Agrees), $"{label}: a landmark's check failed");
        evidence.Measured($"{label} (n = {n}): KS {Format.G(measuredKs, 5)} (closed form {Format.G(ks, 5)}), Nash {Format.G(measuredNash, 5)} (closed form {Format.G(nash, 5)}), cross-side Nash {Format.G(measuredCsn, 5)} (closed form {Format.G(crossSide, 5)})");
    }

    /// <summary>One group of markets outside the theory (a family of uniform markets, or one kind of market); a uniform
    /// family also gets its trend in a, from the i.i.d. market a = 1 on.</summary>
    private static void GroupClaim(ExperimentContext context, List<Measurement> group, List<Measurement> all, string setting, Plots plots)
    {
        var first = group[0];
        string reference = first.Case.Group switch
        {
            UniformOneOne => "Strong against weak: U[0,1] against U[0,a]",
            UniformTwoOne => "Two weak against one strong: 2 × U[0,1] against U[0,a]",
            "exponential" => "Strong against weak: exponential rates 3 and 1",
            "lomax" => "One Lomax buyer against three uniforms",
            _ => "A class with a positive lowest value: U[2,3] against U[0,4]",
        };
        string statement = first.Case.Group switch
        {
            "shifted" => "The paper's model is i.i.d. and every buyer's lowest type has zero utility: it says nothing of a class whose lowest value is above another's, where an anonymous auction leaves that class's lowest type a rent and is outside the mechanisms the frontier is drawn over.",
            _ => "The paper's Theorems 3.4–3.7 and its welfare bounds assume i.i.d. values: with a strong and a weak class it characterises nothing.",
        };
        string measured = string.Join(" ", group.Select(Finding));
        if (double.IsFinite(first.Case.StrongTop))
        {
            var family = all.Where(m => m.Case.Group == first.Case.Group).OrderBy(m => m.Case.StrongTop).ToList();
            string Trend(Func<Measurement, double> value, int digits) => string.Join(" → ", family.Select(m => Format.G(value(m), digits)));
            measured += $" As a grows ({Trend(m => m.Case.StrongTop, 3)}): anonymity cost {Trend(m => 100 * m.AnonymityCost, 3)}% of Π*, most revenue given up at equal U "
                + $"{Trend(m => 100 * Math.Max(0, m.WorstAuction.RevenueGivenUp) / m.Problem.OptimalRevenue, 3)}%, KS W/OPT {Trend(m => m.WelfareRatio(PointRole.KalaiSmorodinsky), 4)}, "
                + $"cross-side Nash W/OPT {Trend(m => m.WelfareRatio(PointRole.CrossSideNash), 4)}, Nash W/OPT {Trend(m => m.WelfareRatio(PointRole.Nash), 4)} "
                + $"(below the frontier by {Trend(m => 100 * m.NashBelowFrontier, 3)}% of Π*), U_Mye/U⁺ {Trend(m => m.Problem.MyersonSurplus / m.Structure.SecondPriceSurplus, 3)}"
                + $"{(family.Any(m => m.AnonymityCost < 0) ? " (a cost below 0 is the grid's lag: its Π* lies under the continuous one the auction reaches)" : "")}. "
                + "Each uniform class's reserve is the same fraction of its own monopoly reserve a_c/2 at every vertex: its ironed score λv + (1 − λ)(2v − a_c) crosses 0 at (1 − λ)·a_c/(2 − λ) for λ ≤ 1.";
        }
        var plotList = new List<string> { plots.Frontiers(first.Case.Group), plots.Reserves(first.Case.Group), plots.RevenueGivenUp, plots.Welfare };
        context.Outside(reference, statement, $"{string.Join("; ", group.Select(m => m.Case.Name))}; {setting}; {IidBounds(first)}",
            measured, [.. plotList.Distinct()]);
    }

    /// <summary>What one market shows, in one compact sentence with its numbers.</summary>
    private static string Finding(Measurement m)
    {
        var s = m.Structure;
        var problem = m.Problem;
        string Reserves(PointRole role) => m.Landmark(role).Mechanism is { } mechanism ? ReservesText(mechanism) : "?";
        var rises = Enumerable.Range(0, problem.Grids.Count).Select(c => s.ReserveIncreases(c).Count);
        var worst = m.WorstAuction;
        double givenUp = worst.RevenueGivenUp / problem.OptimalRevenue;
        string compared = givenUp > 0
            ? $"most revenue given up at equal U {Format.G(100 * givenUp, 3)}% of Π* (r = {Format.G(worst.Reserve, 3)})"
            : $"every anonymous auction on the frontier at its U (frontier − auction ≤ {Format.G(100 * givenUp, 2)}% of Π*, the grid's lag)";
        int withRents = m.Family.Points.Count(p => p.Outcome.OutsideClass);
        string rents = withRents > 0
            ? $"; {withRents} of {m.Family.Points.Count} anonymous auctions leave a lowest type a rent (up to {Format.G(m.Family.Points.Max(p => p.Outcome.TotalRent), 3)} in all): outside the class, compared with the rents charged"
            : "";
        return $"{m.Case.Label}: {s.Vertices.Count} vertices ({KindsText(s, withLambda: true)}); reserves in class order at Myerson {Reserves(PointRole.RevenueOptimal)}, "
            + $"KS {Reserves(PointRole.KalaiSmorodinsky)}, cross-side Nash {Reserves(PointRole.CrossSideNash)}, U* {Reserves(PointRole.SurplusOptimal)} "
            + $"(sales shares there {string.Join("; ", m.SurplusOptimalShares.Select(x => Format.G(x, 3)))}); reserve rises {string.Join("/", rises)}, reserve with pooling {s.ReserveWithPooling().Count}; "
            + $"U_Mye/U⁺ {Format.G(problem.MyersonSurplus / s.SecondPriceSurplus, 3)}, U⁺/U* {Format.G(s.SecondPriceSurplus / problem.OptimalSurplus, 3)} with {m.AboveSecondPrice} vertices beyond U⁺; "
            + $"best anonymous reserve {Format.G(m.Family.Best.Reserves[0], 4)} earns {Format.G(100 * m.AnonymityCost, 3)}% less than Π*, {compared}{rents}; "
            + $"W/OPT KS {Format.G(m.WelfareRatio(PointRole.KalaiSmorodinsky), 4)}, cross-side Nash {Format.G(m.WelfareRatio(PointRole.CrossSideNash), 4)}, "
            + $"Nash Π·∏u_c^(n_c) {Format.G(m.WelfareRatio(PointRole.Nash), 4)} ({Format.G(100 * m.NashBelowFrontier, 3)}% of Π* below the frontier at its U).";
    }

    /// <summary>The paper's i.i.d. bounds for comparison: 1/2 for any F (Theorems 4.1 (i), 5.3 (i)); n/(n + 1) and (n − 1)/n
    /// with n the number of buyers when every class is regular and anti-MHR (Theorems 4.1 (ii), 5.3 (ii)).</summary>
    private static string IidBounds(Measurement m)
    {
        var market = m.Problem.Grids.Market;
        long n = market.TotalBuyers;
        bool regularAntiMhr = market.Classes.All(c => ValueSpace.Classify(c.Distribution, 400) is { Regular: true, AntiMonotoneHazardRate: true });
        return regularAntiMhr
            ? $"the paper's i.i.d. bounds, for comparison: KS ≥ 1/2 and cross-side Nash ≥ 1/2 for any F (Theorems 4.1 (i), 5.3 (i)); every class here is regular and anti-MHR, where n = {n} i.i.d. buyers would have KS ≥ n/(n + 1) = {Format.G(n / (n + 1.0), 3)} and cross-side Nash ≥ (n − 1)/n = {Format.G((n - 1.0) / n, 3)} (Theorems 4.1 (ii), 5.3 (ii))"
            : "the paper's i.i.d. bounds, for comparison: KS ≥ 1/2 and cross-side Nash ≥ 1/2 for any F (Theorems 4.1 (i), 5.3 (i)); its n/(n + 1) and (n − 1)/n need regular and anti-MHR values, which not every class here has";
    }

    /// <summary>What survives of Theorems 3.4–3.7 across every market outside the theory.</summary>
    private static void SurvivalClaim(ExperimentContext context, List<Measurement> outside, string setting, Plots plots)
    {
        int vertices = outside.Sum(m => m.Structure.Vertices.Count);
        int auctionKinds = outside.Sum(m => m.Structure.KindCounts.Where(k => k.Key is ClassMechanismKind.SecondPrice or ClassMechanismKind.SecondPriceWithReserve
            or ClassMechanismKind.IndirectVickrey).Sum(k => k.Value));
        int classReserves = outside.Sum(m => m.Structure.KindCounts.GetValueOrDefault(ClassMechanismKind.SecondPriceWithClassReserves));
        int ironed = outside.Sum(m => m.Structure.KindCounts.GetValueOrDefault(ClassMechanismKind.IronedScoreAuction));
        int myersonBelow = outside.Count(m => m.Problem.MyersonSurplus <= m.Structure.SecondPriceSurplus);
        var risingMarkets = outside.Where(m => Enumerable.Range(0, m.Problem.Grids.Count).Any(c => m.Structure.ReserveIncreases(c).Count > 0)).ToList();
        var pooling = outside.Where(m => m.Structure.ReserveWithPooling().Count > 0).ToList();
        var checks = Summary(outside.Select(m => m.VertexChecks));
        double leftOver = outside.Max(m => m.SurplusOptimalShares.Sum() - m.SurplusOptimalShares.Max());
        string measured = $"Of {vertices} vertices in {outside.Count} markets, {auctionKinds} are anonymous second-price or indirect Vickrey auctions "
            + $"({AnonymousNearEfficient(outside)}), {classReserves} second-price auctions with class-specific reserves "
            + $"and {ironed} ironed score auctions, where a weaker class's buyer can beat a higher value: the structure of Theorems 3.4–3.7 does not survive. "
            + $"U at Myerson ≤ U⁺ in {myersonBelow} of {outside.Count} markets. Beyond U⁺ the frontier is no longer one segment to the lottery (as for i.i.d. uniform values): "
            + $"{outside.Min(m => m.AboveSecondPrice)}–{outside.Max(m => m.AboveSecondPrice)} vertices lie there, and at U* one class takes every sale but at most {Format.G(leftOver, 2)} of them in every market "
            + "(the surplus optimum ranks buyers by their classes' ironed surplus weights −q·v_c′(q), whose averages are each class's mean less its lowest value). "
            + $"A class's reserve rises somewhere along the frontier in {risingMarkets.Count} markets"
            + $"{(risingMarkets.Count > 0 ? $" ({string.Join(", ", risingMarkets.Select(m => m.Case.Label))})" : "")}; a reserve and a pooled interval together in {pooling.Count}"
            + $"{(pooling.Count > 0 ? $" ({string.Join(", ", pooling.Select(m => m.Case.Label))})" : "")}. "
            + $"The anonymous second-price auction with its best reserve gives up {Format.G(100 * outside.Min(m => m.AnonymityCost), 2)}–{Format.G(100 * outside.Max(m => m.AnonymityCost), 3)}% of Π*. "
            + $"Every vertex re-evaluated from its rules: {(checks.Agrees ? "all agree" : "SOME FAILED")}, worst gap {Format.G(checks.WorstGap, 2)}·OPT.";
        context.Outside("Theorems 3.4–3.7 beyond i.i.d. values",
            "For i.i.d. values every frontier mechanism is a second-price auction with a reserve (regular ∩ anti-MHR) or an indirect Vickrey auction, reserves fall along the frontier, and U at Myerson ≤ U⁺; the paper says nothing of asymmetric buyers.",
            $"{string.Join("; ", outside.Select(m => m.Case.Name))}; {setting}", measured,
            plots.Reserves(UniformOneOne), plots.Frontiers(UniformOneOne), plots.RevenueGivenUp);
    }

    /// <summary>Where the anonymous auctions among the vertices of asymmetric markets lie in λ.</summary>
    private static string AnonymousNearEfficient(List<Measurement> outside)
    {
        var lambdas = outside.SelectMany(m => new[] { ClassMechanismKind.SecondPrice, ClassMechanismKind.SecondPriceWithReserve, ClassMechanismKind.IndirectVickrey }
            .SelectMany(k => m.Structure.OfKind(k).Select(i => m.Structure.Mechanisms[i].Lambda))).ToList();
        return lambdas.Count == 0
            ? "none"
            : $"all at λ from {Format.G(lambdas.Min(), 4)} to {Format.G(lambdas.Max(), 4)}, next to the efficient auction, where the classes' scores differ by less than a grid cell";
    }

    // ---- text ----------------------------------------------------------------------------------------------------

    private static string Name(ClassMechanismKind kind) => kind switch
    {
        ClassMechanismKind.NoSale => "no-sale",
        ClassMechanismKind.SecondPrice => "second-price auction",
        ClassMechanismKind.SecondPriceWithReserve => "second-price auction with a reserve",
        ClassMechanismKind.SecondPriceWithClassReserves => "second-price auction with class reserves",
        ClassMechanismKind.IndirectVickrey => "indirect Vickrey auction",
        ClassMechanismKind.IronedScoreAuction => "ironed score auction",
        _ => "randomization",
    };

    /// <summary>"7509 ironed-score-auction, 12 second-price-with-reserve (λ 0.99–1)".</summary>
    private static string KindsText(ClassFrontierStructure s, bool withLambda) => string.Join(", ", s.KindCounts.Select(k =>
    {
        var (low, high) = s.LambdaRange(k.Key);
        string range = withLambda && k.Key != ClassMechanismKind.IronedScoreAuction ? $" (λ {Format.G(low, 4)}–{Format.G(high, 4)})" : "";
        return $"{k.Value} {s.Mechanisms[s.OfKind(k.Key)[0]].KindName}{range}";
    }));

    /// <summary>Each class's reserve, "0.5; 1" ("none" for a class that never wins); a randomisation's likelier component's.</summary>
    private static string ReservesText(ClassMechanism mechanism)
    {
        var main = mechanism.Kind == ClassMechanismKind.Randomization ? mechanism.Components.MaxBy(c => c.Probability)!.Mechanism : mechanism;
        return string.Join("; ", main.Classes.Select(r => r.Participates ? Format.G(r.Reserve, 3) : "none"));
    }

    /// <summary>Each class's chance of getting the item, from the mechanism re-evaluated from its rules.</summary>
    private static string SharesText(ClassMechanism mechanism) => string.Join("; ", ClassFrontierStructure.SalesShares(mechanism.Evaluate()).Select(x => Format.G(x, 3)));

    // ---- plots -----------------------------------------------------------------------------------------------------

    /// <summary>The experiment's pictures, drawn once each and named by what they show.</summary>
    private sealed class Plots
    {
        private static readonly string[] Palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2"];
        private readonly ExperimentContext _context;
        private readonly List<Measurement> _all;
        private readonly Dictionary<string, string> _frontiers = [];
        private readonly Dictionary<string, string> _reserves = [];

        public Plots(ExperimentContext context, List<Measurement> all)
        {
            _context = context;
            _all = all;
            RevenueGivenUp = context.SavePlot("revenue-given-up.png", RevenueChart());
            Welfare = context.SavePlot("welfare-ratios.png", WelfareChart());
        }

        public string RevenueGivenUp { get; }

        public string Welfare { get; }

        /// <summary>The frontiers of a group on one chart, with its anonymous auctions (drawn on first use).</summary>
        public string Frontiers(string group)
        {
            if (!_frontiers.TryGetValue(group, out var file))
            {
                file = _context.SavePlot($"frontiers-{group}.png", FrontierChart(group));
                _frontiers[group] = file;
            }
            return file;
        }

        /// <summary>The reserves per class along the frontiers of a group (drawn on first use).</summary>
        public string Reserves(string group)
        {
            if (!_reserves.TryGetValue(group, out var file))
            {
                file = _context.SavePlot($"reserves-{group}.png", ReserveChart(group));
                _reserves[group] = file;
            }
            return file;
        }

        private List<Measurement> Group(string group) => [.. _all.Where(m => m.Case.Group == group)];

        private Chart FrontierChart(string group)
        {
            var markets = Group(group);
            var chart = new Chart($"Frontiers and anonymous second-price auctions: {GroupTitle(group)}", "buyers' surplus U / OPT", "seller's revenue Π / OPT");
            for (int i = 0; i < markets.Count; i++)
            {
                var m = markets[i];
                string colour = Palette[i % Palette.Length];
                var vertices = m.Structure.Vertices;
                chart = chart.With($"{m.Case.Label}: frontier", [.. vertices.Select(v => v.Surplus / m.Opt)], [.. vertices.Select(v => v.Revenue / m.Opt)], SeriesStyle.Line, colour);
                var auctions = m.Family.Points;
                chart = chart.With($"{m.Case.Label}: anonymous reserve 0 → {Format.G(m.Family.Best.Reserves[0], 3)}",
                    [.. auctions.Select(p => p.Outcome.SurplusNetOfRents / m.Opt)], [.. auctions.Select(p => p.Outcome.RevenueWithRentsCharged / m.Opt)], SeriesStyle.DashedLine, colour);
            }
            return chart.With("W = OPT", [0, 1], [1, 0], SeriesStyle.DashedLine, "#808080") with { XRange = (0, 1.02), YRange = (0, 1.02), Legend = LegendCorner.UpperRight };
        }

        /// <summary>Each class's reserve (in value) at every vertex, against U/U*: the first (weaker) class solid, the other
        /// dashed; a class that never wins is left out there.</summary>
        private Chart ReserveChart(string group)
        {
            var markets = Group(group);
            var chart = new Chart($"Reserves per class along the frontier: {GroupTitle(group)}", "buyers' surplus U / U*", "reserve r_c (the class's lowest value: none)");
            for (int i = 0; i < markets.Count; i++)
            {
                var m = markets[i];
                var s = m.Structure;
                double[] x = [.. s.Vertices.Select(v => v.Surplus / m.Problem.OptimalSurplus)];
                for (int c = 0; c < m.Problem.Grids.Count; c++)
                {
                    var (buyers, spec) = m.Case.Classes[c];
                    int cls = c;
                    chart = chart.With($"{(markets.Count == 1 ? "" : $"{m.Case.Label}: ")}{buyers} × {spec}", x, [.. s.Mechanisms.Select(mech => mech.Classes[cls].Reserve)],
                        c == 0 ? SeriesStyle.Line : SeriesStyle.DashedLine, Palette[(markets.Count == 1 ? c : i) % Palette.Length]);
                }
            }
            if (markets.Count == 1)
            {
                var m = markets[0];
                double uStar = m.Problem.OptimalSurplus;
                chart = chart.WithVertical("U⁺ (efficient auction)", m.Structure.SecondPriceSurplus / uStar)
                    .WithVertical("Kalai–Smorodinsky", m.Landmark(PointRole.KalaiSmorodinsky).Surplus / uStar)
                    .WithVertical("cross-side Nash", m.Landmark(PointRole.CrossSideNash).Surplus / uStar);
            }
            return chart with { Legend = LegendCorner.UpperRight };
        }

        /// <summary>Revenue given up against the frontier at the same U along each market's anonymous reserves.</summary>
        private Chart RevenueChart()
        {
            var chart = new Chart("Anonymous second-price auctions against the frontier at the same U", "anonymous reserve / best anonymous reserve",
                "revenue given up / Π*");
            for (int i = 0; i < _all.Count; i++)
            {
                var m = _all[i];
                var points = m.Compared.ToList();
                double top = m.Family.Best.Reserves[0];
                chart = chart.With($"{m.Case.Group} {m.Case.Label}", [.. points.Select(p => top > 0 ? p.Reserve / top : 1)],
                    [.. points.Select(p => p.RevenueGivenUp / m.Problem.OptimalRevenue)], SeriesStyle.LineAndMarkers);
            }
            return chart with { Legend = LegendCorner.UpperLeft };
        }

        /// <summary>W/OPT of KS, Nash Π·∏ u_c^(n_c) and cross-side Nash per market (the i.i.d. bound 1/2 is far below every value
        /// and left out so that the differences show).</summary>
        private Chart WelfareChart()
        {
            double[] x = [.. Enumerable.Range(0, _all.Count).Select(i => (double)i)];
            double lowest = _all.Min(m => new[] { PointRole.KalaiSmorodinsky, PointRole.CrossSideNash, PointRole.Nash }.Min(m.WelfareRatio));
            return new Chart("Welfare of the bargaining solutions, strong against weak buyers", "market", "welfare W / OPT")
                .With("Kalai–Smorodinsky", x, [.. _all.Select(m => m.WelfareRatio(PointRole.KalaiSmorodinsky))], SeriesStyle.Markers)
                .With("cross-side Nash", x, [.. _all.Select(m => m.WelfareRatio(PointRole.CrossSideNash))], SeriesStyle.Markers)
                .With("Nash Π·∏u_c^(n_c)", x, [.. _all.Select(m => m.WelfareRatio(PointRole.Nash))], SeriesStyle.Markers) with
                {
                    XCategories = [.. _all.Select(m => m.Case.Tick)],
                    XRange = (-0.6, _all.Count - 0.4),
                    YRange = (Math.Min(lowest, 1) - 0.4 * (1 - Math.Min(lowest, 0.999)), 1 + 0.05 * (1 - Math.Min(lowest, 0.999))),
                    Legend = LegendCorner.LowerLeft,
                };
        }

        private static string GroupTitle(string group) => group switch
        {
            UniformOneOne => "U[0,1] against U[0,a]",
            UniformTwoOne => "2 × U[0,1] against U[0,a]",
            "exponential" => "Exp(3) against Exp(1)",
            "lomax" => "3 × U[0,1] against Lomax(2, 1)",
            _ => "U[2,3] against U[0,4]",
        };
    }
}
