using System.CommandLine;
using System.Globalization;
using OrSolver.Core;
using OrSolver.Core.Auctions;
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
        var reserve = new Option<double>("--reserve") { Description = "Reserve price of the auction to evaluate.", Required = true };
        var gaps = new Option<string?>("--gaps") { Description = "Value intervals removed from the bid space, \"a:b,c:d\"." };
        var command = new Command("evaluate", "Revenue and surplus of an indirect Vickrey auction you name, against the frontier.");
        options.AddTo(command);
        command.Add(reserve);
        command.Add(gaps);
        command.SetAction(parse => context.Run(() => Run(options.Resolve(parse), parse.GetValue(reserve), parse.GetValue(gaps), context)));
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
