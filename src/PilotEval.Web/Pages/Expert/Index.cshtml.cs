using Microsoft.AspNetCore.Mvc.RazorPages;
using PilotEval.Panel;
using PilotEval.Web.Site;

namespace PilotEval.Web.Pages.Expert;

/// <summary>My applications (only those assigned to me and not conflicted) and my progress.</summary>
public sealed class IndexModel : PageModel
{
    public ReviewQueue.Result Queue { get; private set; } = new([]);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Queue = await HttpContext.Mediator().Send(new ReviewQueue.Query(HttpContext.Db(), User.Expert()), cancellationToken);
}
