namespace PilotEval.Panel;

/// <summary>
/// Simulated panels with planted truth, to check that calibration earns its place: each seed draws application
/// qualities, expert severities and noise, lets each application be scored by a random subset of the panel, and
/// compares (a) the fitted severities with the planted ones and (b) how often the calibrated and the trimmed-mean
/// rankings recover the true top k. <c>piloteval panel simulate</c> prints the figures.
/// </summary>
public static class CalibrationSimulation
{
    /// <param name="QualitySd">Spread of true quality (points).</param>
    /// <param name="SeveritySd">Spread of planted expert severity (points).</param>
    /// <param name="NoiseSd">Per-score noise (points).</param>
    public sealed record Settings(int Applications = 30, int Experts = 9, int PerApplication = 5, int TopK = 5,
        double QualitySd = 8, double SeveritySd = 6, double NoiseSd = 3);

    /// <param name="SeverityCorrelation">Mean Pearson correlation of fitted with planted severities.</param>
    /// <param name="CalibratedExact">Seeds where the calibrated top k is exactly the true top k.</param>
    /// <param name="RawExact">Seeds where the trimmed-mean top k is exactly the true top k.</param>
    /// <param name="CalibratedOverlap">Mean share of the true top k in the calibrated top k.</param>
    /// <param name="RawOverlap">Mean share of the true top k in the trimmed-mean top k.</param>
    /// <param name="CalibratedBetter">Seeds where the calibrated top k holds more of the true top k than the raw one.</param>
    /// <param name="RawBetter">Seeds where the raw top k holds more of the true top k than the calibrated one.</param>
    public sealed record Outcome(int Seeds, double SeverityCorrelation, int CalibratedExact, int RawExact, double CalibratedOverlap, double RawOverlap,
        int CalibratedBetter, int RawBetter);

    public static Outcome Run(int seeds, Settings settings)
    {
        double correlation = 0, calibratedOverlap = 0, rawOverlap = 0;
        int calibratedExact = 0, rawExact = 0, calibratedBetter = 0, rawBetter = 0;
        for (var seed = 1; seed <= seeds; seed++)
        {
            var random = new Random(seed);
            var quality = Enumerable.Range(0, settings.Applications).Select(_ => 70 + settings.QualitySd * Normal(random)).ToArray();
            var planted = Enumerable.Range(0, settings.Experts).Select(_ => settings.SeveritySd * Normal(random)).ToArray();
            var mean = planted.Average();
            var scores = new List<(string Expert, string Application, double Score)>();
            for (var a = 0; a < settings.Applications; a++)
            {
                var panel = Enumerable.Range(0, settings.Experts).OrderBy(_ => random.Next()).Take(settings.PerApplication);
                foreach (var e in panel)
                    scores.Add(($"e{e}", $"a{a:000}", Math.Clamp(quality[a] + planted[e] + settings.NoiseSd * Normal(random), 0, 100)));
            }
            var fit = Calibration.Solve(scores);
            var fitted = Enumerable.Range(0, settings.Experts).Select(e => fit.Severity.GetValueOrDefault($"e{e}")).ToList();
            correlation += Aggregation.Pearson(fitted, [.. planted.Select(p => p - mean)]) ?? 0;

            var truth = Top(Enumerable.Range(0, settings.Applications).ToDictionary(a => $"a{a:000}", a => quality[a]), settings.TopK);
            var raw = Top(scores.GroupBy(s => s.Application).ToDictionary(g => g.Key, g => Aggregation.TrimmedMean([.. g.Select(s => s.Score)])!.Value), settings.TopK);
            var calibrated = Top(fit.Quality.ToDictionary(q => q.Key, q => q.Value), settings.TopK);
            var c = calibrated.Intersect(truth).Count();
            var r = raw.Intersect(truth).Count();
            calibratedOverlap += (double)c / settings.TopK;
            rawOverlap += (double)r / settings.TopK;
            if (c == settings.TopK) calibratedExact++;
            if (r == settings.TopK) rawExact++;
            if (c > r) calibratedBetter++;
            if (r > c) rawBetter++;
        }
        return new Outcome(seeds, correlation / seeds, calibratedExact, rawExact, calibratedOverlap / seeds, rawOverlap / seeds, calibratedBetter, rawBetter);
    }

    private static HashSet<string> Top(Dictionary<string, double> values, int k) =>
        [.. values.OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal).Take(k).Select(v => v.Key)];

    /// <summary>Box–Muller: a standard normal draw from the seeded generator, so every seed replays exactly.</summary>
    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
