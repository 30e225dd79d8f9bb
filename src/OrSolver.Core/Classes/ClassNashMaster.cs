using MathNet.Numerics.LinearAlgebra.Double;

namespace OrSolver.Core.Classes;

/// <summary>
/// The best randomisation of feasible points for the Nash product: maximise f(z) = Σ_i w_i·log z_i over the convex hull of
/// points Y_1, …, Y_J ∈ ℝ^m (z = Σ_j θ_j·Y_j, θ in the simplex), in the space of the terms (Π and each class's surplus, so
/// m = K + 1 ≤ 6). Outer linearisation approaches a maximiser inside a face of the polytope only linearly, its iterates
/// bracketing it ever closer; their best randomisation lands on it once they surround it (method.md §13.2).
/// Active-set Newton (simplicial decomposition): on an affinely independent support S the Newton step is the least-squares
/// solution of diag(√w_i/z_i)·D·η ≈ √w (D the differences Y_j − Y_b to a base point of S), damped to keep θ ≥ 0 and z &gt; 0
/// and to raise f; a point whose weight reaches 0 leaves S; when f cannot rise on S, the point with the largest first-order
/// gain ∇f(z)·(Y_j − z) enters, after a Carathéodory step if it makes S affinely dependent. Stops when no point gains.
/// </summary>
internal static class ClassNashMaster
{
    /// <summary>First-order gain Σ_i (w_i/z_i)·(Y_ji − z_i), relative to Σ w_i, below which z is optimal over the hull: a few
    /// hundred ulps of the sum it is computed from.</summary>
    private const double Stationary = 1e-13;

    /// <summary>Singular values of the normalised differences below this are an affine dependence.</summary>
    private const double Dependent = 1e-11;

    /// <summary>The weights θ_j (one per point, summing to 1) of the best randomisation, starting from the point
    /// <paramref name="start"/> (whose every coordinate must be positive).</summary>
    public static double[] Solve(IReadOnlyList<double[]> points, double[] weights, int start)
    {
        int count = points.Count, m = weights.Length;
        double total = weights.Sum();
        var theta = new double[count];
        theta[start] = 1;
        var support = new List<int> { start };
        for (int outer = 0; outer < 4 * count + 16; outer++)
        {
            Newton(points, weights, theta, support);
            var z = Combine(points, theta, m);
            int entering = -1;
            double bestGain = Stationary * total;
            for (int j = 0; j < count; j++)
            {
                double gain = 0;
                for (int i = 0; i < m; i++) gain += weights[i] / z[i] * (points[j][i] - z[i]);
                if (gain > bestGain && !support.Contains(j)) (bestGain, entering) = (gain, j);
            }
            if (entering < 0) break;
            support.Add(entering);
            Reduce(points, theta, support, entering);
        }
        return theta;
    }

    /// <summary>Σ_j θ_j·Y_j.</summary>
    public static double[] Combine(IReadOnlyList<double[]> points, IReadOnlyList<double> theta, int m)
    {
        var z = new double[m];
        for (int j = 0; j < points.Count; j++)
        {
            if (theta[j] == 0) continue;
            for (int i = 0; i < m; i++) z[i] += theta[j] * points[j][i];
        }
        return z;
    }

    private static double Objective(double[] z, double[] weights)
    {
        double f = 0;
        for (int i = 0; i < z.Length; i++) f += z[i] > 0 ? weights[i] * Math.Log(z[i]) : double.NegativeInfinity;
        return f;
    }

