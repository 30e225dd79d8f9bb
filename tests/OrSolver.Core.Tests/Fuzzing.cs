using System.Runtime.ExceptionServices;
using OrSolver.Core.Distributions;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Tests;

/// <summary>
/// The harness of the fuzz suite (<c>dotnet test --filter Category=Fuzz</c>), shared by the core and the command-line
/// tests: fixed seeds, case counts, a per-case time limit, and the contract every generated input must meet — a valid
/// result, or an <see cref="InputException"/> whose message is one line.
/// </summary>
internal static class Fuzz
{
    /// <summary>The trait value of every fuzz test: <c>[Trait("Category", Fuzz.Category)]</c>.</summary>
    public const string Category = "Fuzz";

    /// <summary>The xunit collection of every fuzz class (<c>[Collection(Fuzz.Collection)]</c>): they run one after
    /// another, since on two cores parallel properties (each generating, parsing and collecting garbage at full speed)
    /// slow each other down more than they gain.</summary>
    public const string Collection = "Fuzz";

    /// <summary>FsCheck's replay seed: every run generates the same cases, so a failure reproduces exactly.</summary>
    public const string Seed = "(20250611,20250613)";

    /// <summary>Generated cases per property of a fast parser.</summary>
    public const int ParserCases = 10_000;

    /// <summary>No single case may run longer than this: a longer one is a hang and fails its property.</summary>
    public static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The characters <see cref="string.ReplaceLineEndings()"/> treats as line breaks (CR, LF, NEL, FF, LS, PS):
    /// none may appear in a message meant to be one line.</summary>
    private static readonly System.Buffers.SearchValues<char> LineBreaks = System.Buffers.SearchValues.Create("\r\n\u0085\f\u2028\u2029");

    /// <summary>Runs <paramref name="body"/> on the thread pool and waits at most <see cref="CaseTimeout"/> for it.</summary>
    /// <exception cref="TimeoutException">The case ran longer (it keeps running in the background; the property fails).</exception>
    public static T Within<T>(string what, Func<T> body)
    {
        var task = Task.Run(body);
        if (!task.Wait(CaseTimeout))
            throw new TimeoutException($"{what}: still running after {CaseTimeout.TotalSeconds} s");
        return task.Result;
    }

    /// <summary>Runs <paramref name="body"/> within the time limit and returns its result, or null when it refused its
    /// input with a one-line <see cref="InputException"/> (whose message goes to <paramref name="refusal"/>). Any other
    /// exception fails the case, with its own type and stack.</summary>
    public static T? ResultOrRefusal<T>(string what, Func<T> body, out string? refusal) where T : class
    {
        try
        {
            refusal = null;
            return Within(what, body);
        }
        catch (AggregateException e) when (e.InnerExceptions is [InputException input])
        {
            AssertOneLine(input.Message, what);
            refusal = input.Message;
            return null;
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
    }

    /// <summary>Asserts that <paramref name="message"/> is one non-empty line.</summary>
    public static void AssertOneLine(string message, string what)
    {
        Assert.False(string.IsNullOrWhiteSpace(message), $"{what}: empty message");
        int at = message.IndexOfAny(LineBreaks);
        Assert.True(at < 0, $"{what}: message spans lines (U+{(at < 0 ? 0 : message[at]):X4} at {at}): {message}");
    }

    /// <summary>
    /// What every accepted distribution must satisfy, from its definition alone: a finite support start ≥ 0, v(q)
    /// non-increasing and finite on (0, 1], V(q) = ∫₀^q v non-decreasing with each increment between the lower and upper
    /// Riemann sums of the monotone v (V(b) − V(a) ∈ [(b−a)·v(b), (b−a)·v(a)]), V(1) the finite mean, sorted breakpoints
    /// inside (0, 1), and a canonical spec that parses back to the same spec.
    /// </summary>
    public static void AssertSane(IValueDistribution distribution, string what)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        string at = $"{what} → {distribution.Spec}";
        double mean = distribution.Mean;
        Assert.True(double.IsFinite(mean) && mean >= 0, $"{at}: mean {mean}");
        Assert.True(double.IsFinite(distribution.SupportLow) && distribution.SupportLow >= 0, $"{at}: support low {distribution.SupportLow}");
        Assert.True(distribution.SupportHigh >= distribution.SupportLow, $"{at}: support [{distribution.SupportLow}, {distribution.SupportHigh}]");
        var breakpoints = distribution.Breakpoints;
        for (int i = 0; i < breakpoints.Count; i++)
        {
            Assert.True(breakpoints[i] > 0 && breakpoints[i] < 1 && (i == 0 || breakpoints[i] > breakpoints[i - 1]),
                $"{at}: breakpoint {i} = {breakpoints[i]:R}");
        }

        double previousQ = 0, previousV = distribution.SupportHigh, previousIntegral = 0;
        foreach (double q in SanityQuantiles)
        {
            double v = distribution.Value(q), integral = distribution.IntegratedValue(q);
            Assert.True(double.IsFinite(v) && v >= distribution.SupportLow, $"{at}: v({q:R}) = {v:R}");
            Assert.True(Tolerances.Rounding.AtMost(v, previousV), $"{at}: v rises from {previousV:R} to {v:R} at q = {q:R}");
            double increment = integral - previousIntegral, width = q - previousQ;
            var scale = Tolerances.IntegratedValueIncrement.AtScale(mean);
            Assert.True(scale.AtMost(width * v, increment) && (double.IsPositiveInfinity(previousV) || scale.AtMost(increment, width * previousV)),
                $"{at}: V({previousQ:R}..{q:R}) rises by {increment:R}, outside [{width * v:R}, {width * previousV:R}]");
            (previousQ, previousV, previousIntegral) = (q, v, integral);
        }
        Assert.True(Tolerances.IntegratedValueIncrement.Close(previousIntegral, mean), $"{at}: V(1) = {previousIntegral:R}, mean {mean:R}");
        Assert.Equal(distribution.Spec, DistributionSpec.Parse(distribution.Spec).Spec);
    }

    /// <summary>Quantiles where <see cref="AssertSane"/> looks at v and V: dense near both ends, where tails and atoms sit.</summary>
    private static readonly double[] SanityQuantiles = [1e-12, 1e-6, 1e-3, 0.02, 0.1, 0.25, 0.5, 0.75, 0.9, 0.98, 0.999, 1 - 1e-9, 1.0];
}
