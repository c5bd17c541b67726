using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.ExceptionServices;
using Mediator;
using Microsoft.Extensions.Logging;
using PilotEval.Documents;
using PilotEval.Evidence;
using PilotEval.Integrity;
using PilotEval.Publishing;
using PilotEval.Ranking;
using PilotEval.Rubrics;
using PilotEval.Scoring;
using PilotEval.Store;
using PilotEval.Summaries;

namespace PilotEval.Pipeline;

/// <summary>
/// The orchestrating slice, and the only one that orders the stages: every submission goes through
/// ingest → integrity screen → evidence → score → summary, then all of them through the near-duplicate
/// check, shortlists and publishing. The run holds its output directory's lock throughout, reads through the
/// content-addressed store (so a re-run or a resumed run reads only what changed), appends to the audit trail as
/// submissions finish, and ends with per-stage totals.
/// </summary>
public static class EvaluateSubmissions
{
    /// <param name="SubmissionsDirectory">Each file or sub-folder in it is one submission.</param>
    /// <param name="Shortlist">Overrides the configured <see cref="ShortlistOptions"/> for this run (the CLI's --quota, --min-score).</param>
    /// <param name="StorePath">The store to read through; null is <c>&lt;out&gt;/store.db</c>.</param>
    /// <param name="ConfirmationsFile">People's decisions on eligibility checks (CSV, see <see cref="Confirmations"/>), or null.</param>
    public sealed record Command(string SubmissionsDirectory, string RubricsDirectory, string OutputDirectory,
        ShortlistOptions? Shortlist = null, string? StorePath = null, string? ConfirmationsFile = null) : ICommand<Result>
    {
        /// <summary>How many full results a report reads back from the store at a time (see <see cref="SubmissionDetails"/>).</summary>
        public int ResultsBatch { get; init; } = SubmissionDetails.DefaultBatchSize;
    }

    /// <param name="Run">What the run produced; when <see cref="Standing"/> is set, only its record (no submissions: nothing was assessed).</param>
    /// <param name="Files">The files written, or for a run that had nothing to do the audit trail it appended to.</param>
    public sealed record Result(EvaluationRun Run, ImmutableArray<string> Files)
    {
        /// <summary>Set when nothing had changed since this completed run: its outputs stand, verified, and nothing was written.</summary>
        public RunManifest? Standing { get; init; }
    }

    public sealed class Handler(IMediator mediator, AuditTrail audit, ShortlistOptions shortlistOptions,
        DuplicateOptions duplicateOptions, ReaderLimits readerLimits, LlmOptions llmOptions, TimeProvider clock,
        DocumentReader reader, ILogger<Handler> logger) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var started = clock.GetUtcNow();
            var wall = Stopwatch.StartNew();
            var runId = RunRecord.NewId(started);
            // A bad rubric stops the run before any work: RubricFileException reaches the caller.
            var rubrics = RubricLoader.LoadDirectory(command.RubricsDirectory);
            var sources = SubmissionDiscovery.Find(command.SubmissionsDirectory, command.OutputDirectory);
            // Confirmations are checked before any work, like the rubrics: a misspelt source would be ignored in silence.
            var confirmations = command.ConfirmationsFile is { } confirmationsFile ? Confirmations.Load(confirmationsFile) : [];
            if (Confirmations.Unmatched(confirmations, [.. sources.Select(s => s.Source)], [.. rubrics.Eligibility.Checks.Select(c => c.Id)])
                    .FirstOrDefault() is { } unmatched)
                throw new ConfirmationFileException(command.ConfirmationsFile!, 0, unmatched);
            var outDir = Path.GetFullPath(command.OutputDirectory);
            using var runLock = RunLock.Acquire(outDir, runId);
            RemoveTornWrites(outDir);
            var storePath = command.StorePath ?? Path.Combine(outDir, RunStore.DefaultFileName);
            var readerKey = RunStore.ReaderKey(readerLimits);
            var hashes = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
            var rulesDigest = SubmissionKey.RulesDigest(command.RubricsDirectory);
            var auditLog = new AuditLog(Path.Combine(outDir, AuditLog.FileName));
            var workers = Math.Max(Environment.ProcessorCount, llmOptions.Enabled ? llmOptions.MaxConcurrency : 0);
            var settings = new RunSettings(readerLimits, command.Shortlist ?? shortlistOptions, duplicateOptions, RunSettings.Of(llmOptions), workers,
                Path.GetFullPath(storePath));
            logger.LogInformation("Run {RunId}: evaluating {Count} submissions in {Directory} against {Tracks} track rubrics on {Workers} workers",
                runId, sources.Length, command.SubmissionsDirectory, rubrics.Rubrics.Length, workers);
            audit.Clear();
            var entries = new ConcurrentQueue<AuditEntry>();
            void Flush(IEnumerable<AuditEntry> drained)
            {
                var stamped = drained.Select(e => e with { Run = runId }).ToList();
                foreach (var e in stamped) entries.Enqueue(e);
                auditLog.Append(stamped);
            }

