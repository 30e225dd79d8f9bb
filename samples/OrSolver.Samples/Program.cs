using OrSolver.Samples;

// `dotnet run --project samples/OrSolver.Samples`: the README's example, then a small welfare study.
ReadmeExample.Run(Console.Out);
Console.WriteLine();
WelfareStudy.Run([0.5, 1.0, 1.5], [2, 5, 20], 1000, Console.Out);
