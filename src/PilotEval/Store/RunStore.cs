using System.IO.Compression;
using System.Reflection;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PilotEval.Documents;

namespace PilotEval.Store;

/// <summary>
/// The store of one output directory (<c>&lt;out&gt;/store.db</c> unless told otherwise), shared by every run into
/// it and by runs over other folders: what was read is kept per SHA-256 of the file's bytes and per reader, so a
/// file unchanged since any earlier run — renamed, moved to another folder, or left where it was by a run that was
/// killed — is not read again. Each file is written as soon as it is read, which is what makes a killed run resume.
/// </summary>
public sealed class RunStore : IAsyncDisposable
{
    /// <summary>The store's file name inside the output directory.</summary>
    public const string DefaultFileName = "store.db";

    private readonly DbContextOptions<StoreContext> _options;
    private readonly SqliteConnection _keepAlive;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _hits;
    private int _misses;
    private int _submissionHits;
    private int _submissionMisses;

    private readonly bool _ocrWanted;

    /// <summary>Stored results loaded by <see cref="PrefetchSubmissionsAsync"/>, by key, until taken.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> _prefetched = new(StringComparer.Ordinal);

    private RunStore(string path, DbContextOptions<StoreContext> options, SqliteConnection keepAlive, bool ocrWanted)
    {
        _ocrWanted = ocrWanted;
        Path = path;
        _options = options;
        _keepAlive = keepAlive;
    }

    public string Path { get; }

    /// <summary>Files served from the store, and files read, in this run.</summary>
    public (int Hits, int Misses) Reads => (Volatile.Read(ref _hits), Volatile.Read(ref _misses));

    /// <summary>Submissions whose per-submission result came from the store, and submissions assessed, in this run.</summary>
    public (int Hits, int Misses) Submissions => (Volatile.Read(ref _submissionHits), Volatile.Read(ref _submissionMisses));

