using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PilotEval.Panel.Store;
using PilotEval.Web.Site;

namespace PilotEval.Web.Pages.Round;

/// <summary>The audit log, newest first, as <c>panel audit</c> prints it: who, when, what, the previous and the new value.</summary>
public sealed class AuditModel : PageModel
{
    public const int Shown = 1000;

    public List<AuditRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var (context, _) = await PanelStore.OpenRoundAsync(HttpContext.Db(), cancellationToken);
        await using var __ = context;
        Rows = await context.Audit.AsNoTracking().OrderByDescending(a => a.Id).Take(Shown).ToListAsync(cancellationToken);
    }
}
