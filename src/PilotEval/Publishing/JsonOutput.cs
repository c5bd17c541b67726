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

    /// <summary>camelCase, with a trailing underscore dropped (<c>Quote_</c> → <c>quote</c>, a record cannot hold a member named like itself).</summary>
    private sealed class QuoteAwareNamingPolicy : JsonNamingPolicy
    {
        public override string ConvertName(string name) => CamelCase.ConvertName(name.TrimEnd('_'));
    }
}
