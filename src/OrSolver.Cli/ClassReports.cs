using OrSolver.Core.Auctions;
using OrSolver.Core.Classes;
using OrSolver.Core.Distributions;
using OrSolver.Core.Pareto;

namespace OrSolver.Cli;

/// <summary>One class of buyers as printed: its distribution, buyers, lowest value and mean, and its monopoly reserve alone.</summary>
internal sealed record BuyerClassReport(string Distribution, long Buyers, double LowestValue, double Mean, double MonopolyReserve)
{
    public static BuyerClassReport[] Of(ClassMarket market)
    {
        ArgumentNullException.ThrowIfNull(market);
        return [.. market.Classes.Select(c => new BuyerClassReport(c.Distribution.Spec, c.Buyers, c.Distribution.SupportLow, c.Distribution.Mean,
            MonopolyPrice.Find(c.Distribution).Reserve))];
    }
}

/// <summary>A mechanism of a market of several classes as printed: kind, each class's reserve (null for a class that never
/// wins) and reserve quantile, the pooled value intervals per class, the λ whose ironed scores it runs, and for a
/// randomisation its two components (the rest is then empty).</summary>
internal sealed record ClassMechanismReport(string Kind, double?[] Reserves, double[] ReserveQuantiles, double[][][] Pooled, double? Lambda,
    ClassComponentReport[] Components)
{
    public static ClassMechanismReport Of(ClassMechanism mechanism)
    {
        ArgumentNullException.ThrowIfNull(mechanism);
        return new ClassMechanismReport(mechanism.KindName,
            [.. mechanism.Classes.Select(r => r.Participates ? r.Reserve : (double?)null)],
            [.. mechanism.Classes.Select(r => r.ReserveQuantile)],
            [.. mechanism.Classes.Select(r => r.Pooled.Select(g => new[] { g.Low, g.High }).ToArray())],
            double.IsNaN(mechanism.Lambda) || double.IsInfinity(mechanism.Lambda) ? null : mechanism.Lambda,
            [.. mechanism.Components.Select(c => new ClassComponentReport(c.Probability, Of(c.Mechanism)))]) { Description = mechanism.Describe() };
    }

    /// <summary>The mechanism in one line (<see cref="ClassMechanism.Describe"/>), for tables; not a JSON field.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Description { get; init; } = "";
}

/// <summary>One component of a randomisation.</summary>
internal sealed record ClassComponentReport(double Probability, ClassMechanismReport Mechanism);

/// <summary>A point of a market of several classes as printed: (Π, U, W), W/OPT, its mechanism and its check.</summary>
internal sealed record ClassPointReport(double Revenue, double Surplus, double Welfare, double WelfareRatio, ClassMechanismReport? Mechanism, CheckReport Check)
{
    public static ClassPointReport Of(CheckedPoint<ClassMechanism> point, double optimalWelfare)
    {
        ArgumentNullException.ThrowIfNull(point);
        return new(point.Revenue, point.Surplus, point.Welfare, point.Welfare / optimalWelfare,
            point.Mechanism is null ? null : ClassMechanismReport.Of(point.Mechanism), CheckReport.Of(point.Check));
    }
}

/// <summary>The JSON of <c>inspect</c> for buyers of several classes: the classes and the frontier's landmarks, each checked
/// (field names as for i.i.d. buyers, plus <c>classes</c>).</summary>
internal sealed record ClassInspectReport(BuyerClassReport[] Classes, long Buyers, double OptimalWelfare, ClassPointReport RevenueOptimal,
    ClassPointReport SurplusOptimal, ClassPointReport SecondPrice)
{
    public static ClassInspectReport Of(ClassProblem problem, IReadOnlyList<CheckedPoint<ClassMechanism>> landmarks)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(landmarks);
        double opt = problem.OptimalWelfare;
        ClassPointReport Landmark(PointRole role) => ClassPointReport.Of(landmarks.Single(p => p.Role == role), opt);
        var market = problem.Grids.Market;
        return new(BuyerClassReport.Of(market), market.TotalBuyers, opt,
            Landmark(PointRole.RevenueOptimal), Landmark(PointRole.SurplusOptimal), Landmark(AuctionPoints.SecondPrice));
    }
}

