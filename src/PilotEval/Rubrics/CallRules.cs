using System.Collections.Immutable;
using System.Security.Cryptography;

namespace PilotEval.Rubrics;

/// <summary>
/// The call a rubric folder is for (<c>rubrics/call.yaml</c>): its name and year, printed in the notice, and its
/// tracks, each of which must have its rubric file — a deleted rubric is reported, never absorbed into another track.
/// </summary>
/// <param name="Year">The programme year (「2024年度」); null when the file does not say, and the run's year is used.</param>
public sealed record CallRules(string Name, int? Year, ImmutableArray<string> Tracks, string? SourceFile, string? Sha256)
{
    public const string FileName = "call.yaml";

    /// <summary>A rubric folder without call.yaml: the call is whatever tracks have rubrics.</summary>
    public static CallRules Unspecified { get; } = new(ReportCallName, null, [], null, null);

    private const string ReportCallName = "北京地区电信和互联网行业数据安全管理和应用试点示范";

    public static CallRules Load(string path) => Parse(path, File.ReadAllBytes(path));

    public static CallRules Parse(string file, byte[] content)
    {
        var yaml = new YamlNodeReader(file);
        var root = YamlNodeReader.LoadRoot(file, RubricLoader.DecodeRuleFile(file, content));
        yaml.AllowOnly(root, "name", "year", "tracks");
        var year = yaml.OptionalNumber(root, "year");
        if (year is { } y && (y != Math.Floor(y) || y < 2000 || y > 2100))
            throw yaml.Error(yaml.Required(root, "year"), $"'year' must be a year such as 2024, not {y}");
        var tracks = yaml.Strings(root, "tracks");
        if (tracks.IsEmpty) throw yaml.Error(root, "'tracks' must list the call's track ids");
        if (tracks.GroupBy(t => t).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw yaml.Error(yaml.Required(root, "tracks"), $"track '{twice.Key}' is listed twice");
        return new CallRules(yaml.OptionalString(root, "name") ?? ReportCallName, year is null ? null : (int)year, tracks, file,
            Convert.ToHexStringLower(SHA256.HashData(content)));
    }
}
