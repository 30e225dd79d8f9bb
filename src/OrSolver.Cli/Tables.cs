using System.Globalization;
using OrSolver.Core.Auctions;
using OrSolver.Core.Mechanisms;
using OrSolver.Core.Pareto;
using Spectre.Console;

namespace OrSolver.Cli;

/// <summary>The <c>table</c> format: Spectre.Console tables.</summary>
internal static class Tables
{
    private static string Number(double value) => value.ToString("G8", CultureInfo.InvariantCulture);

    private static string Number(double? value) => value is { } v ? Number(v) : "—";

    public static void Inspect(IAnsiConsole console, InspectReport report)
    {
        var facts = new Table().Title($"[bold]{Markup.Escape(report.Distribution)}[/], n = {report.Buyers}").AddColumn("quantity").AddColumn(new TableColumn("value").RightAligned());
        facts.AddRow("regular (R concave)", report.Regular ? "yes" : "no");
        facts.AddRow("MHR", report.Mhr ? "yes" : "no");
        facts.AddRow("anti-MHR", report.AntiMhr ? "yes" : "no");
        facts.AddRow(Markup.Escape("mean E[v]"), Number(report.Mean));
        facts.AddRow("monopoly reserve v(q_m)", Number(report.MonopolyReserve));
        facts.AddRow("monopoly quantile q_m", Number(report.MonopolyQuantile));
        facts.AddRow("optimal welfare OPT", Number(report.OptimalWelfare));
        console.Write(facts);

        var landmarks = new Table().Title("[bold]landmarks of the frontier[/]").AddColumn("mechanism")
            .AddColumn(new TableColumn("revenue Π").RightAligned()).AddColumn(new TableColumn("surplus U").RightAligned()).AddColumn(new TableColumn("welfare W").RightAligned())
            .AddColumn("check");
        void Row(string name, PointReport p) => landmarks.AddRow(name, Number(p.Revenue), Number(p.Surplus), Number(p.Welfare), Markup.Escape(p.Check.Describe()));
        Row("revenue-optimal (Myerson)", report.RevenueOptimal);
        Row("second-price, no reserve", report.SecondPrice);
        Row("surplus-optimal (buyer-optimal)", report.SurplusOptimal);
        console.Write(landmarks);
    }

    public static void Solve(IAnsiConsole console, SolveReport report)
    {
        var table = new Table().AddColumn("status").AddColumn(new TableColumn("revenue Π").RightAligned()).AddColumn(new TableColumn("surplus U").RightAligned())
            .AddColumn(new TableColumn("welfare W").RightAligned()).AddColumn(new TableColumn("λ").RightAligned());
        table.AddRow(report.Status, Number(report.Revenue), Number(report.Surplus), Number(report.Welfare), Number(report.Lambda));
        console.Write(table);
        console.WriteLine($"mechanism: {report.Mechanism.Description}");
        var c = report.Check;
        console.WriteLine(c.Agrees
            ? $"check ({c.Route}): LP, hull and re-evaluated auction agree to {c.WorstGap:0.0E+0} of OPT (hull λ {Number(c.LambdaHull)}, revenue gap {c.RevenueGap:0.0E+0}, surplus gap {c.SurplusGap:0.0E+0}, n·max|ΔX| {c.MaxAllocationGap:0.0E+0})"
            : $"check FAILED ({c.Route}): {c.Failure}");
    }

    public static void Frontier<TMechanism>(IAnsiConsole console, IReadOnlyList<CheckedPoint<TMechanism>> points,
        string mechanismHeader = "mechanism (probability × auction for a randomisation)", string benchmark = "OPT")
        where TMechanism : class, IMechanismDescription<TMechanism>
    {
        bool mechanisms = points.Any(p => p.Mechanism is not null);
        var table = new Table().Title("[bold]Pareto frontier[/] (max Π s.t. U ≥ U₀)").AddColumn(new TableColumn("surplus U").RightAligned())
            .AddColumn(new TableColumn("revenue Π").RightAligned()).AddColumn(new TableColumn("welfare W").RightAligned()).AddColumn(new TableColumn("λ").RightAligned());
        if (mechanisms) table.AddColumn(mechanismHeader);
        // Points proven by different routes (the LP solved there, or its multipliers from another floor) say which.
        var routes = points.Select(p => p.Check.Route).Distinct().ToList();
        bool mixed = routes.Count > 1;
        table.AddColumn(mixed ? $"check (gap / {benchmark}, route)" : $"check ({string.Join(", ", routes)}; gap / {benchmark})");
        foreach (var p in points)
        {
            var cells = new List<string> { Number(p.Surplus), Number(p.Revenue), Number(p.Welfare), Number(p.Lambda) };
            if (mechanisms) cells.Add(Markup.Escape(p.Mechanism?.Describe() ?? ""));
            string verdict = p.Check.Agrees ? $"ok {p.Check.WorstGap.ToString("0.0E+0", CultureInfo.InvariantCulture)}" : "FAILED";
            cells.Add(Markup.Escape(mixed ? $"{verdict} {p.Check.Route}" : verdict));
            table.AddRow([.. cells]);
        }
        console.Write(table);
    }

