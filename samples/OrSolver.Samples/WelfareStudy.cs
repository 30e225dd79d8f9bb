using System.Globalization;
using OrSolver.Core;
using OrSolver.Core.Auctions;
using OrSolver.Core.Bargaining;
using OrSolver.Core.Distributions;
using OrSolver.Core.LinearProgramming.OrTools;

namespace OrSolver.Samples;

/// <summary>One market's result in <see cref="WelfareStudy"/>.</summary>
/// <param name="Sigma">σ of the lognormal values.</param>
/// <param name="Buyers">n.</param>
/// <param name="KalaiSmorodinsky">KS welfare over OPT.</param>
/// <param name="Nash">Nash welfare over OPT.</param>
/// <param name="CrossSideNash">Cross-side Nash welfare over OPT.</param>
/// <param name="Verified">Whether every reported point passed its check.</param>
public sealed record WelfareStudyRow(double Sigma, long Buyers, double KalaiSmorodinsky, double Nash, double CrossSideNash, bool Verified);

/// <summary>
/// A user's own study, end to end, on the library alone: how much of the optimal welfare do the fair bargaining solutions
/// keep when values are lognormal (outside the paper's classes for large σ), as the market grows? For each σ and n it
/// solves the three bargaining solutions with <see cref="BargainingAnalysis.Run"/> (every point checked), and writes a CSV.
/// </summary>
public static class WelfareStudy
{
    /// <summary>The study over <paramref name="sigmas"/> × <paramref name="buyers"/> on <paramref name="grid"/> cells.</summary>
    public static IReadOnlyList<WelfareStudyRow> Run(IReadOnlyList<double> sigmas, IReadOnlyList<long> buyers, int grid, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(sigmas);
        ArgumentNullException.ThrowIfNull(buyers);
        ArgumentNullException.ThrowIfNull(output);
        var rows = new List<WelfareStudyRow>();
        output.WriteLine("sigma,buyers,ks,nash,cross_side_nash,verified");
        foreach (double sigma in sigmas)
        {
            foreach (long n in buyers)
            {
                var spec = string.Create(CultureInfo.InvariantCulture, $"lognormal(0, {sigma}, cap=100)");
                var result = BargainingAnalysis.Run(new Market(DistributionSpec.Parse(spec), n), grid, new OrToolsLinearSolver());
                var s = result.Solutions;
                var row = new WelfareStudyRow(sigma, n, s.KalaiSmorodinsky.WelfareRatio, s.Nash.WelfareRatio, s.CrossSideNash.WelfareRatio, result.Failures.Count == 0);
                rows.Add(row);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{sigma},{n},{row.KalaiSmorodinsky:G6},{row.Nash:G6},{row.CrossSideNash:G6},{row.Verified}"));
            }
        }
        return rows;
    }
}
