using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using PilotEval.Panel;
using PilotEval.Panel.Store;

namespace PilotEval.Web.Site;

/// <summary>
/// The session cookie: who, which role, which expert, when signed in, and the account's stamp. Checked against the
/// store on every request, so a reset or removed account, or a changed password, ends every session at once, and a
/// session ends after the idle timeout (sliding) or the absolute one, whichever comes first.
/// </summary>
public static class Sessions
{
    public const string ExpertClaim = "piloteval:expert";
    public const string StampClaim = "piloteval:stamp";
    public const string SignedInClaim = "piloteval:signed-in";
    public const string MustChangeClaim = "piloteval:must-change";

    public static ClaimsPrincipal Principal(AccountRow account, DateTimeOffset signedIn)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, account.Name),
            new(ClaimTypes.Role, account.Role),
            new(StampClaim, account.Stamp),
            new(SignedInClaim, signedIn.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        };
        if (account.Expert is { } expert) claims.Add(new Claim(ExpertClaim, expert));
        if (account.MustChangePassword) claims.Add(new Claim(MustChangeClaim, "true"));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, PanelSite.Scheme));
    }

    public static async Task SignInAsync(HttpContext context, AccountRow account, DateTimeOffset signedIn) =>
        await context.SignInAsync(PanelSite.Scheme, Principal(account, signedIn), new AuthenticationProperties { IsPersistent = false });

    public static string Name(this ClaimsPrincipal user) => user.Identity?.Name ?? "";

    /// <summary>The expert this account scores as; empty for the secretariat and the chair.</summary>
    public static string Expert(this ClaimsPrincipal user) => user.FindFirstValue(ExpertClaim) ?? "";

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        var site = context.HttpContext.RequestServices.GetRequiredService<IOptions<SiteOptions>>().Value;
        var principal = context.Principal!;
        var signedIn = long.TryParse(principal.FindFirstValue(SignedInClaim), CultureInfo.InvariantCulture, out var s)
            ? DateTimeOffset.FromUnixTimeSeconds(s) : DateTimeOffset.MinValue;
        var account = await context.HttpContext.Mediator().Send(new GetAccount.Query(context.HttpContext.Db(), principal.Name()), context.HttpContext.RequestAborted);
        if (account is null || account.Stamp != principal.FindFirstValue(StampClaim) || account.Role != principal.FindFirstValue(ClaimTypes.Role)
            || clock.GetUtcNow() - signedIn > site.AbsoluteTimeout)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(PanelSite.Scheme);
        }
    }

    /// <summary>After a one-time password, nothing but the password page (and signing out) until it is changed.</summary>
    public static async Task RequirePasswordChangeAsync(HttpContext context, RequestDelegate next)
    {
        if (context.User.HasClaim(MustChangeClaim, "true")
            && !context.Request.Path.StartsWithSegments("/password") && !context.Request.Path.StartsWithSegments("/logout")
            && !context.Request.Path.StartsWithSegments("/css"))
        {
            context.Response.Redirect(context.Request.PathBase + "/password");
            return;
        }
        await next(context);
    }
}
