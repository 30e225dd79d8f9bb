System.Console.WriteLine(OrSolver.Core.Program.Probe.Run());
