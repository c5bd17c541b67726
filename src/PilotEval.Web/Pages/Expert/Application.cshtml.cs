using System.Collections.Immutable;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PilotEval.Panel;
using PilotEval.Web.Site;

namespace PilotEval.Web.Pages.Expert;

/// <summary>
/// One application: the text beside the criteria. Form fields are <c>score-{criterion}</c> and
/// <c>comment-{criterion}</c>; the button <c>action</c> is <c>save</c> (draft) or <c>submit</c>.
/// </summary>
public sealed class ApplicationModel(SubmissionTexts texts, RubricDescriptors rubrics) : PageModel
{
    public ReviewApplication.Result View { get; private set; } = null!;
    public ImmutableArray<SubmissionTexts.FileText> Files { get; private set; } = [];
    public ImmutableDictionary<string, string> Problems { get; private set; } = ImmutableDictionary<string, string>.Empty;
    /// <summary>What the expert typed, shown again when the save was refused.</summary>
    public Dictionary<string, (string Score, string Comment)> Typed { get; } = new(StringComparer.Ordinal);
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string source, string? saved, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(source, cancellationToken)) return NotFound();
        Message = saved switch { "draft" => "草稿已保存。", "submitted" => "评分已提交。", _ => null };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string source, string action, CancellationToken cancellationToken)
    {
        var form = Request.Form;
        var entries = form.Keys.Where(k => k.StartsWith("score-", StringComparison.Ordinal))
            .Select(k => k["score-".Length..])
            .Select(id => new SaveScores.Entry(id, form["score-" + id].ToString(), form["comment-" + id].ToString()))
            .ToImmutableArray();
        var submit = action == "submit";
        var result = await HttpContext.Mediator().Send(new SaveScores.Command(HttpContext.Db(), User.Expert(), source, entries, submit, User.Name()), cancellationToken);
        switch (result.Outcome)
        {
            case SaveScores.Outcome.NotFound:
                return NotFound();
            case SaveScores.Outcome.Saved or SaveScores.Outcome.Submitted:
                return Redirect($"~/expert/applications/{Uri.EscapeDataString(source)}?saved={(submit ? "submitted" : "draft")}");
        }
        if (!await LoadAsync(source, cancellationToken)) return NotFound();
        Response.StatusCode = result.Outcome == SaveScores.Outcome.Locked ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
        if (result.Outcome == SaveScores.Outcome.Locked)
        {
            Message = "评分已提交并锁定；如需修改，请联系专家组组长退回。";
            return Page();
        }
        Problems = result.Problems;
        foreach (var entry in entries) Typed[entry.Criterion] = (entry.Score ?? "", entry.Comment);
        Message = submit ? "未提交：请按提示改正后再提交。" : "未保存：请按提示改正。";
        return Page();
    }

    private async Task<bool> LoadAsync(string source, CancellationToken cancellationToken)
    {
        var view = await HttpContext.Mediator().Send(new ReviewApplication.Query(HttpContext.Db(), User.Expert(), source), cancellationToken);
        if (view is null) return false;
        View = view;
        Files = await texts.ReadAsync(view, cancellationToken);
        return true;
    }

    public IReadOnlyList<(string Level, string Text)> Levels(ReviewApplication.CriterionView c) => rubrics.For(View.RubricSha256, c.Criterion.Id);

    /// <summary>The anchor of a quote in the text pane.</summary>
    public static string QuoteId(int file, int paragraph) => $"p-{file}-{paragraph}";

    public int FileIndex(string file) => Files.Select(f => f.File).ToList().IndexOf(file);

    /// <summary>The machine's quotes in one block, labelled with their criterion; ids stable from one view to the next.</summary>
    public IReadOnlyList<Highlight.Mark> MarksFor(string file, int paragraph)
    {
        var quotes = View.Criteria.Where(c => c.Machine is not null)
            .SelectMany(c => c.Machine!.Evidence.Where(q => q.File == file && q.Paragraph == paragraph).Select(q => (Quote: q.Quote_, c.Criterion.Name)))
            .ToList();
        var distinct = quotes.Select(q => q.Quote).Distinct().ToList();
        return [.. quotes.Select(q => new Highlight.Mark(q.Quote, q.Name, $"q-{FileIndex(file)}-{paragraph}-{distinct.IndexOf(q.Quote)}"))];
    }

    public static string Where(PilotEval.Publishing.ResultsDocument.Quote q) =>
        q.File + (q.Page is { } p ? $" 第 {p} 页" : "") + $" 第 {q.Paragraph} 段";
}
