namespace OrSolver.Core.Distributions;

/// <summary>The classes of Def. 2.2 in words, one wording for the grid's and the value-space classification.</summary>
internal static class ClassText
{
    /// <summary>"regular" or "irregular", then "MHR" and "anti-MHR" where F is in them: "regular, MHR", "irregular, anti-MHR",
    /// "regular, MHR, anti-MHR" (exponential), or just "regular".</summary>
    public static string Classes(bool regular, bool mhr, bool antiMhr) =>
        (regular ? "regular" : "irregular") + (mhr ? ", MHR" : "") + (antiMhr ? ", anti-MHR" : "");

    /// <summary><see cref="Classes"/>, saying "neither MHR nor anti-MHR" where F is in neither hazard-rate class.</summary>
    public static string Describe(bool regular, bool mhr, bool antiMhr) =>
        mhr || antiMhr ? Classes(regular, mhr, antiMhr) : $"{Classes(regular, mhr, antiMhr)}, neither MHR nor anti-MHR";
}
