using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PilotEval.Panel;
using PilotEval.Web.Site;

namespace PilotEval.Web.Pages.Expert;

/// <summary>
/// One expert's scores of one application, as the expert signed in may see them: my own (draft or submitted); another
/// expert's only once I have submitted, only when the chair shares scores, and only what they submitted — a draft,
/// like an application I may not score, is a 404.
/// </summary>
public sealed class ExpertScoresModel : PageModel
{
    public ReviewApplication.Result View { get; private set; } = null!;
    public string Expert { get; private set; } = "";
    public List<(string Criterion, double Value, string Comment, string Status)> Rows { get; } = [];

    public async Task<IActionResult> OnGetAsync(string source, string expert, CancellationToken cancellationToken)
    {
        var view = await HttpContext.Mediator().Send(new ReviewApplication.Query(HttpContext.Db(), User.Expert(), source), cancellationToken);
        if (view is null) return NotFound();
        (View, Expert) = (view, expert);
        if (expert == User.Expert())
            Rows.AddRange(view.Criteria.Where(c => c.Mine is not null).Select(c => (c.Criterion.Name, c.Mine!.Value, c.Mine.Comment, c.Mine.Status)));
        else
            Rows.AddRange(view.Others.Where(o => o.Expert == expert)
                .Select(o => (view.Criteria.FirstOrDefault(c => c.Criterion.Id == o.Criterion)?.Criterion.Name ?? o.Criterion, o.Value, o.Comment, PilotEval.Panel.Store.ScoreStatus.Submitted)));
        return Rows.Count == 0 && expert != User.Expert() ? NotFound() : Page();
    }
}
