using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PilotEval.Panel;
using PilotEval.Web.Site;

namespace PilotEval.Web.Pages.Round;

/// <summary>
/// The chair's page: send an expert's submitted scores back to draft with a reason (<see cref="ReopenScores"/>), and
/// let experts who have submitted see each other's scores or not (<see cref="ShareScores"/>). Chair only.
/// </summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = Roles.ChairPolicy)]
public sealed class ScoresModel(IOptions<PanelOptions> panel) : StaffPage(panel)
{
    public bool Shared { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostReopenAsync(string expert, string source, string? reason, CancellationToken cancellationToken)
    {
        await SendAsync(async () =>
        {
            var result = await HttpContext.Mediator().Send(new ReopenScores.Command(HttpContext.Db(), expert, source, reason ?? "", User.Name()), cancellationToken);
            return $"已退回 {expert} 对 {source} 的 {result.Reopened} 项评分。";
        });
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostShareAsync(bool shared, CancellationToken cancellationToken)
    {
        await HttpContext.Mediator().Send(new ShareScores.Command(HttpContext.Db(), shared, User.Name()), cancellationToken);
        Done = shared ? "已开放：专家提交后可看到其他专家已提交的评分。" : "已关闭：专家看不到其他专家的评分。";
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await LoadResultsAsync(cancellationToken);
        var (context, round) = await PilotEval.Panel.Store.PanelStore.OpenRoundAsync(HttpContext.Db(), cancellationToken);
        await context.DisposeAsync();
        Shared = round.ScoresShared;
    }
}
