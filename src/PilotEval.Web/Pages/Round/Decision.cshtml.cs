using System.Collections.Immutable;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PilotEval.Panel;
using PilotEval.Web.Site;

namespace PilotEval.Web.Pages.Round;

/// <summary>
/// The final selection, every track in one form (a decision replaces the previous one as a whole, as
/// <c>panel decide</c> does), through <see cref="Decide"/>. The secretariat sees it; only the chair records it.
/// Fields: <c>select</c> (a source, repeated) and <c>reason-{source}</c>.
/// </summary>
public sealed class DecisionModel(IOptions<PanelOptions> panel) : StaffPage(panel)
{
    public Task OnGetAsync(CancellationToken cancellationToken) => LoadResultsAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(string[] select, CancellationToken cancellationToken)
    {
        if (!IsChair) return NotFound();
        var reasons = Request.Form.Keys.Where(k => k.StartsWith("reason-", StringComparison.Ordinal))
            .Select(k => (Source: k["reason-".Length..], Reason: Request.Form[k].ToString().Trim())).Where(r => r.Reason.Length > 0)
            .ToImmutableDictionary(r => r.Source, r => r.Reason, StringComparer.Ordinal);
        if (select.Length == 0) Refuse("没有勾选入选的申报");
        else await SendAsync(async () =>
        {
            var result = await HttpContext.Mediator().Send(new Decide.Command(HttpContext.Db(), User.Name(), [.. select], reasons, [], Options), cancellationToken);
            return $"已记录：{result.Selected.Length} 项入选，{result.Departures.Length} 项偏离排名并说明了理由。";
        });
        await LoadResultsAsync(cancellationToken);
        return Page();
    }
}