/// <summary>The JSON of <c>bargain</c> for buyers of several classes: the landmarks and the bargaining solutions, each checked.</summary>
/// <remarks>With unequal classes the Nash solution Π·∏_c u_c^{n_c} depends on every class's utility and need not lie on the
/// (Π, U) frontier.</remarks>
internal sealed record ClassBargainReport(BuyerClassReport[] Classes, long Buyers, double OptimalWelfare, ClassPointReport RevenueOptimal,
    ClassPointReport SurplusOptimal, ClassPointReport KalaiSmorodinsky, ClassPointReport Nash, ClassPointReport CrossSideNash)
{
    public static ClassBargainReport Of(ClassAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        double opt = analysis.Problem.OptimalWelfare;
        ClassPointReport Point(PointRole role) => ClassPointReport.Of(analysis.Landmark(role), opt);
        var market = analysis.Problem.Grids.Market;
        return new(BuyerClassReport.Of(market), market.TotalBuyers, opt, Point(PointRole.RevenueOptimal), Point(PointRole.SurplusOptimal),
            Point(PointRole.KalaiSmorodinsky), Point(PointRole.Nash), Point(PointRole.CrossSideNash));
    }
}

/// <summary>How the final allocation of an LP was certified against Border's condition at every grid threshold.</summary>
internal sealed record CertificateReport(string Method, long Thresholds, double WorstViolation, bool Holds)
{
    public static CertificateReport? Of(BorderCertificate? certificate)
        => certificate is null ? null : new(certificate.Method, certificate.Thresholds, certificate.Worst.Violation, certificate.Holds);
}

/// <summary>The JSON of <c>solve</c> for buyers of several classes: the point, its mechanism and check, and the cutting
/// planes behind it (Border rows added, LP rounds, the certificate).</summary>
internal sealed record ClassSolveReport(string Status, double Revenue, double Surplus, double Welfare, double? Lambda, ClassMechanismReport? Mechanism,
    CheckReport Check, int Cuts, int Rounds, CertificateReport? Certificate)
{
    public static ClassSolveReport Of(ClassSolve solve, CheckedPoint<ClassMechanism> point)
    {
        ArgumentNullException.ThrowIfNull(solve);
        ArgumentNullException.ThrowIfNull(point);
        return new(StatusWords.Of(solve.Status), point.Revenue, point.Surplus, point.Welfare, Reports.Finite(point.Lambda),
            point.Mechanism is null ? null : ClassMechanismReport.Of(point.Mechanism), CheckReport.Of(point.Check), solve.TotalCuts, solve.Rounds,
            CertificateReport.Of(solve.Certificate));
    }
}

/// <summary>The JSON of <c>evaluate</c> for buyers of several classes: the second-price auction by quadrature (as run: Π, U,
/// each class's rent of its lowest type, whether a rent puts it outside the frontier's class), the same auction on the grids
/// in the frontier's convention and their check, and the frontier at its U with that point's check.</summary>
internal sealed record ClassEvaluateReport(double[] Reserves, string Kind, double Revenue, double Surplus, double Welfare, double[] Rents,
    bool OutsideClass, double RevenueWithRentsCharged, double SurplusNetOfRents, double GridRevenue, double GridSurplus, double FrontierRevenue,
    double DiscretisationGap, double RevenueLeftOnTable, double? Lambda, CheckReport Check, CheckReport FrontierCheck)
{
    public static ClassEvaluateReport Of(ClassAuctionEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var o = evaluation.Outcome;
        return new([.. o.Reserves], evaluation.Mechanism.KindName, o.Revenue, o.Surplus, o.Welfare, [.. o.Rents], o.OutsideClass,
            o.RevenueWithRentsCharged, o.SurplusNetOfRents, evaluation.OnGrid.Revenue, evaluation.OnGrid.Surplus, evaluation.Frontier.Revenue,
            evaluation.DiscretisationGap, evaluation.RevenueLeftOnTable, Reports.Finite(evaluation.Frontier.Lambda), CheckReport.Of(evaluation.Check), CheckReport.Of(evaluation.Frontier.Check));
    }
}
