using Microsoft.Extensions.Options;
using PilotEval.Panel;
using PilotEval.Web.Site;

namespace PilotEval.Web.Pages.Round;

/// <summary>Progress per expert and per application, and the discussion list.</summary>
public sealed class IndexModel(IOptions<PanelOptions> panel) : StaffPage(panel)
{
    public Task OnGetAsync(CancellationToken cancellationToken) => LoadResultsAsync(cancellationToken);
}
