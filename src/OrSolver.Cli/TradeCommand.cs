using System.CommandLine;
using System.Globalization;
using OrSolver.Core;
using OrSolver.Core.BilateralTrade;
using OrSolver.Core.Output;
using OrSolver.Core.Pareto;
using Spectre.Console;

namespace OrSolver.Cli;

/// <summary><c>orsolver trade</c>: bilateral trade (Appendix D.4) between a buyer with private values and a seller with
/// private costs — the first and second best, the seller-offer and buyer-offer points, the KS and Nash solutions with
/// their welfare ratios, the frontier's LP sweep and every vertex, each point with its mechanism and its check
/// (method.md §13.1).</summary>
internal static class TradeCommand
{
    private const string FileName = "trade.json";
    private const string CsvFileName = "trade.csv";

    public static Command Create(CliContext context)
    {
        var buyer = new Option<string?>("--buyer") { Description = "The buyer's value distribution, e.g. \"uniform(0, 1)\"." };
        var seller = new Option<string?>("--seller") { Description = "The seller's cost distribution, e.g. \"exponential(2)\"." };
        var model = new Option<string?>("--model") { Description = "Trade scenario file (JSON with \"buyer\" and \"seller\"), or the name of one in models/trade/." };
        var grid = new Option<int?>("--grid") { Description = $"Cells per side (default {TradeOptions.DefaultGrid})." };
        var points = new Option<int?>("--points") { Description = "Points of the LP sweep, evenly spaced in U (default 11)." };
        var format = new Option<OutputFormat>("--format") { Description = "table, json or csv.", DefaultValueFactory = _ => OutputFormat.Table };
        var output = new Option<string?>("--out") { Description = "Directory to write the result file into." };
        var plot = PlotOption.Create();
        var region = new Option<string>("--region")
        {
            Description = "With --plot: whose trade region to draw: kalai-smorodinsky, nash, second-best, seller-offer or buyer-offer.",
            DefaultValueFactory = _ => PointRole.KalaiSmorodinsky.Name,
        };
        var command = new Command("trade", "Bilateral trade: the seller–buyer frontier with private costs, its landmarks and bargaining solutions.");
        foreach (var option in new Option[] { buyer, seller, model, grid, points, format, output, plot, region }) command.Add(option);
        command.SetAction(parse => context.Run(() =>
        {
            string? buyerSpec = parse.GetValue(buyer), sellerSpec = parse.GetValue(seller), modelName = parse.GetValue(model);
            if (modelName is not null && (buyerSpec is not null || sellerSpec is not null)) throw new InputException("give --model or --buyer and --seller, not both");
            if (modelName is null && (buyerSpec is null || sellerSpec is null)) throw new InputException("give both --buyer SPEC (values) and --seller SPEC (costs), or --model FILE");
            if (parse.GetValue(output) is { } directory) OutputFiles.Check(directory);
            int regionIndex = Array.FindIndex(RegionRoles, r => r.Name == parse.GetValue(region));
            if (regionIndex < 0)
                throw new InputException($"--region must be one of {string.Join(", ", RegionRoles.Select(r => r.Name))} (got '{InputException.Excerpt(parse.GetValue(region) ?? "", 40)}')");
            var regionRole = RegionRoles[regionIndex];
            var scenario = modelName is null ? null : TradeScenario.Load(FindModel(modelName));
            var options = new TradeOptions { Grid = parse.GetValue(grid) ?? scenario?.Grid ?? TradeOptions.DefaultGrid, Points = parse.GetValue(points) ?? 11 };
            var market = scenario?.Market ?? TradeMarket.Parse(buyerSpec!, sellerSpec!);
            return Run(market, options, parse.GetValue(format), parse.GetValue(output), parse.GetValue(plot), regionRole, context);
        }));
        return command;
    }

    /// <summary>A trade scenario: a path as given, or a name in <c>models/trade/</c> (kept apart from the auction scenarios
    /// of <c>models/</c>, which <c>orsolver models</c> lists).</summary>
    private static string FindModel(string nameOrPath)
    {
        if (File.Exists(nameOrPath)) return nameOrPath;
        foreach (string directory in ModelFiles.Directories())
        {
            string candidate = Path.Combine(directory, "trade", nameOrPath + ".json");
            if (File.Exists(candidate)) return candidate;
        }
        throw new InputException($"{InputException.Excerpt(nameOrPath, 200)}: no such file, and no trade model of that name in models/trade/");
    }

    /// <summary>The landmarks whose trade region <c>--region</c> can draw.</summary>
    private static readonly PointRole[] RegionRoles =
        [PointRole.KalaiSmorodinsky, PointRole.Nash, TradePoints.SecondBest, TradePoints.SellerOffer, TradePoints.BuyerOffer];

