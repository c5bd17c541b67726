using Microsoft.AspNetCore.Authorization;
using PilotEval.Panel.Store;

namespace PilotEval.Web.Site;

/// <summary>
/// Who may reach which folder of pages. Every page is checked on the server on every request; a page of another role
/// answers 404 (as if it did not exist), the same as an application not assigned to the expert, so an expert learns
/// nothing of the secretariat's pages or of other applications by probing addresses.
/// </summary>
public static class Roles
{
    public const string ExpertPolicy = "expert";
    /// <summary>The secretariat and the chair: progress, rankings, downloads.</summary>
    public const string StaffPolicy = "staff";
    /// <summary>Accounts and confirmations of 待核实 checks.</summary>
    public const string SecretariatPolicy = "secretariat";
    /// <summary>The decision, reopening submitted scores, sharing scores among experts.</summary>
    public const string ChairPolicy = "chair";

    public static void AddPolicies(AuthorizationOptions options)
    {
        options.AddPolicy(ExpertPolicy, p => p.RequireAuthenticatedUser().RequireRole(AccountRoles.Expert).RequireClaim(Sessions.ExpertClaim));
        options.AddPolicy(StaffPolicy, p => p.RequireAuthenticatedUser().RequireRole(AccountRoles.Secretariat, AccountRoles.Chair));
        options.AddPolicy(SecretariatPolicy, p => p.RequireAuthenticatedUser().RequireRole(AccountRoles.Secretariat));
        options.AddPolicy(ChairPolicy, p => p.RequireAuthenticatedUser().RequireRole(AccountRoles.Chair));
    }
}
