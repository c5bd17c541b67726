using System.Collections.Immutable;
using Mediator;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using PilotEval.Documents;
using PilotEval.Panel;
using PilotEval.Store;

namespace PilotEval.Web.Site;

/// <summary>
/// The text of an application's files as PilotEval read them: the same <see cref="ReadDocument"/> request as
/// <c>piloteval extract</c>, on the files the run read (its <c>run.submissionsDirectory</c>, or <c>--submissions</c>
/// when they moved). The round does not copy the text into the store: the run already records each file's SHA-256,
/// so the site re-reads the file and shows it only when the hash is the one the machine scored — a file changed
/// since is refused by name rather than shown as if it were what was scored. Read once per file and hash, then kept
/// in memory, so 9 experts opening the same application cost one read.
/// </summary>
public sealed class SubmissionTexts(IMediator mediator, IMemoryCache cache, IOptions<SiteOptions> options)
{
    /// <param name="Document">What was read; null when <paramref name="Problem"/> says why not.</param>
    public sealed record FileText(string File, DocumentText? Document, string? Problem);

    public async Task<ImmutableArray<FileText>> ReadAsync(ReviewApplication.Result application, CancellationToken cancellationToken)
    {
        var files = application.Submission?.Files ?? [];
        var directory = options.Value.Submissions ?? application.SubmissionsDirectory;
        var texts = new List<FileText>();
        foreach (var file in files)
        {
            if (directory is null)
            {
                texts.Add(new FileText(file, null, "评审轮次的 results.json 没有记录申报材料所在目录；请用 piloteval serve --submissions <目录> 指定"));
                continue;
            }
            var path = Path.GetFullPath(Path.Combine(directory, file));
            if (!File.Exists(path))
            {
                texts.Add(new FileText(file, null, $"找不到文件 {path}（申报材料已移动？请用 --submissions 指定现在的目录）"));
                continue;
            }
            var hash = await ContentHash.OfFileAsync(path, cancellationToken);
            if (application.FileHashes.TryGetValue(file, out var scored) && scored != hash)
            {
                texts.Add(new FileText(file, null, $"文件 {file} 在机器评分后被改动过（SHA-256 不同），不予显示；请核对申报材料"));
                continue;
            }
            var document = await cache.GetOrCreateAsync("text:" + hash, async entry =>
            {
                entry.SlidingExpiration = TimeSpan.FromHours(1);
                return await mediator.Send(new ReadDocument.Query(path), cancellationToken);
            });
            texts.Add(new FileText(file, document, document!.IsReadable ? null : "未能读出文字：" + string.Join("；", document.Errors.Select(e => e.Message))));
        }
        return [.. texts];
    }
}