    private static int Run(TradeMarket market, TradeOptions options, OutputFormat format, string? directory, bool plot, PointRole region, CliContext context)
    {
        var analysis = Progress.Run(context.Error, "bilateral trade", 1, _ => TradeAnalysis.Run(market, options, context.NewSolver()));
        var report = TradeReport.Of(market, analysis);
        var rows = analysis.Samples.Concat(analysis.Vertices).Concat(analysis.Landmarks.Where(p => p.Role.IsBargaining))
            .OrderBy(p => p.Surplus).ThenBy(p => p.Role == PointRole.Vertex ? 0 : 1).ToList();
        string csv = FrontierTable.ToCsv(rows);
        if (format == OutputFormat.Csv)
        {
            CliOutput.Emit(directory, CsvFileName, csv, context.Output);
        }
        else
        {
            CliOutput.Emit(directory, CsvFileName, csv, null);
            CliOutput.Print(format, directory, FileName, report, context.Output, console => Table(console, report, analysis));
        }
        if (plot && analysis.Frontier is { } frontier) Plot(market, analysis, frontier, region, format, directory, context.Output);
        return CliOutput.Verdict(context.Error, analysis.All);
    }

    /// <summary>frontier.png/svg: the frontier with the seller-offer, second-best, buyer-offer, KS and Nash points; and
    /// trade-region-ROLE.png/svg: where the <paramref name="region"/> landmark's mechanism trades in the (cost, value) plane.</summary>
    private static void Plot(TradeMarket market, TradeAnalysis analysis, ParetoFrontier<TradeMechanism> frontier, PointRole region, OutputFormat format,
        string? directory, TextWriter output)
    {
        var marks = new[] { TradePoints.SellerOffer, TradePoints.SecondBest, TradePoints.BuyerOffer, PointRole.KalaiSmorodinsky, PointRole.Nash }
            .Select(role => analysis.Landmark(role))
            .Where(p => !double.IsNaN(p.Revenue))
            .Select(p => new Plots.FrontierMark($"{p.Role.Name}: W/FB = {analysis.Ratios(p).FirstBest:0.000}", p.Surplus, p.Revenue));
        string title = $"Bilateral trade\nbuyer {market.Buyer.Spec}, seller {market.Seller.Spec}";
        CliOutput.PlotFiles(format, directory, output,
            ("frontier", Plots.Figures.Frontier(frontier, title, marks, "buyer's utility U", "seller's utility Π")),
            ($"trade-region-{region.Name}", Plots.Figures.TradeRegion(RegionMechanism(analysis, frontier, region),
                $"Where the {region.Name} mechanism trades\nbuyer {market.Buyer.Spec}, seller {market.Seller.Spec}")));
    }

    /// <summary>The landmark's mechanism; where its LP failed (the point is then reported as failed), the exact frontier's
    /// mechanism at the landmark's U.</summary>
    private static TradeMechanism RegionMechanism(TradeAnalysis analysis, ParetoFrontier<TradeMechanism> frontier, PointRole region)
    {
        var landmark = analysis.Landmark(region);
        return landmark.Mechanism ?? frontier.MechanismOf(frontier.At(landmark.Surplus));
    }

