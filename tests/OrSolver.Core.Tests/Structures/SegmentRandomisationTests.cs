using OrSolver.Core.LinearProgramming.OrTools;
using OrSolver.Core.Mechanisms;
using OrSolver.Core.Numerics;
using OrSolver.Core.Structures;

namespace OrSolver.Core.Tests.Structures;

/// <summary>A segment's randomisation against the second-price auction's payoffs: Uniform's frontier above U⁺ is one
/// segment from the second-price auction to the lottery.</summary>
public class SegmentRandomisationTests
{
    [Fact]
    public void Uniform_above_U_plus_randomises_the_second_price_auction_and_the_lottery()
    {
        // Uniform's frontier above U⁺ is the segment from the SPA to the lottery (Π = 0): its middle is ν = 1/2 of each.
        var path = StructureCases.Path("uniform(0, 1)", 3, 400);
        var structure = path.Structure;
        var segments = SegmentRandomisation.Pick(structure, i => !structure.HasReserve(i), 5);
        var segment = Assert.Single(segments);
        var point = Assert.Single(SegmentRandomisation.Solve(structure, segments, new OrToolsLinearSolver()));
        Assert.Equal(segment, point.Segment);
        Assert.True(point.Randomises);
        var (first, second) = point.Pair!.Value;
        Assert.Equal(MechanismKind.SecondPrice, first.Kind);
        Assert.Equal(MechanismKind.Lottery, second.Kind);
        var values = Tolerances.SolverAgreement.AtScale(structure.Scale);
        Assert.True(values.Close(0.5, point.Analysis!.Mechanism.Components[0].Probability));
        Assert.True(values.Close(0.5 * structure.Problem.SecondPrice.Revenue, point.Solve.Point.Revenue), $"LP Π {point.Solve.Point.Revenue:R}");
        Assert.True(point.MechanismGap(structure.Scale) <= Tolerances.SolverAgreement.Relative);
        // Corollary 3.8 holds there, and the agreement says so in words.
        var verdict = TheoremStructure.Corollary38(structure, [point]);
        Assert.True(verdict.Holds, verdict.ToString());
        var agreement = SegmentRandomisation.Agreement(structure, [point]);
        Assert.Equal(1, agreement.Count);
        Assert.StartsWith("auctions = hull to ", agreement.ToString(), StringComparison.Ordinal);
    }
}