    public static void Evaluate(IAnsiConsole console, EvaluateReport report)
    {
        var table = new Table().AddColumn("quantity").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("reserve", Number(report.Reserve));
        table.AddRow("revenue Π", Number(report.Revenue));
        table.AddRow("surplus U", Number(report.Surplus));
        table.AddRow("welfare W", Number(report.Welfare));
        table.AddRow("frontier revenue at this U", Number(report.FrontierRevenue));
        table.AddRow("revenue left on the table", Number(report.RevenueLeftOnTable));
        table.AddRow("check of the auction", Markup.Escape(report.Check.Describe()));
        table.AddRow("check of the frontier point", Markup.Escape(report.FrontierCheck.Describe()));
        console.Write(table);
    }

    public static void Bargain(IAnsiConsole console, BargainReport report)
    {
        var table = new Table().Title($"[bold]bargaining solutions[/]: {Markup.Escape(report.Distribution)}, n = {report.Buyers}, OPT = {Number(report.OptimalWelfare)}")
            .AddColumn("solution").AddColumn(new TableColumn("revenue Π").RightAligned()).AddColumn(new TableColumn("surplus U").RightAligned())
            .AddColumn(new TableColumn("welfare W").RightAligned()).AddColumn(new TableColumn("W/OPT").RightAligned()).AddColumn("mechanism").AddColumn("check");
        void Row(string name, BargainingReport b)
            => table.AddRow(name, Number(b.Revenue), Number(b.Surplus), Number(b.Welfare), Number(b.WelfareRatio), Markup.Escape(b.Mechanism.Description),
                Markup.Escape(b.Check.Describe()));
        Row("Kalai–Smorodinsky", report.KalaiSmorodinsky);
        Row("Nash", report.Nash);
        Row("cross-side Nash", report.CrossSideNash);
        console.Write(table);
    }

    /// <summary>The classes of a market of several classes.</summary>
    private static void Classes(IAnsiConsole console, BuyerClassReport[] classes, double optimalWelfare)
    {
        var table = new Table().Title($"[bold]buyers of {classes.Length} classes[/], OPT = E[[max v]] = {Number(optimalWelfare)}").AddColumn("class")
            .AddColumn("distribution").AddColumn(new TableColumn("buyers").RightAligned()).AddColumn(new TableColumn("lowest value").RightAligned())
            .AddColumn(new TableColumn("mean").RightAligned()).AddColumn(new TableColumn("monopoly reserve alone").RightAligned());
        for (int c = 0; c < classes.Length; c++)
        {
            var k = classes[c];
            table.AddRow($"{c + 1}", Markup.Escape(k.Distribution), $"{k.Buyers}", Number(k.LowestValue), Number(k.Mean), Number(k.MonopolyReserve));
        }
        console.Write(table);
    }

    private static Table ClassPoints(string title)
        => new Table().Title(title).AddColumn("point").AddColumn(new TableColumn("revenue Π").RightAligned()).AddColumn(new TableColumn("surplus U").RightAligned())
            .AddColumn(new TableColumn("welfare W").RightAligned()).AddColumn(new TableColumn("W/OPT").RightAligned()).AddColumn("mechanism (reserves in class order)")
            .AddColumn("check");

    private static void ClassRow(Table table, string name, ClassPointReport p)
        => table.AddRow(name, Number(p.Revenue), Number(p.Surplus), Number(p.Welfare), Number(p.WelfareRatio),
            Markup.Escape(p.Mechanism?.Description ?? "— (ties between classes broken to give each class its share)"), Markup.Escape(p.Check.Describe()));