    /// <summary>Opens (or creates) the store; a store of another schema version is emptied, since everything in it can be recomputed.</summary>
    /// <param name="ocrWanted">OCR is switched on: a reading with pages left for OCR is not kept.</param>
    public static async Task<RunStore> OpenAsync(string path, CancellationToken cancellationToken, bool ocrWanted = true)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        // One connection held open for the run: WAL set once, and pooled connections reuse it cheaply.
        var keepAlive = new SqliteConnection(connectionString);
        await keepAlive.OpenAsync(cancellationToken);
        await using (var pragma = keepAlive.CreateCommand())
        {
            // WAL: a kill -9 mid-write loses at most the row being written, never the file.
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }
        var options = new DbContextOptionsBuilder<StoreContext>().UseSqlite(connectionString).Options;
        await using (var db = new StoreContext(options))
        {
            await db.Database.EnsureCreatedAsync(cancellationToken);
            var schema = StoreContext.SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if ((await db.Info.FirstOrDefaultAsync(i => i.Key == "schema", cancellationToken))?.Value != schema)
            {
                // A store of another version holds nothing this one can trust, and may lack a table: start it afresh.
                await db.Database.ExecuteSqlRawAsync(
                    "DROP TABLE IF EXISTS reads; DROP TABLE IF EXISTS submissions; DROP TABLE IF EXISTS pairs; DROP TABLE IF EXISTS store;", cancellationToken);
                await db.Database.EnsureCreatedAsync(cancellationToken);
                db.Info.Add(new StoreInfo("schema", schema));
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        return new RunStore(path, options, keepAlive, ocrWanted);
    }

    /// <summary>
    /// What a stored reading holds: raised whenever that changes (2: the pages OCR read and found no text are kept
    /// with the reading), so a reading stored by an older PilotEval is never taken for one of this form.
    /// </summary>
    internal const int ReadingFormat = 2;

    /// <summary>
    /// The version of the code that reads and the limits it reads under: a cached reading is used only by the same
    /// reader. The assembly's module version id changes with every change of PilotEval's code, and
    /// <see cref="ReadingFormat"/> with every change of what is stored. Whether OCR tools are installed is not in the
    /// key (a probe can fail on a loaded machine): a reading left with pages OCR did not read is simply not kept while
    /// OCR is switched on, so it is read again when the tools answer.
    /// </summary>
    public static string ReaderKey(ReaderLimits limits)
    {
        var relevant = limits with
        {
            Isolation = ReadIsolation.InProcess,
            WorkerAssembly = null,
            RecycleAfterFiles = 0,
            RecycleAfterGrowthBytes = 0,
        };
        var code = typeof(RunStore).Assembly.ManifestModule.ModuleVersionId.ToString("N");
        var version = typeof(RunStore).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "";
        var text = $"{ReadingFormat}|{version}|{code}|{JsonSerializer.Serialize(relevant, DocumentWorker.Json)}";
        return ContentHash.Of(System.Text.Encoding.UTF8.GetBytes(text))[..32];
    }

    /// <summary>
    /// What <paramref name="reader"/> reads from the file, from the store when this content was read before by the
    /// same reader. A reading cut short by the clock (timeout, partially read) is never kept: on a quieter machine
    /// the file may read whole.
    /// </summary>
    /// <returns>The reading, and the SHA-256 of the file's bytes (null when the file cannot be opened at all).</returns>
    /// <param name="knownSha256">The file's SHA-256 when the run has just hashed it (for the submission's key).</param>
    public async Task<(DocumentText Document, string? Sha256)> ReadAsync(string path, string name, string readerKey,
        DocumentReader reader, CancellationToken cancellationToken, string? knownSha256 = null)
    {
        string sha;
        try
        {
            sha = knownSha256 ?? await ContentHash.OfFileAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The reader words what is wrong with the file; the store has nothing to add.
            return (await reader.ReadAsync(path, name, cancellationToken), null);
        }

        if (await FindAsync(sha, readerKey, cancellationToken) is { } cached)
        {
            Interlocked.Increment(ref _hits);
            return (cached.Name == name ? cached.Document : Renamed(cached.Document, cached.Name, name), sha);
        }

        Interlocked.Increment(ref _misses);
        var document = await reader.ReadAsync(path, name, cancellationToken);
        if (!CutShort(document)) await SaveAsync(sha, readerKey, name, document, cancellationToken);
        return (document, sha);
    }

    /// <summary>
    /// A reading the store does not keep: cut short by the clock, or left with pages for OCR while OCR is on — unless
    /// OCR ran on each such page to the end and found no text (<see cref="DocumentText.OcrFoundNoText"/>), which is
    /// what every run would read again.
    /// </summary>
    public bool CutShort(DocumentText document) =>
        document.Errors.Any(e => e.Code == FileErrorCodes.Timeout) ||
        document.Flags.Any(f => f.Code == FlagCodes.PartiallyRead ||
            _ocrWanted && f.Code == FlagCodes.NeedsOcr && !(f.Location?.Page is { } page && document.OcrFoundNoText.Contains(page)));

    /// <summary>
    /// The document as it was read and kept, under <paramref name="name"/>: for the run-level stages, which read back
    /// the text of the few submissions they compare instead of holding every submission's. Null when not kept.
    /// </summary>
    public DocumentText? Document(string sha, string readerKey, string name)
    {
        ReadRecord? record;
        _gate.Wait();
        try
        {
            using var db = new StoreContext(_options);
            record = db.Reads.AsNoTracking().FirstOrDefault(r => r.Sha256 == sha && r.Reader == readerKey);
        }
        finally
        {
            _gate.Release();
        }
        if (record is null || JsonSerializer.Deserialize<DocumentText>(Decompress(record.Document), DocumentWorker.Json) is not { } document)
            return null;
        return record.Name == name ? document : Renamed(document, record.Name, name);
    }

    /// <summary>
    /// Loads the stored results of <paramref name="keys"/> in a few queries, for <see cref="FindSubmissionAsync"/> to
    /// take: a re-run of 1,000 unchanged applications then costs a handful of round trips through EF Core instead
    /// of 1,000, each opening a context and a connection under the store's lock. Returns how many were found.
    /// </summary>
    internal async Task<int> PrefetchSubmissionsAsync(IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        const int chunk = 500; // well under SQLite's limit on bound parameters
        var wanted = keys.Distinct(StringComparer.Ordinal).ToList();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = new StoreContext(_options);
            for (var i = 0; i < wanted.Count; i += chunk)
            {
                var some = wanted.GetRange(i, Math.Min(chunk, wanted.Count - i));
                foreach (var record in await db.Submissions.AsNoTracking().Where(r => some.Contains(r.Key)).ToListAsync(cancellationToken))
                    _prefetched[record.Key] = record.Assessment;
            }
        }
        finally
        {
            _gate.Release();
        }
        return _prefetched.Count;
    }

