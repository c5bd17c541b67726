using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PilotEval.Panel;
using PilotEval.Web.Site;

namespace PilotEval.Web.Pages;

/// <summary>Sign-in: rate-limited per client address, locked after repeated failures (counted in the store).</summary>
[EnableRateLimiting(PanelSite.SignInPolicy)]
public sealed class LoginModel(IOptions<SiteOptions> site, TimeProvider clock) : PageModel
{
    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Message { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await HttpContext.Mediator().Send(new PilotEval.Panel.SignIn.Command(site.Value.Db, Name, Password, site.Value.MaxFailedSignIns, site.Value.Lockout), cancellationToken);
        switch (result.Outcome)
        {
            case PilotEval.Panel.SignIn.Outcome.SignedIn:
                await Sessions.SignInAsync(HttpContext, result.Account!, clock.GetUtcNow());
                if (result.Account!.MustChangePassword) return Redirect("~/password");
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "~/");
            case PilotEval.Panel.SignIn.Outcome.LockedOut:
                Message = $"连续多次密码错误，账号已锁定至 {result.LockedUntil!.Value.ToLocalTime():yyyy-MM-dd HH:mm}；请稍后再试，或请秘书处重置密码。";
                break;
            default:
                Message = "账号或密码不正确。";
                break;
        }
        Password = "";
        return Page();
    }
}