    public static void ClassInspect(IAnsiConsole console, ClassInspectReport report)
    {
        Classes(console, report.Classes, report.OptimalWelfare);
        var table = ClassPoints("[bold]landmarks of the frontier[/]");
        ClassRow(table, "revenue-optimal (Myerson)", report.RevenueOptimal);
        ClassRow(table, "efficient (second-price)", report.SecondPrice);
        ClassRow(table, "surplus-optimal (buyer-optimal)", report.SurplusOptimal);
        console.Write(table);
    }

    public static void ClassBargain(IAnsiConsole console, ClassBargainReport report)
    {
        Classes(console, report.Classes, report.OptimalWelfare);
        var table = ClassPoints("[bold]bargaining solutions[/]");
        ClassRow(table, "revenue-optimal (Myerson)", report.RevenueOptimal);
        ClassRow(table, "Kalai–Smorodinsky", report.KalaiSmorodinsky);
        ClassRow(table, "Nash (Π·∏ u_c^n_c)", report.Nash);
        ClassRow(table, "cross-side Nash (Π·U)", report.CrossSideNash);
        ClassRow(table, "surplus-optimal (buyer-optimal)", report.SurplusOptimal);
        console.Write(table);
    }

    public static void ClassSolve(IAnsiConsole console, ClassSolveReport report)
    {
        var table = new Table().AddColumn("status").AddColumn(new TableColumn("revenue Π").RightAligned()).AddColumn(new TableColumn("surplus U").RightAligned())
            .AddColumn(new TableColumn("welfare W").RightAligned()).AddColumn(new TableColumn("λ").RightAligned())
            .AddColumn(new TableColumn("Border cuts").RightAligned()).AddColumn(new TableColumn("LP rounds").RightAligned());
        table.AddRow(report.Status, Number(report.Revenue), Number(report.Surplus), Number(report.Welfare), Number(report.Lambda), $"{report.Cuts}", $"{report.Rounds}");
        console.Write(table);
        if (report.Mechanism is not null) console.WriteLine($"mechanism: {report.Mechanism.Description}");
        if (report.Certificate is { } certificate)
            console.WriteLine($"Border certificate ({certificate.Method}, {certificate.Thresholds} thresholds): "
                + (certificate.Holds ? $"holds, worst relative excess {certificate.WorstViolation:0.0E+0}" : $"VIOLATED by {certificate.WorstViolation:0.0E+0}"));
        var c = report.Check;
        console.WriteLine(c.Agrees
            ? $"check ({c.Route}): LP, Lagrangian route and re-evaluated auction agree to {c.WorstGap:0.0E+0} of OPT"
            : $"check FAILED ({c.Route}): {c.Failure}");
    }

    public static void ClassEvaluate(IAnsiConsole console, ClassEvaluateReport report)
    {
        var table = new Table().AddColumn("quantity").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("auction", report.Kind);
        table.AddRow("reserves (class order)", string.Join("; ", report.Reserves.Select(Number)));
        table.AddRow("revenue Π (as run)", Number(report.Revenue));
        table.AddRow("surplus U (as run)", Number(report.Surplus));
        table.AddRow("welfare W", Number(report.Welfare));
        table.AddRow("rent of each class's lowest type", string.Join("; ", report.Rents.Select(Number)));
        table.AddRow("outside the frontier's class (a rent)", report.OutsideClass ? "yes" : "no");
        table.AddRow("Π with rents charged (on the grid)", $"{Number(report.RevenueWithRentsCharged)} ({Number(report.GridRevenue)})");
        table.AddRow("U net of rents (on the grid)", $"{Number(report.SurplusNetOfRents)} ({Number(report.GridSurplus)})");
        table.AddRow("quadrature against grid (discretisation, / OPT)", report.DiscretisationGap.ToString("0.0E+0", CultureInfo.InvariantCulture));
        table.AddRow("frontier revenue at this U (grid)", Number(report.FrontierRevenue));
        table.AddRow("revenue left on the table (grid)", Number(report.RevenueLeftOnTable));
        table.AddRow("check of the auction (rules against allocation)", Markup.Escape(report.Check.Describe()));
        table.AddRow("check of the frontier point", Markup.Escape(report.FrontierCheck.Describe()));
        console.Write(table);
    }
}

