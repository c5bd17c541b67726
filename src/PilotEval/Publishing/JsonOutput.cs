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

    /// <summary>Writes next to the target and renames, so a reader never sees half a file.</summary>
    public static async Task WriteAtomicallyAsync(string path, string content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, content, new System.Text.UTF8Encoding(false), cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>camelCase, with a trailing underscore dropped (<c>Quote_</c> → <c>quote</c>, a record cannot hold a member named like itself).</summary>
    private sealed class QuoteAwareNamingPolicy : JsonNamingPolicy
    {
        public override string ConvertName(string name) => CamelCase.ConvertName(name.TrimEnd('_'));
    }
}