    /// <summary>Damped Newton steps on the support until f stops rising; points whose weight reaches 0 leave it.</summary>
    private static void Newton(IReadOnlyList<double[]> points, double[] weights, double[] theta, List<int> support)
    {
        int m = weights.Length;
        for (int step = 0; step < 100 && support.Count > 1; step++)
        {
            var z = Combine(points, theta, m);
            double f = Objective(z, weights);
            int b = support.MaxBy(j => theta[j]);
            var others = support.Where(j => j != b).ToList();
            // Columns D_j = Y_j − Y_b, each scaled to unit length so that the least squares see the geometry, not the spread.
            var design = new DenseMatrix(m, others.Count);
            var norms = new double[others.Count];
            for (int k = 0; k < others.Count; k++)
            {
                double norm = 0;
                for (int i = 0; i < m; i++) norm += Math.Pow(points[others[k]][i] - points[b][i], 2);
                norms[k] = Math.Sqrt(norm);
                for (int i = 0; i < m; i++) design[i, k] = Math.Sqrt(weights[i]) / z[i] * (points[others[k]][i] - points[b][i]) / norms[k];
            }
            var target = new DenseVector([.. weights.Select(Math.Sqrt)]);
            var eta = design.Svd(true).Solve(target);
            var direction = new double[theta.Length];
            for (int k = 0; k < others.Count; k++)
            {
                direction[others[k]] = eta[k] / norms[k];
                direction[b] -= eta[k] / norms[k];
            }
            double limit = 1;
            int blocking = -1;
            foreach (int j in support)
            {
                if (direction[j] < 0 && theta[j] / -direction[j] < limit) (limit, blocking) = (theta[j] / -direction[j], j);
            }
            double t = limit;
            bool raised = false;
            for (int halving = 0; halving < 60; halving++, t /= 2, blocking = -1)
            {
                var trial = theta.Select((v, j) => v + t * direction[j]).ToArray();
                if (Objective(Combine(points, trial, m), weights) > f)
                {
                    for (int j = 0; j < theta.Length; j++) theta[j] = Math.Max(0, trial[j]);
                    if (blocking >= 0) theta[blocking] = 0;
                    raised = true;
                    break;
                }
            }
            support.RemoveAll(j => theta[j] == 0);
            if (!raised) break;
        }
        Normalise(theta);
    }

    /// <summary>If the support is affinely dependent, moves θ along a dependence (z unchanged) until a point other than
    /// <paramref name="entering"/> reaches weight 0, and drops it; repeats until the support is independent.</summary>
    private static void Reduce(IReadOnlyList<double[]> points, double[] theta, List<int> support, int entering)
    {
        int m = points[0].Length;
        while (support.Count > 1)
        {
            // [Y_S; 1ᵀ] with columns scaled to unit length: its null vectors are the affine dependences.
            var matrix = new DenseMatrix(m + 1, support.Count);
            var norms = new double[support.Count];
            for (int k = 0; k < support.Count; k++)
            {
                double norm = 1;
                for (int i = 0; i < m; i++) norm += points[support[k]][i] * points[support[k]][i];
                norms[k] = Math.Sqrt(norm);
                for (int i = 0; i < m; i++) matrix[i, k] = points[support[k]][i] / norms[k];
                matrix[m, k] = 1 / norms[k];
            }
            var svd = matrix.Svd(true);
            var singular = svd.S;
            int rank = singular.Count(s => s > Dependent * singular[0]);
            if (rank >= support.Count) return;
            var null_ = svd.VT.Row(support.Count - 1);
            var v = new double[support.Count];
            for (int k = 0; k < support.Count; k++) v[k] = null_[k] / norms[k];
            int self = support.IndexOf(entering);
            if (self >= 0 && v[self] > 0) v = [.. v.Select(x => -x)];
            double t = double.PositiveInfinity;
            int drop = -1;
            for (int k = 0; k < support.Count; k++)
            {
                if (k == self || !(v[k] > 0)) continue;
                if (theta[support[k]] / v[k] < t) (t, drop) = (theta[support[k]] / v[k], k);
            }
            if (drop < 0) return;
            for (int k = 0; k < support.Count; k++) theta[support[k]] = Math.Max(0, theta[support[k]] - t * v[k]);
            theta[support[drop]] = 0;
            support.RemoveAt(drop);
            Normalise(theta);
        }
    }

    private static void Normalise(double[] theta)
    {
        double sum = theta.Sum();
        for (int j = 0; j < theta.Length; j++) theta[j] /= sum;
    }
}