    private static void Table(IAnsiConsole console, TradeReport report, TradeAnalysis analysis)
    {
        string Number(double? x) => x is { } v ? v.ToString("G8", CultureInfo.InvariantCulture) : "—";
        var facts = new Table().Title($"[bold]{Markup.Escape($"buyer {report.Buyer}, seller {report.Seller}")}[/]")
            .AddColumn("quantity").AddColumn(new TableColumn("value").RightAligned());
        facts.AddRow("grid (buyer × seller cells)", $"{report.BuyerCells} × {report.SellerCells}");
        facts.AddRow(Markup.Escape("first best E[(v − c)⁺] on the grid"), Number(report.FirstBest));
        facts.AddRow("first best by quadrature", Number(report.FirstBestQuadrature));
        facts.AddRow("second best (max GFT, budget balanced)", Number(report.SecondBest));
        facts.AddRow("Π* + U*", Number(report.IdealSum));
        console.Write(facts);
        if (report.Degenerate)
        {
            console.WriteLine("No trade can ever gain (every cost is at least every value): the frontier is the point (0, 0) of no trade.");
            return;
        }
        var landmarks = new Table().Title("[bold]landmarks and bargaining solutions[/]").AddColumn("point")
            .AddColumn(new TableColumn("seller Π").RightAligned()).AddColumn(new TableColumn("buyer U").RightAligned())
            .AddColumn(new TableColumn("GFT").RightAligned()).AddColumn(new TableColumn("W/FB").RightAligned())
            .AddColumn(new TableColumn("W/SB").RightAligned()).AddColumn(new TableColumn("W/(Π*+U*)").RightAligned()).AddColumn("check");
        foreach (var (name, p) in new[]
        {
            ("seller offer (Π*)", report.SellerOffer), ("second best", report.SecondBestPoint), ("buyer offer (U*)", report.BuyerOffer),
            ("Kalai–Smorodinsky", report.KalaiSmorodinsky), ("Nash (Π·U)", report.Nash),
        })
        {
            if (p is null) continue;
            landmarks.AddRow(name, Number(p.SellerUtility), Number(p.BuyerUtility), Number(p.GainsFromTrade), Number(p.Ratios?.FirstBest),
                Number(p.Ratios?.SecondBest), Number(p.Ratios?.IdealSum), Markup.Escape(p.Check.Describe()));
        }
        console.Write(landmarks);
        foreach (var (name, p) in new[] { ("Kalai–Smorodinsky", report.KalaiSmorodinsky), ("Nash", report.Nash) })
            if (p?.Mechanism is { } m) console.WriteLine(Markup.Escape($"{name}: {m.Description}"));
        Tables.Frontier(console, analysis.Samples, "mechanism (probability × mechanism for a randomisation)", "FB");
        int failed = analysis.Failures.Count;
        console.WriteLine($"{analysis.Vertices.Count} frontier vertices (extreme points); the CSV (--format csv or --out) lists them all. "
            + (failed == 0 ? "Every point's check passed." : $"{failed} point(s) FAILED their check."));
    }
}

/// <summary>A trade mechanism as printed: its kind, the rule in words and its own columns.</summary>
internal sealed record TradeMechanismReport(string Kind, string Description, IReadOnlyDictionary<string, string> Parameters)
{
    public static TradeMechanismReport Of(TradeMechanism mechanism)
    {
        ArgumentNullException.ThrowIfNull(mechanism);
        var values = mechanism.ColumnValues();
        return new(mechanism.KindName, mechanism.Describe(),
            TradeMechanism.ColumnNames.Select((name, i) => (name, values[i])).ToDictionary(p => p.name, p => p.Item2, StringComparer.Ordinal));
    }
}

/// <summary>A point of the trade frontier as printed.</summary>
internal sealed record TradePointReport(double? SellerUtility, double? BuyerUtility, double? GainsFromTrade, double? Lambda, WelfareRatios? Ratios,
    TradeMechanismReport? Mechanism, CheckReport Check)
{
    public static TradePointReport Of(CheckedPoint<TradeMechanism> point, TradeAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(point);
        bool solved = !double.IsNaN(point.Revenue);
        return new(Reports.Finite(point.Revenue), point.Surplus, Reports.Finite(point.Welfare), Reports.Finite(point.Lambda),
            solved ? analysis.Ratios(point) : null, point.Mechanism is { } m ? TradeMechanismReport.Of(m) : null, CheckReport.Of(point.Check));
    }
}

/// <summary>The JSON of <c>trade</c>. The seller-optimal point is the seller-offer mechanism and the buyer-optimal point
/// the buyer-offer mechanism (Appendix D.4 defines them so); both names are printed.</summary>
internal sealed record TradeReport(string Buyer, string Seller, int BuyerCells, int SellerCells, bool Degenerate, double FirstBest,
    double FirstBestQuadrature, double SecondBest, double IdealSum, TradePointReport? SellerOptimal, TradePointReport? BuyerOptimal,
    TradePointReport? SellerOffer, TradePointReport? BuyerOffer, TradePointReport? SecondBestPoint, TradePointReport? KalaiSmorodinsky,
    TradePointReport? Nash)
{
    public static TradeReport Of(TradeMarket market, TradeAnalysis analysis)
    {
        TradePointReport? Point(PointRole role) => analysis.Degenerate ? null : TradePointReport.Of(analysis.Landmark(role), analysis);
        var sellerOffer = Point(TradePoints.SellerOffer);
        var buyerOffer = Point(TradePoints.BuyerOffer);
        return new(market.Buyer.Spec, market.Seller.Spec, analysis.Grid.BuyerCells, analysis.Grid.SellerCells, analysis.Degenerate, analysis.FirstBest,
            analysis.FirstBestQuadrature, analysis.SecondBest, analysis.IdealSum, sellerOffer, buyerOffer, sellerOffer, buyerOffer,
            Point(TradePoints.SecondBest), Point(PointRole.KalaiSmorodinsky), Point(PointRole.Nash));
    }
}