            // Every submission's key first (hashing its files, in parallel), then the stored results of all of them in
            // a few queries: a re-run of 1,000 unchanged applications pays one lookup, not one per application. A
            // failure while hashing is kept and met below, where it becomes that submission's internal-error.
            var keys = new (string? Key, Exception? Failure)[sources.Length];
            await Parallel.ForEachAsync(Enumerable.Range(0, sources.Length),
                new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
                async (i, ct) =>
                {
                    try
                    {
                        keys[i] = (await KeyOf(sources[i], readerKey, rulesDigest, hashes, confirmations, ct), null);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                    {
                        keys[i] = (null, ex);
                    }
                });
            RunRecord Record(DateTimeOffset finished) => new(runId, RunRecord.PilotEvalVersion, started, finished,
                Path.GetFullPath(command.SubmissionsDirectory), settings,
                [.. sources.SelectMany(s => s.Files).Order(StringComparer.Ordinal).Select(f => new HashedFile(f, hashes.GetValueOrDefault(f, "")))],
                RunRecord.RuleFiles(rubrics));

            // Nothing changed since the last completed run, and its outputs are as it wrote them: they stand. Checked
            // before the store is opened, so such a run costs the hashing and nothing more.
            var input = RunManifest.InputDigest(command.SubmissionsDirectory, rulesDigest, settings, confirmations,
                [.. sources.Select((s, i) => (s.Source, keys[i].Key))]);
            if (input is not null && RunManifest.Load(outDir) is { Settled: true } last && last.Input == input
                && await last.OutputProblemAsync(outDir, cancellationToken) is var problem && problem is null)
            {
                auditLog.Append([new AuditStanding(runId, "run", AuditStanding.StageName, started, clock.GetUtcNow(),
                    Math.Round(wall.Elapsed.TotalSeconds, 2), sources.Length, last.Run, last.Outputs.Length)]);
                logger.LogInformation("Run {RunId}: nothing changed since run {Standing} ({Finished:u}); its {Count} outputs stand, each verified by its SHA-256, and nothing was written ({Seconds:0.0} s)",
                    runId, last.Run, last.FinishedAt, last.Outputs.Length, wall.Elapsed.TotalSeconds);
                return new Result(new EvaluationRun(Path.GetFullPath(command.SubmissionsDirectory), rubrics, [], [], [], []) { Record = Record(clock.GetUtcNow()) },
                    [auditLog.Path]) { Standing = last };
            }
            else if (input is not null && RunManifest.Load(outDir) is { } earlier && earlier.Input == input)
            {
                logger.LogInformation("Nothing changed since run {Earlier}, but {Why}: running in full", earlier.Run,
                    earlier.Settled ? await earlier.OutputProblemAsync(outDir, cancellationToken) : "some of its results depended on the moment (a timeout, OCR or the model)");
            }
            // The outputs are about to change: no manifest vouches for them until this run completes.
            RunManifest.Withdraw(outDir);

            await using var store = await RunStore.OpenAsync(storePath, cancellationToken, readerLimits.Ocr);
            var reading = new StoredReading(store, readerKey, hashes);
            await store.PrefetchSubmissionsAsync(keys.Where(k => k.Key is not null).Select(k => k.Key!), cancellationToken);
            // A file no run has read means a reader worker: its runtime starts now, beside the restoring of the others.
            var toAssess = Enumerable.Range(0, sources.Length).Where(i => keys[i].Key is not { } k || !store.Prefetched(k));
            if (await store.CountUnreadAsync([.. toAssess.SelectMany(i => sources[i].Files).Select(f => reading.Hashes.GetValueOrDefault(f)).OfType<string>()],
                    readerKey, cancellationToken) > 0)
                reader.Warm();

            var done = 0;
            var assessments = new SubmissionAssessment[sources.Length];
            // The key of every submission whose result is in the store: the text-reuse check keeps its comparisons under them.
            var storedKeys = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
            await Parallel.ForEachAsync(Enumerable.Range(0, sources.Length),
                // A submission waiting on the model holds no CPU: with a model, run as many as it may serve at once.
                new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken },
                async (i, ct) =>
                {
                    var source = sources[i];
                    var fromStore = false;
                    try
                    {
                        if (keys[i].Failure is { } failure) ExceptionDispatchInfo.Throw(failure);
                        var key = keys[i].Key;
                        var started = clock.GetUtcNow();
                        var watch = Stopwatch.StartNew();
                        if (key is not null && await store.FindSubmissionAsync(key, ct) is { } stored)
                        {
                            assessments[i] = stored.Restore(source).Brief();
                            store.ServedFromStore(source.Files.Length);
                            audit.Record(new AuditEntry(source.Source, StoredStage, started, Math.Round(watch.Elapsed.TotalMilliseconds, 1), "ok"));
                            fromStore = true;
                            storedKeys[source.Source] = key;
                        }
                        else
                        {
                            var assessed = await Assess(new SubmissionAssessment(source), rubrics, reading, confirmations, ct);
                            if (key is not null && Keepable(assessed, store))
                            {
                                assessments[i] = await Keep(store, key, assessed, ct);
                                storedKeys[source.Source] = key;
                            }
                            else
                            {
                                assessments[i] = assessed;
                            }
                        }
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                    {
                        // The stages isolate their own failures (SubmissionErrorBehavior); this catches the bookkeeping
                        // around them (hashing, the store, the clock), so one submission's failure never ends the batch.
                        logger.LogError(ex, "Evaluating {Source} failed", source.Source);
                        assessments[i] = new SubmissionAssessment(source) { Errors = [SubmissionFailure.InternalError(source.Source, ex)] };
                    }
                    // A submission that did work leaves its trace at once (a killed run shows what it finished); one taken
                    // from the store did none, and its line waits for the next flush rather than costing a disk sync each.
                    if (!fromStore) Flush(audit.Drain());
                    var finished = Interlocked.Increment(ref done);
                    var a = assessments[i];
                    logger.LogInformation("[{Done}/{Total}] {Source}: {Outcome}", finished, sources.Length, a.Source,
                        a.Failed ? "failed (" + string.Join(", ", a.Errors.Select(e => e.Code).Distinct()) + ")"
                        : a.Scorecard is { } s ? $"{a.Track?.Track} {s.Total:0.0}" : "not scored (track unknown)");
                });

            Flush(audit.Drain());
            // Nothing is read from here on (the text-reuse check takes text from the store): the workers' memory goes
            // now rather than sitting beside the duplicates and the reports, where the run's memory peaks.
            reader.StopIdleWorkers();

            var comparisons = new StoredTextReuse(store, storedKeys);
            var duplicates = await RunStage("DetectDuplicates", runId, Flush, async () =>
            {
                var found = await mediator.Send(new DetectDuplicates.Command([.. assessments], a => SentencesOf(a, store, reading), comparisons), cancellationToken);
                comparisons.Flush();
                return found;
            });
            logger.LogInformation("Near-duplicate check: {Pairs} pairs flagged after comparing {Candidates} candidate pairs; text compared for {Compared} pairs, {Kept} taken from the store",
                duplicates.PairCount, duplicates.CandidatePairs, comparisons.Counts.Compared, comparisons.Counts.Kept);
            var screened = duplicates.Assessments;
            var shortlists = await RunStage("BuildShortlists", runId, Flush,
                () => mediator.Send(new BuildShortlists.Command(screened, rubrics, command.Shortlist ?? shortlistOptions), cancellationToken).AsTask());

            var record = Record(clock.GetUtcNow());
            var run = new EvaluationRun(Path.GetFullPath(command.SubmissionsDirectory), rubrics, screened,
                shortlists.Shortlists, shortlists.Exclusions, [.. entries.OrderBy(e => e.Source, StringComparer.Ordinal).ThenBy(e => e.StartedAt)])
            {
                Record = record,
                DuplicateClusters = duplicates.Clusters,
                Details = storedKeys.IsEmpty ? null
                    : new SubmissionDetails(store.Path, new Dictionary<string, string>(storedKeys, StringComparer.Ordinal), command.ResultsBatch),
            };
            var published = await RunStage("PublishResults", runId, Flush,
                () => mediator.Send(new PublishResults.Command(run, outDir), cancellationToken).AsTask(), p => p.Reports);
            logger.LogInformation("Reports: {Reports}", string.Join(", ",
                published.Reports.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Stage} {r.Seconds:0.00} s"))));
            if (run.Details is { } details)
                logger.LogInformation("Reports read {Loaded} full results back from the store for {Held} submissions held in brief, at most {Peak} at once",
                    details.Loaded, storedKeys.Count, details.PeakLive);

            var totals = Totals(runId, started, clock.GetUtcNow(), wall.Elapsed, sources.Length, workers, store, [.. entries]);
            auditLog.Append([totals]);
            // The run is complete: what it took in and what it wrote, so that the same input next time has nothing to do.
            if (input is not null)
            {
                await new RunManifest(RunManifest.CurrentVersion, runId, clock.GetUtcNow(), input,
                        Settled: screened.All(a => storedKeys.ContainsKey(a.Source) || Settled(a)),
                        await RunManifest.HashOutputsAsync(outDir, published.Files, cancellationToken))
                    .SaveAsync(outDir, cancellationToken);
            }
            logger.LogInformation("Run {RunId} took {Seconds:0.0} s: {Stages}; files read {Read}, from the store {Cached}; submissions assessed {Assessed}, from the store {Stored}",
                runId, totals.WallSeconds,
                string.Join(", ", totals.Stages.Select(s => string.Create(CultureInfo.InvariantCulture, $"{StageName(s.Stage)} {s.Seconds:0.0} s"))),
                totals.FilesRead, totals.FilesFromStore, totals.SubmissionsAssessed, totals.SubmissionsFromStore);
            return new Result(run, [.. published.Files, auditLog.Path, store.Path]);
        }

        /// <summary>The audit stage of a submission whose per-submission result came from the store.</summary>
        internal const string StoredStage = "FromStore";

        /// <summary>
        /// The key of the submission's result in the store (hashing its files, which the run record lists too), or
        /// null when a file cannot be opened: such a submission is assessed every time, and its reader says why.
        /// </summary>
        private async Task<string?> KeyOf(SubmissionSource source, string readerKey, string rulesDigest, ConcurrentDictionary<string, string> hashes,
            IReadOnlyList<EligibilityConfirmation> confirmations, CancellationToken ct)
        {
            var files = ImmutableArray.CreateBuilder<(string, string)>(source.Files.Length);
            foreach (var file in source.Files)
            {
                try
                {
                    var sha = await ContentHash.OfFileAsync(Path.Combine(source.Root, file), ct);
                    hashes[file] = sha;
                    files.Add((file, sha));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    return null;
                }
            }
            // What else shapes the result: the signature the near-duplicate check compares, the model, and people's decisions on it.
            var settings = new
            {
                Duplicates = duplicateOptions,
                Llm = RunSettings.Of(llmOptions),
                Confirmations = confirmations.Where(c => c.Source == source.Source),
            };
            return SubmissionKey.Of(readerKey, rulesDigest, source.Source, files.MoveToImmutable(), settings);
        }

        /// <summary>
        /// A result is kept only when a re-run would compute the same: none of its files cut short by the clock or
        /// waiting for OCR, no failure of PilotEval's own, and no review the model failed to give.
        /// </summary>
        private bool Keepable(SubmissionAssessment assessed, RunStore store) =>
            !assessed.Errors.Any(e => e.Code == FileErrorCodes.InternalError) &&
            !assessed.Documents.Any(store.CutShort) &&
            !(llmOptions.Enabled && assessed.Summary?.FallbackReason is not null);

        /// <summary>
        /// A result the store did not keep that a re-run with the same input would nonetheless compute the same. The
        /// store keeps no reading left with a page for OCR while OCR is on; but a page that is blank, or a picture OCR
        /// finds no text in, stays so every time, and whether the OCR tools are installed is part of the run's input
        /// digest. What depended on the moment is not settled: a timeout, OCR stopped short (<c>partially-read</c>), a
        /// failure of PilotEval's own, a review the model did not give.
        /// </summary>
        private bool Settled(SubmissionAssessment a) =>
            !a.Errors.Any(e => e.Code is FileErrorCodes.InternalError or FileErrorCodes.Timeout) &&
            !a.Flags.Any(f => f.Code == FlagCodes.PartiallyRead) &&
            !a.Documents.Any(d => d.Errors.Any(e => e.Code == FileErrorCodes.Timeout) || d.Flags.Any(f => f.Code == FlagCodes.PartiallyRead)) &&
            !(llmOptions.Enabled && a.Summary?.FallbackReason is not null);

        /// <summary>
        /// Keeps the result in the store the moment it is done (a run killed later loses only what is in flight), and
        /// goes on with the stored form in brief, without the documents' blocks or the quotes: the run-level stages
        /// then see exactly what a re-run would take from the store, and memory does not grow with the text or the
        /// evidence of every submission (the reports read the quotes back, a batch at a time).
        /// </summary>
        private static async Task<SubmissionAssessment> Keep(RunStore store, string key, SubmissionAssessment assessed, CancellationToken ct)
        {
            var snapshot = SubmissionSnapshot.Of(assessed);
            var bytes = snapshot.ToBytes();
            await store.SaveSubmissionAsync(key, assessed.Source, bytes, ct);
            return SubmissionSnapshot.FromBytes(bytes)!.Restore(assessed.Submission).Brief();
        }

        /// <summary>The sentences of a submission for the text-reuse comparison, read back from the store when its blocks were let go.</summary>
        private static IReadOnlyList<Sentence> SentencesOf(SubmissionAssessment a, RunStore store, StoredReading reading) =>
            a.Released is null
                ? a.Sentences()
                : (a with
                {
                    Documents = [.. a.Documents.Select(d => reading.Hashes.TryGetValue(d.File, out var sha)
                        ? store.Document(sha, reading.ReaderKey, d.File) ?? d
                        : d)],
                }).Sentences();

        /// <summary>Runs the per-submission stages in order; a submission with nothing readable stops after ingest.</summary>
        private async Task<SubmissionAssessment> Assess(SubmissionAssessment assessment, RubricSet rubrics, StoredReading reading,
            IReadOnlyList<EligibilityConfirmation> confirmations, CancellationToken ct)
        {
            assessment = await mediator.Send(new IngestSubmission.Command(assessment, reading), ct);
            if (assessment.Failed) return assessment;
            assessment = await mediator.Send(new ScreenIntegrity.Command(assessment), ct);
            if (assessment.Failed) return assessment;
            assessment = await mediator.Send(new ExtractEvidence.Command(assessment, rubrics), ct);
            if (assessment.Failed) return assessment;
            assessment = await mediator.Send(new ScoreSubmission.Command(assessment, rubrics, confirmations), ct);
            if (assessment.Failed) return assessment;
            return await mediator.Send(new SummarizeSubmission.Command(assessment, rubrics), ct);
        }

        /// <summary>Times a run-level stage and appends it to the audit trail, whether it finished or threw.</summary>
        /// <param name="parts">The stage's parts' own times, for a stage that runs several side by side (the reports).</param>
        private async Task<T> RunStage<T>(string stage, string runId, Action<IEnumerable<AuditEntry>> flush, Func<Task<T>> work,
            Func<T, IReadOnlyList<StageTotal>>? parts = null)
        {
            var started = clock.GetUtcNow();
            var watch = Stopwatch.StartNew();
            var outcome = "exception";
            IReadOnlyList<StageTotal>? timed = null;
            try
            {
                var result = await work();
                outcome = "ok";
                timed = parts?.Invoke(result);
                return result;
            }
            finally
            {
                flush([new AuditEntry("*", stage, started, Math.Round(watch.Elapsed.TotalMilliseconds, 1), outcome) { Run = runId, Scope = "run", Parts = timed }]);
            }
        }

        private static AuditTotals Totals(string runId, DateTimeOffset started, DateTimeOffset finished, TimeSpan wall, int submissions,
            int workers, RunStore store, IReadOnlyList<AuditEntry> entries) =>
            new(runId, "run", "totals", started, finished, Math.Round(wall.TotalSeconds, 2), submissions, workers,
                store.Reads.Misses, store.Reads.Hits, store.Submissions.Misses, store.Submissions.Hits,
                [.. entries.GroupBy(e => (e.Stage, e.Scope))
                    .OrderBy(g => g.Key.Scope == "run" ? 1 : 0).ThenBy(g => StageOrder(g.Key.Stage))
                    .Select(g => new StageTotal(g.Key.Stage, g.Key.Scope, g.Count(), Math.Round(g.Sum(e => e.Milliseconds) / 1000, 2)))]);

        private static int StageOrder(string stage) => Enum.TryParse<Stage>(stage, out var s) ? (int)s : 100;

        /// <summary>The stage as the issue and the README name it.</summary>
        private static string StageName(string stage) => stage switch
        {
            nameof(Stage.Ingest) => "reading",
            nameof(Stage.ScreenIntegrity) => "integrity",
            nameof(Stage.ExtractEvidence) => "evidence",
            nameof(Stage.Score) => "scoring",
            nameof(Stage.Summarize) => "summaries",
            StoredStage => "from the store",
            "DetectDuplicates" => "duplicates",
            "BuildShortlists" => "shortlists",
            "PublishResults" => "reports",
            _ => stage,
        };

        /// <summary>A run killed while writing leaves its temporary files; they are never outputs and go before this run writes.</summary>
        private static void RemoveTornWrites(string outDir)
        {
            foreach (var dir in new[] { outDir, Path.Combine(outDir, "feedback") }.Where(Directory.Exists))
            {
                foreach (var torn in Directory.EnumerateFiles(dir, "*" + JsonOutput.TemporarySuffix)) File.Delete(torn);
            }
        }
    }
}

/// <summary>
/// Reading through the store for one run: the store, the reader's key, and the SHA-256 of every file seen (for the
/// run record), filled as files are read or found.
/// </summary>
public sealed class StoredReading(RunStore store, string readerKey, ConcurrentDictionary<string, string>? hashes = null)
{
    /// <summary>SHA-256 by file name (relative to the submissions directory): hashed once for the submission's key, reused to read.</summary>
    public ConcurrentDictionary<string, string> Hashes { get; } = hashes ?? new(StringComparer.Ordinal);

    public string ReaderKey => readerKey;

    public async Task<DocumentText> ReadAsync(string path, string name, DocumentReader reader, CancellationToken cancellationToken)
    {
        var (document, sha) = await store.ReadAsync(path, name, readerKey, reader, cancellationToken, Hashes.GetValueOrDefault(name));
        if (sha is not null) Hashes[name] = sha;
        return document;
    }
}
