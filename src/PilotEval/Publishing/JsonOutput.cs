using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PilotEval.Publishing;

/// <summary>The one JSON style of every PilotEval output: camelCase, indented, Chinese unescaped, nulls kept (the contract says null, not absent).</summary>
public static class JsonOutput
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = new QuoteAwareNamingPolicy(),
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>The same style on one line, for JSON Lines files such as the audit trail.</summary>
    public static readonly JsonSerializerOptions Lines = new(Options) { WriteIndented = false };

    /// <summary>What a file being written is called until it is complete; a run removes those a killed run left.</summary>
    public const string TemporarySuffix = ".piloteval-tmp";

    /// <summary>Writes next to the target and renames, so a reader never sees half a file.</summary>
    public static Task WriteAtomicallyAsync(string path, string content, CancellationToken cancellationToken) =>
        WriteAtomicallyAsync(path, (stream, ct) => stream.WriteAsync(new System.Text.UTF8Encoding(false).GetBytes(content), ct).AsTask(), cancellationToken);

    /// <summary>Serialises straight into the file, never into one string (results.json of 1,000 applications is tens of MB), then renames.</summary>
    public static Task WriteJsonAtomicallyAsync<T>(string path, T value, CancellationToken cancellationToken) =>
        WriteAtomicallyAsync(path, async (stream, ct) =>
        {
            await JsonSerializer.SerializeAsync(stream, value, Options, ct);
            stream.WriteByte((byte)'\n');
        }, cancellationToken);

    /// <summary>Writes text through <paramref name="write"/> as UTF-8 (no BOM) into the file as it comes, then renames.</summary>
    public static Task WriteTextAtomicallyAsync(string path, Action<TextWriter> write, CancellationToken cancellationToken) =>
        WriteAtomicallyAsync(path, async (stream, ct) =>
        {
            await using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
            write(writer);
            await writer.FlushAsync(ct);
        }, cancellationToken);

    /// <summary>Writes through <paramref name="write"/> into a temporary file beside the target, flushes it to disk, then renames.</summary>
    public static async Task WriteAtomicallyAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + TemporarySuffix;
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, useAsync: true))
        {
            await write(stream, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// Writes many small files (the feedback letters) so that none is ever seen half-written: each into a temporary
    /// file beside its target, then all of them flushed to disk together (see <see cref="DiskSync"/>), then each
    /// renamed into place. One flush for the batch instead of one per file: the letters of 1,000 applications took
    /// seconds of every run in disk flushes alone.
    /// </summary>
    public static Task WriteManyAtomicallyAsync<T>(IReadOnlyList<T> items, Func<T, string> path, Func<T, string> content,
        CancellationToken cancellationToken) =>
        WriteManyAtomicallyAsync(items, [.. items.Select(path)], content, cancellationToken);

    /// <summary>
    /// As above, for items enumerated once and in order as they are written (the letters of a run read their
    /// submissions back from the store a batch at a time): <paramref name="paths"/> holds each item's file, in the
    /// items' order, so that which of two items for one file wins is known before either is read.
    /// </summary>
    public static async Task WriteManyAtomicallyAsync<T>(IEnumerable<T> items, IReadOnlyList<string> paths, Func<T, string> content,
        CancellationToken cancellationToken)
    {
        var parallelism = 2 * Environment.ProcessorCount;
        // Two items for one file: the later wins, as it would written one after the other.
        var last = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < paths.Count; i++) last[paths[i]] = i;
        var files = last.Keys.ToArray();
        foreach (var directory in files.Select(f => Path.GetDirectoryName(Path.GetFullPath(f))!).Distinct(StringComparer.Ordinal))
            Directory.CreateDirectory(directory);
        var encoding = new System.Text.UTF8Encoding(false);
        await Parallel.ForEachAsync(items.Select((Item, Index) => (Item, Index)).Where(x => last[paths[x.Index]] == x.Index),
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (x, ct) => await File.WriteAllBytesAsync(paths[x.Index] + TemporarySuffix, encoding.GetBytes(content(x.Item)), ct));
        var temporary = files.Select(f => f + TemporarySuffix).ToArray();
        await DiskSync.FlushAsync(temporary, parallelism, cancellationToken);
        for (var i = 0; i < files.Length; i++)
        {
            // The earlier file is removed, then the new one renamed in. Measured on this project's ext4 disk, a rename
            // over an existing file takes 2–3 ms (ext4 forces the new file's write-back, its auto_da_alloc guard), and
            // so does .NET's move without overwrite (a link and an unlink): seconds for the letters of a run, where an
            // unlink and a plain rename take microseconds. The new file is already on disk, so none is ever half-written; between the two calls
            // it is briefly absent, never torn.
            File.Delete(files[i]);
            File.Move(temporary[i], files[i], overwrite: true);
        }
    }

    /// <summary>camelCase, with a trailing underscore dropped (<c>Quote_</c> → <c>quote</c>, a record cannot hold a member named like itself).</summary>
    private sealed class QuoteAwareNamingPolicy : JsonNamingPolicy
    {
        public override string ConvertName(string name) => CamelCase.ConvertName(name.TrimEnd('_'));
    }
}