    /// <summary>True when <see cref="PrefetchSubmissionsAsync"/> found a result under <paramref name="key"/> not yet taken.</summary>
    internal bool Prefetched(string key) => _prefetched.ContainsKey(key);

    /// <summary>How many of these contents (SHA-256) <paramref name="readerKey"/> has not read before: the files a run must read.</summary>
    internal async Task<int> CountUnreadAsync(IReadOnlyCollection<string> shas, string readerKey, CancellationToken cancellationToken)
    {
        var wanted = shas.Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0) return 0;
        var read = 0;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = new StoreContext(_options);
            for (var i = 0; i < wanted.Count; i += 500)
            {
                var some = wanted.GetRange(i, Math.Min(500, wanted.Count - i));
                read += await db.Reads.AsNoTracking().CountAsync(r => r.Reader == readerKey && some.Contains(r.Sha256), cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
        return wanted.Count - read;
    }

    /// <summary>
    /// The stored results of <paramref name="keys"/>, by key, read through a connection of their own: the reports read
    /// a batch of full results back at a time, side by side and after the run's store may have been closed (a caller
    /// of <c>evaluate</c> reading its results), so this takes neither the store's lock nor its lifetime.
    /// </summary>
    internal static Dictionary<string, byte[]> ReadSubmissions(string path, IReadOnlyCollection<string> keys)
    {
        var found = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (keys.Count == 0) return found;
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        using var db = new StoreContext(new DbContextOptionsBuilder<StoreContext>().UseSqlite(connectionString).Options);
        var wanted = keys.Distinct(StringComparer.Ordinal).ToList();
        for (var i = 0; i < wanted.Count; i += 500)
        {
            var some = wanted.GetRange(i, Math.Min(500, wanted.Count - i));
            foreach (var record in db.Submissions.AsNoTracking().Where(r => some.Contains(r.Key)))
                found[record.Key] = record.Assessment;
        }
        return found;
    }

    /// <summary>The per-submission result kept under <paramref name="key"/> (see <see cref="SubmissionKey"/>), or null.</summary>
    internal async Task<SubmissionSnapshot?> FindSubmissionAsync(string key, CancellationToken cancellationToken)
    {
        // Taken out of the prefetched rows, so they are held only until their submission is restored.
        var blob = _prefetched.TryRemove(key, out var prefetched) ? prefetched : await QuerySubmissionAsync(key, cancellationToken);
        var snapshot = blob is null ? null : SubmissionSnapshot.FromBytes(blob);
        Interlocked.Increment(ref snapshot is null ? ref _submissionMisses : ref _submissionHits);
        return snapshot;
    }

    private async Task<byte[]?> QuerySubmissionAsync(string key, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = new StoreContext(_options);
            return (await db.Submissions.AsNoTracking().FirstOrDefaultAsync(r => r.Key == key, cancellationToken))?.Assessment;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The kept text comparisons among <paramref name="keys"/>, by key (see <see cref="StoredTextReuse"/>).</summary>
    internal Dictionary<string, byte[]> FindPairs(IReadOnlyList<string> keys)
    {
        var found = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        _gate.Wait();
        try
        {
            using var db = new StoreContext(_options);
            for (var i = 0; i < keys.Count; i += 500)
            {
                var some = keys.Skip(i).Take(500).ToList();
                foreach (var record in db.Pairs.AsNoTracking().Where(r => some.Contains(r.Key)))
                    found[record.Key] = record.Outcome;
            }
        }
        finally
        {
            _gate.Release();
        }
        return found;
    }

    /// <summary>Keeps text comparisons in one transaction; a pair kept already stays as it is.</summary>
    internal void SavePairs(IReadOnlyCollection<(string Key, byte[] Outcome)> pairs)
    {
        if (pairs.Count == 0) return;
        _gate.Wait();
        try
        {
            using var db = new StoreContext(_options);
            var keys = pairs.Select(p => p.Key).ToList();
            var present = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < keys.Count; i += 500)
            {
                var some = keys.GetRange(i, Math.Min(500, keys.Count - i));
                present.UnionWith(db.Pairs.AsNoTracking().Where(r => some.Contains(r.Key)).Select(r => r.Key));
            }
            db.Pairs.AddRange(pairs.Where(p => present.Add(p.Key)).Select(p => new PairRecord(p.Key, p.Outcome)));
            db.SaveChanges();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Counts the files of a submission taken whole from the store among the files served from it.</summary>
    internal void ServedFromStore(int files) => Interlocked.Add(ref _hits, files);

    /// <summary>Keeps a submission's result as soon as it is done, so a run killed later does not assess it again.</summary>
    internal async Task SaveSubmissionAsync(string key, string source, byte[] blob, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = new StoreContext(_options);
            if (!await db.Submissions.AnyAsync(r => r.Key == key, cancellationToken))
            {
                db.Submissions.Add(new SubmissionRecord(key, source, blob, DateTimeOffset.UtcNow));
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(string Name, DocumentText Document)?> FindAsync(string sha, string readerKey, CancellationToken cancellationToken)
    {
        ReadRecord? record;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = new StoreContext(_options);
            record = await db.Reads.AsNoTracking().FirstOrDefaultAsync(r => r.Sha256 == sha && r.Reader == readerKey, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
        if (record is null) return null;
        var document = JsonSerializer.Deserialize<DocumentText>(Decompress(record.Document), DocumentWorker.Json);
        return document is null ? null : (record.Name, document);
    }

    private async Task SaveAsync(string sha, string readerKey, string name, DocumentText document, CancellationToken cancellationToken)
    {
        var blob = Compress(JsonSerializer.SerializeToUtf8Bytes(document, DocumentWorker.Json));
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = new StoreContext(_options);
            // Two submissions holding the same file may both read it; the first row stays.
            if (!await db.Reads.AnyAsync(r => r.Sha256 == sha && r.Reader == readerKey, cancellationToken))
            {
                db.Reads.Add(new ReadRecord(sha, readerKey, name, blob, DateTimeOffset.UtcNow));
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The same content read under another name: every citation names the file as it is called in this run.</summary>
    internal static DocumentText Renamed(DocumentText document, string from, string to)
    {
        SourceLocation Move(SourceLocation l) => l.File == from ? l with { File = to } : l;
        return document with
        {
            File = to,
            Blocks = [.. document.Blocks.Select(b => b with { Location = Move(b.Location) })],
            Flags = [.. document.Flags.Select(f => f.Location is null ? f : f with { Location = Move(f.Location) })],
            Errors = [.. document.Errors.Select(e => e with
            {
                File = e.File == from ? to : e.File,
                Message = e.Message.StartsWith(from + ":", StringComparison.Ordinal) ? to + e.Message[from.Length..] : e.Message,
            })],
        };
    }

    internal static byte[] Compress(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, CompressionLevel.Fastest)) brotli.Write(bytes);
        return output.ToArray();
    }

    internal static byte[] Decompress(byte[] bytes)
    {
        using var input = new BrotliStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _keepAlive.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _gate.Dispose();
    }
}
