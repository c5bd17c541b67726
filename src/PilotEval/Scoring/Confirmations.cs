using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using PilotEval.Inputs;

namespace PilotEval.Scoring;

/// <summary>A confirmations file is wrong; the message names the file, the line and the reason.</summary>
public sealed class ConfirmationFileException(string file, long line, string reason) : Exception($"{file}:{line}: {reason}")
{
    public string File { get; } = file;
    public long Line { get; } = line;
    public string Reason { get; } = reason;
}

/// <summary>
/// People's decisions on eligibility checks, kept as a CSV the secretariat can open in Excel
/// (<c>source,check,status,by,at,reason</c>) and applied by <c>evaluate --confirmations</c> or written by
/// <c>piloteval confirm</c>. A confirmation replaces PilotEval's outcome of that check and is recorded with it in
/// results.json, so every report shows who decided, when and why.
/// </summary>
public static class Confirmations
{
    public const string Header = "source,check,status,by,at,reason";

    public static ImmutableArray<EligibilityConfirmation> Load(string path)
    {
        if (!System.IO.File.Exists(path)) throw new ConfirmationFileException(path, 0, "the confirmations file does not exist");
        string text;
        try
        {
            text = TextInput.Read(path).Text;
        }
        catch (TextInputException ex)
        {
            throw new ConfirmationFileException(path, 1, ex.Message);
        }
        return Parse(path, text);
    }

    public static ImmutableArray<EligibilityConfirmation> Parse(string file, string text)
    {
        var result = ImmutableArray.CreateBuilder<EligibilityConfirmation>();
        var lines = text.TrimStart('\uFEFF').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#')) continue;
            var fields = Fields(line);
            if (result.Count == 0 && i == FirstLine(lines) && fields.Count > 0 && fields[0].Trim() == "source") continue;
            result.Add(ParseLine(file, i + 1, fields));
        }
        return result.ToImmutable();
    }

    private static int FirstLine(string[] lines) => Array.FindIndex(lines, l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'));

    private static EligibilityConfirmation ParseLine(string file, int line, List<string> fields)
    {
        if (fields.Count != 6)
            throw new ConfirmationFileException(file, line, $"expected 6 fields ({Header}), found {fields.Count}");
        var (source, check, status, by, at, reason) = (fields[0].Trim(), fields[1].Trim(), fields[2].Trim(), fields[3].Trim(), fields[4].Trim(), fields[5].Trim());
        if (source.Length == 0) throw new ConfirmationFileException(file, line, "'source' is empty");
        if (check.Length == 0) throw new ConfirmationFileException(file, line, "'check' is empty");
        if (EligibilityStatuses.Parse(status) is not { } parsed || parsed == EligibilityStatus.Unconfirmed)
            throw new ConfirmationFileException(file, line, $"'status' must be passed or failed, not '{status}'");
        if (by.Length == 0) throw new ConfirmationFileException(file, line, "'by' must name who confirmed");
        if (reason.Length == 0) throw new ConfirmationFileException(file, line, "'reason' must say why");
        if (!DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when))
            throw new ConfirmationFileException(file, line, $"'at' must be a date and time such as 2024-10-20T10:30+08:00, not '{at}'");
        return new EligibilityConfirmation(source, check, parsed, by, when, reason);
    }

    /// <summary>Appends one confirmation, writing the header first when the file is new.</summary>
    public static async Task AppendAsync(string path, EligibilityConfirmation confirmation, CancellationToken cancellationToken)
    {
        var line = string.Join(',', new[]
        {
            confirmation.Source, confirmation.Check, EligibilityStatuses.Code(confirmation.Status), confirmation.By,
            confirmation.At.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture), confirmation.Reason,
        }.Select(Quote));
        var exists = System.IO.File.Exists(path) && new FileInfo(path).Length > 0;
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory) Directory.CreateDirectory(directory);
        await System.IO.File.AppendAllTextAsync(path, (exists ? "" : Header + "\n") + line + "\n", new UTF8Encoding(false), cancellationToken);
    }

    /// <summary>
    /// The checks with the confirmations for this source applied: the outcome replaced, the earlier one kept in the
    /// confirmation, the reason saying who decided.
    /// </summary>
    public static ImmutableArray<EligibilityResult> Apply(IEnumerable<EligibilityResult> results, string source,
        IEnumerable<EligibilityConfirmation> confirmations)
    {
        var mine = confirmations.Where(c => c.Source == source).ToList();
        return [.. results.Select(r => mine.LastOrDefault(c => c.Check == r.Check) is { } c
            ? r with
            {
                Status = c.Status,
                Reason = $"{(c.Status == EligibilityStatus.Passed ? "经人工核实符合" : "经人工核实不符合")}（{c.By}，{c.At:yyyy-MM-dd}：{c.Reason}）；原判断：{r.Reason}",
                Ask = c.Status == EligibilityStatus.Passed ? null : r.Ask,
                Confirmation = c with { Was = r.Status },
            }
            : r)];
    }

    /// <summary>Confirmations that name a source or check the run does not have: a typo would otherwise be ignored in silence.</summary>
    public static IEnumerable<string> Unmatched(IEnumerable<EligibilityConfirmation> confirmations, IReadOnlyCollection<string> sources,
        IReadOnlyCollection<string> checks) =>
        confirmations.Select(c => !sources.Contains(c.Source) ? $"'{c.Source}' is not a submission of this run"
                : !checks.Contains(c.Check) ? $"'{c.Check}' is not an eligibility check (one of {string.Join(", ", checks)})"
                : null)
            .OfType<string>();

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;

    /// <summary>One CSV line split into fields; a quoted field may hold commas and doubled quotes.</summary>
    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }
}
