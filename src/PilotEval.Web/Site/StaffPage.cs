using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using PilotEval.Panel;

namespace PilotEval.Web.Site;

/// <summary>The secretariat's and the chair's pages read the round's figures from <see cref="ComputeResults"/>, as <c>panel results</c> does.</summary>
public abstract class StaffPage(IOptions<PanelOptions> panel) : PageModel
{
    public PanelResults Results { get; private set; } = new([], [], []);

    public PanelOptions Options => panel.Value;

    /// <summary>A refusal of the last POST (the slice's message), shown above the form.</summary>
    public string? Refusal { get; protected set; }

    public string? Done { get; protected set; }

    /// <summary>Runs a panel request for a form: its outcome in <see cref="Done"/>, or the slice's refusal in <see cref="Refusal"/> (422).</summary>
    protected async Task SendAsync(Func<Task<string>> send)
    {
        try
        {
            Done = await send();
        }
        catch (Panel.Store.PanelException ex)
        {
            Refuse(ex.Message);
        }
    }

    protected void Refuse(string refusal)
    {
        Refusal = refusal;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
    }

    protected async Task LoadResultsAsync(CancellationToken cancellationToken) =>
        Results = (await HttpContext.Mediator().Send(new ComputeResults.Command(HttpContext.Db(), null, panel.Value), cancellationToken)).Results;

    public bool IsChair => User.IsInRole(Panel.Store.AccountRoles.Chair);

    public bool IsSecretariat => User.IsInRole(Panel.Store.AccountRoles.Secretariat);
}
