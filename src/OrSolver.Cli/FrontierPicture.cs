using OrSolver.Core.Auctions;
using OrSolver.Core.Bargaining;
using OrSolver.Core.Characterization;
using OrSolver.Core.Classes;
using OrSolver.Core.Pareto;
using OrSolver.Plots;

namespace OrSolver.Cli;

/// <summary>The auction market's frontier picture: its <see cref="AuctionPareto"/> frontier with the Myerson point, the
/// second-price auction (U⁺), the buyer-optimal point (U*) and, when given, the three bargaining solutions.</summary>
internal static class FrontierPicture
{
    public static Chart Of(FrontierProblem problem, ExactVertices exact, BargainingSolutions? solutions)
    {
        var market = problem.Market;
        var marks = new List<FrontierMark>
        {
            new("Myerson (revenue-optimal)", problem.MyersonSurplus, problem.OptimalRevenue),
            new("second-price auction (U⁺)", problem.SecondPrice.Surplus, problem.SecondPrice.Revenue),
            new("buyer-optimal (U*)", problem.OptimalSurplus, problem.SurplusOptimal.Allocation.Revenue),
        };
        if (solutions is not null)
        {
            foreach (var (label, s) in new[] { ("Kalai–Smorodinsky", solutions.KalaiSmorodinsky), ("Nash", solutions.Nash), ("cross-side Nash", solutions.CrossSideNash) })
                marks.Add(new FrontierMark($"{label}: W/OPT = {s.WelfareRatio:0.000}", s.Surplus, s.Revenue));
        }
        string title = $"Pareto frontier: {market.Distribution.Spec}, n = {market.Buyers}{(market.Units > 1 ? $", {market.Units} units" : "")}";
        return Figures.Frontier(AuctionPareto.Of(exact), title, marks);
    }

    /// <summary>The frontier of buyers of several classes with its landmarks and the KS and cross-side Nash solutions.</summary>
    public static Chart Of(ClassRequest request, ClassAnalysis analysis)
    {
        var marks = new List<FrontierMark>();
        foreach (var (label, role) in new[] { ("Myerson (revenue-optimal)", PointRole.RevenueOptimal), ("efficient (second-price)", AuctionPoints.SecondPrice),
            ("buyer-optimal (U*)", PointRole.SurplusOptimal), ("Kalai–Smorodinsky", PointRole.KalaiSmorodinsky), ("cross-side Nash", PointRole.CrossSideNash),
            ("Nash Π·∏u_c^n_c (off the frontier when classes differ)", PointRole.Nash) })
        {
            var point = analysis.Landmarks.FirstOrDefault(p => p.Role == role);
            if (point is null || !double.IsFinite(point.Revenue)) continue;
            string ratio = role.IsBargaining ? $": W/OPT = {analysis.WelfareRatio(point):0.000}" : "";
            marks.Add(new FrontierMark(label + ratio, point.Surplus, point.Revenue));
        }
        return Figures.Frontier(analysis.Frontier, $"Pareto frontier: {request.Title}", marks);
    }
}
