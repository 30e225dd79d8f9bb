using System.CommandLine;
using System.Globalization;
using OrSolver.Core;
using OrSolver.Core.Auctions;
using OrSolver.Core.Classes;
using OrSolver.Core.Mechanisms;
using OrSolver.Core.Pareto;

namespace OrSolver.Cli;

/// <summary><c>orsolver evaluate --reserve R [--gaps "a:b,c:d"]</c>: an indirect Vickrey auction the user names, run on
/// the grid, against the frontier at the same surplus; both checked.</summary>
internal static class EvaluateCommand
{
    public static Command Create(CliContext context)
    {
        var options = new CommonOptions();
        var reserve = new Option<double?>("--reserve") { Description = "Reserve price of the auction to evaluate (with --class: one anonymous reserve for every class)." };
        var reserves = new Option<string?>("--reserves") { Description = "With --class: one reserve per class, \"r1,r2,…\" in class order (a second-price auction with class-specific reserves)." };
        var gaps = new Option<string?>("--gaps") { Description = "Value intervals removed from the bid space, \"a:b,c:d\"." };
        var command = new Command("evaluate", "Revenue and surplus of an indirect Vickrey auction you name, against the frontier.");
        options.AddTo(command);
        command.Add(reserve);
        command.Add(gaps);
        command.Add(reserves);
        command.SetAction(parse => context.Run(() =>
        {
            if (options.ResolveClasses(parse) is { } classes)
            {
                if (parse.GetValue(gaps) is not null) throw new InputException("--gaps does not apply to --class: evaluate a second-price auction with --reserve R or --reserves r1,r2,…");
                return Run(classes, ClassReserves(classes.Market.Count, parse.GetValue(reserve), parse.GetValue(reserves)), context);
            }
            if (parse.GetValue(reserves) is not null) throw new InputException("--reserves needs --class (one reserve per class); for i.i.d. buyers give --reserve R");
            return Run(options.Resolve(parse), parse.GetValue(reserve) ?? throw new InputException("give --reserve R, the reserve price of the auction to evaluate"),
                parse.GetValue(gaps), context);
        }));
        return command;
    }

    private static int Run(Request request, double reserve, string? gapText, CliContext context)
    {
        var gaps = ParseGaps(gapText);
        var evaluation = AuctionEvaluation.Run(request.Market, request.Grid, reserve, gaps, context.NewSolver());
        var report = EvaluateReport.Of(evaluation, gaps);
        CliOutput.Print(request, "evaluate.json", report, context.Output, console => Tables.Evaluate(console, report));
        var auction = new CheckedPoint<RecoveredMechanism>(PointRole.Sample, evaluation.Outcome.Surplus, evaluation.Outcome.Revenue, double.NaN, evaluation.Mechanism, evaluation.Check);
        return CliOutput.Verdict(context.Error, [auction, evaluation.Frontier]);
    }

    /// <summary>Buyers of several classes: the second-price auction with the reserves given, by quadrature and on the grids,
    /// against the frontier at its U.</summary>
    private static int Run(ClassRequest request, IReadOnlyList<double> reserves, CliContext context)
    {
        var evaluation = ClassAuctionEvaluation.Run(request.Market, request.Grid, reserves, context.NewSolver());
        var report = ClassEvaluateReport.Of(evaluation);
        CliOutput.Print(request.Format, request.OutputDirectory, "evaluate.json", report, context.Output, console => Tables.ClassEvaluate(console, report));
        var auction = new CheckedPoint<ClassMechanism>(PointRole.Sample, evaluation.OnGrid.Surplus, evaluation.OnGrid.Revenue, double.NaN, evaluation.Mechanism, evaluation.Check);
        return CliOutput.Verdict(context.Error, [auction, evaluation.Frontier]);
    }

    /// <summary>The reserves of a class auction: --reserve R for every class, or --reserves "r1,r2,…" one per class.</summary>
    internal static IReadOnlyList<double> ClassReserves(int classes, double? reserve, string? text)
    {
        if (reserve is not null && text is not null) throw new InputException("give --reserve R (one for every class) or --reserves r1,r2,…, not both");
        if (reserve is { } r) return [.. Enumerable.Repeat(r, classes)];
        if (text is null) throw new InputException("give --reserve R (one for every class) or --reserves r1,r2,… (one per class)");
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new List<double>();
        foreach (string part in parts)
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value) || value < 0)
                throw new InputException($"--reserves: '{InputException.Excerpt(part)}' is not a non-negative number");
            values.Add(value);
        }
        if (values.Count != classes) throw new InputException($"--reserves: give one reserve per class ({classes}), got {values.Count}");
        return values;
    }

    /// <summary>Parses "a:b,c:d" into value intervals with a &lt; b.</summary>
    internal static IReadOnlyList<BidSpaceGap> ParseGaps(string? text)
    {
        var gaps = new List<BidSpaceGap>();
        if (string.IsNullOrWhiteSpace(text)) return gaps;
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var ends = part.Split(':', StringSplitOptions.TrimEntries);
            if (ends.Length != 2
                || !double.TryParse(ends[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double low)
                || !double.TryParse(ends[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double high))
                throw new InputException($"--gaps: '{InputException.Excerpt(part)}' is not low:high (e.g. --gaps \"0.2:0.4,0.6:0.7\")");
            if (!(low < high) || !double.IsFinite(low) || !double.IsFinite(high))
                throw new InputException($"--gaps: '{InputException.Excerpt(part)}' needs finite low < high");
            gaps.Add(new BidSpaceGap(low, high));
        }
        return gaps;
    }
}
