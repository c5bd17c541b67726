using System.Text;
using System.Text.Json;
using PilotEval.Publishing;

namespace PilotEval.Pipeline;

/// <summary>
/// <c>audit.jsonl</c>, appended to and never rewritten: every run adds its lines, each carrying the run id, as its
/// submissions finish (so a killed run leaves the trace of what it did) and then its run-level stages and totals.
/// Each batch of lines is one append; a line torn by a crash is closed before the next run writes.
/// </summary>
public sealed class AuditLog(string path)
{
    public const string FileName = "audit.jsonl";

    private readonly Lock _gate = new();

    public string Path { get; } = path;

    public void Append<T>(IEnumerable<T> lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines) text.Append(JsonSerializer.Serialize(line, JsonOutput.Lines)).Append('\n');
        if (text.Length == 0) return;
        lock (_gate)
        {
            using var stream = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
            if (stream.Length > 0)
            {
                stream.Seek(-1, SeekOrigin.End);
                if (stream.ReadByte() != '\n') text.Insert(0, '\n');
            }
            stream.Seek(0, SeekOrigin.End);
            stream.Write(new UTF8Encoding(false).GetBytes(text.ToString()));
            stream.Flush(flushToDisk: true);
        }
    }
}

/// <summary>The last line of a run in <c>audit.jsonl</c>: how long it took and where the time went.</summary>
/// <param name="SubmissionsAssessed">Submissions that went through the per-submission stages in this run.</param>
/// <param name="SubmissionsFromStore">Submissions whose result came from the store, unchanged since a run that finished them.</param>
/// <param name="Stages">Per stage: seconds summed over submissions (per-submission stages, which run in parallel) or wall seconds (run-level stages).</param>
public sealed record AuditTotals(string Run, string Scope, string Stage, DateTimeOffset StartedAt, DateTimeOffset FinishedAt,
    double WallSeconds, int Submissions, int Workers, int FilesRead, int FilesFromStore, int SubmissionsAssessed, int SubmissionsFromStore, IReadOnlyList<StageTotal> Stages);

/// <summary>One stage's share of a run.</summary>
public sealed record StageTotal(string Stage, string Scope, int Count, double Seconds);
