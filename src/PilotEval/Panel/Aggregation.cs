namespace PilotEval.Panel;

/// <summary>
/// The rules' aggregation of one application's expert totals: with five or more scores drop one highest and one
/// lowest and average the rest (domain.md), with fewer take the mean; the spread is highest minus lowest.
/// </summary>
public static class Aggregation
{
    public const int TrimFrom = 5;

    public static double? TrimmedMean(IReadOnlyList<double> totals)
    {
        if (totals.Count == 0) return null;
        if (totals.Count < TrimFrom) return totals.Average();
        var sorted = totals.Order().ToList();
        return sorted.Skip(1).Take(sorted.Count - 2).Average();
    }

    public static double? Spread(IReadOnlyList<double> totals) => totals.Count == 0 ? null : totals.Max() - totals.Min();

    /// <summary>Spearman's rank correlation (average ranks for ties); null with fewer than three pairs or no variation.</summary>
    public static double? Spearman(IReadOnlyList<(double X, double Y)> pairs)
    {
        if (pairs.Count < 3) return null;
        var rx = Ranks(pairs.Select(p => p.X).ToList());
        var ry = Ranks(pairs.Select(p => p.Y).ToList());
        return Pearson(rx, ry);
    }

    public static double? Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var mx = x.Average();
        var my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Count; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? null : sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>1-based ranks, highest value first, ties sharing their average rank.</summary>
    public static List<double> Ranks(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderByDescending(i => values[i]).ToList();
        var ranks = new double[values.Count];
        for (var i = 0; i < order.Count;)
        {
            var j = i;
            while (j + 1 < order.Count && values[order[j + 1]] == values[order[i]]) j++;
            for (var k = i; k <= j; k++) ranks[order[k]] = (i + j) / 2.0 + 1;
            i = j + 1;
        }
        return [.. ranks];
    }
}

/// <summary>
/// Reviewer calibration with an additive severity model: score(e, a) = quality(a) + severity(e) + noise, fitted by
/// least squares with the mean severity fixed at zero (Roos et al. 2011; Tan et al. 2021). The model is only
/// identified on a connected expert–application graph, so it is fitted per connected component and the caller
/// decides whether the applications it compares share one.
/// </summary>
public static class Calibration
{
    public sealed record Fit(IReadOnlyDictionary<string, double> Quality, IReadOnlyDictionary<string, double> Severity,
        IReadOnlyDictionary<string, int> ComponentOfApplication);

    public static Fit Solve(IReadOnlyList<(string Expert, string Application, double Score)> scores)
    {
        var quality = new Dictionary<string, double>(StringComparer.Ordinal);
        var severity = new Dictionary<string, double>(StringComparer.Ordinal);
        var componentOf = Components(scores);
        foreach (var component in componentOf.GroupBy(c => c.Value, c => c.Key))
        {
            var apps = component.Where(k => k.StartsWith("a:", StringComparison.Ordinal)).Select(k => k[2..]).ToHashSet(StringComparer.Ordinal);
            var part = scores.Where(s => apps.Contains(s.Application)).ToList();
            var (q, b) = SolveConnected(part);
            foreach (var (k, v) in q) quality[k] = v;
            foreach (var (k, v) in b) severity[k] = v;
        }
        return new Fit(quality, severity, componentOf.Where(c => c.Key.StartsWith("a:", StringComparison.Ordinal))
            .ToDictionary(c => c.Key[2..], c => c.Value, StringComparer.Ordinal));
    }

    /// <summary>
    /// Block coordinate descent on the normal equations: each step sets the qualities, then the severities, to their
    /// exact conditional optimum, so the squared error never increases; the fit is convex and, on a connected graph
    /// with the mean-zero constraint, unique. Deterministic: a fixed order, a fixed tolerance.
    /// </summary>
    private static (Dictionary<string, double> Quality, Dictionary<string, double> Severity) SolveConnected(
        IReadOnlyList<(string Expert, string Application, double Score)> scores)
    {
        var byApp = scores.GroupBy(s => s.Application).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var byExpert = scores.GroupBy(s => s.Expert).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var b = byExpert.Keys.ToDictionary(e => e, _ => 0.0, StringComparer.Ordinal);
        var q = byApp.Keys.ToDictionary(a => a, _ => 0.0, StringComparer.Ordinal);
        for (var iteration = 0; iteration < 20000; iteration++)
        {
            foreach (var (a, list) in byApp) q[a] = list.Average(s => s.Score - b[s.Expert]);
            var change = 0.0;
            foreach (var (e, list) in byExpert)
            {
                var next = list.Average(s => s.Score - q[s.Application]);
                change = Math.Max(change, Math.Abs(next - b[e]));
                b[e] = next;
            }
            var mean = b.Values.Average();
            foreach (var e in byExpert.Keys) b[e] -= mean;
            if (change < 1e-9) break;
        }
        foreach (var (a, list) in byApp) q[a] = list.Average(s => s.Score - b[s.Expert]);
        return (q, b);
    }

    /// <summary>Connected components of the bipartite graph; keys are "e:name" and "a:source".</summary>
    private static Dictionary<string, int> Components(IReadOnlyList<(string Expert, string Application, double Score)> scores)
    {
        var neighbours = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (e, a, _) in scores)
        {
            var (x, y) = ("e:" + e, "a:" + a);
            if (!neighbours.TryGetValue(x, out var nx)) neighbours[x] = nx = [];
            if (!neighbours.TryGetValue(y, out var ny)) neighbours[y] = ny = [];
            nx.Add(y);
            ny.Add(x);
        }
        var component = new Dictionary<string, int>(StringComparer.Ordinal);
        var next = 0;
        foreach (var start in neighbours.Keys.Order(StringComparer.Ordinal))
        {
            if (component.ContainsKey(start)) continue;
            var stack = new Stack<string>([start]);
            component[start] = next;
            while (stack.TryPop(out var node))
            {
                foreach (var n in neighbours[node].Where(n => !component.ContainsKey(n)))
                {
                    component[n] = next;
                    stack.Push(n);
                }
            }
            next++;
        }
        return component;
    }
}
