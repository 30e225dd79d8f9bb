using OrSolver.Cli;

return OrSolverCommandLine.Run(args, Console.Out, Console.Error);
