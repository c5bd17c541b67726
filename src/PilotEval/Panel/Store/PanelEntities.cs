namespace PilotEval.Panel.Store;

// The panel's decisions as rows. Keys are the names people use (a source file, an expert's name, a criterion id)
// so an audit line, a CSV row and a sheet cell all point at the same record without a lookup table.

/// <summary>The one round a store holds: where its applications came from and the rubrics they were scored with.</summary>
public sealed class RoundRow
{
    public int Id { get; set; }
    public string ResultsPath { get; set; } = "";
    /// <summary>The run's results.json as opened, so the notice and the reports never depend on a file that may move.</summary>
    public string ResultsJson { get; set; } = "";
    /// <summary>The reference day for "former employer within three years".</summary>
    public DateOnly OpenedOn { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public string OpenedBy { get; set; } = "";
    /// <summary>Experts per application asked for by the last <c>panel assign</c>; null: every non-conflicted expert of the track.</summary>
    public int? ExpertsPerApplication { get; set; }
    /// <summary>Whether the chair lets an expert who has submitted an application see the other experts' scores of it.</summary>
    public bool ScoresShared { get; set; }
}

public sealed class RubricRow
{
    public string Track { get; set; } = "";
    public string Name { get; set; } = "";
    public string Sha256 { get; set; } = "";
}

public sealed class CriterionRow
{
    public string Track { get; set; } = "";
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public double Weight { get; set; }
    public int Position { get; set; }
}

/// <summary>An application in the round: shortlisted by the machine, or entered because an eligibility check is 待核实.</summary>
public sealed class ApplicationRow
{
    public string Source { get; set; } = "";
    public string Track { get; set; } = "";
    public string? Enterprise { get; set; }
    public string? Project { get; set; }
    /// <summary>联合申报单位 as the cover gives them.</summary>
    public string? Partners { get; set; }
    public string? CreditCode { get; set; }
    public double? MachineScore { get; set; }
    public int? MachineRank { get; set; }
    /// <summary><c>shortlisted</c> or <c>unconfirmed</c> (entered for its 待核实 checks).</summary>
    public string Entry { get; set; } = "";
    /// <summary>The 待核实 eligibility checks, <c>;</c>-separated; empty when none.</summary>
    public string UnconfirmedChecks { get; set; } = "";
}

public sealed class ExpertRow
{
    public string Name { get; set; } = "";
    public string Organisation { get; set; } = "";
    public string? CreditCode { get; set; }
    /// <summary>Track ids, <c>;</c>-separated.</summary>
    public string Tracks { get; set; } = "";
    /// <summary><c>organisation:YYYY-MM-DD</c> (the day they left), <c>;</c>-separated.</summary>
    public string FormerEmployers { get; set; } = "";
    /// <summary>Organisations the expert declares a relation with, <c>;</c>-separated.</summary>
    public string Relations { get; set; } = "";
}

public sealed class ConflictRow
{
    public string Expert { get; set; } = "";
    public string Source { get; set; } = "";
    public string Reason { get; set; } = "";
}

public sealed class AssignmentRow
{
    public string Expert { get; set; } = "";
    public string Source { get; set; } = "";
    public string Reason { get; set; } = "";
}

/// <summary>One expert's score of one criterion of one application.</summary>
public sealed class ScoreRow
{
    public string Expert { get; set; } = "";
    public string Source { get; set; } = "";
    public string Criterion { get; set; } = "";
    public double Value { get; set; }
    public string Comment { get; set; } = "";
    /// <summary><c>submitted</c> (imported from a sheet or CSV) or <c>draft</c> (saved in the browser, not yet submitted).</summary>
    public string Status { get; set; } = ScoreStatus.Submitted;
    /// <summary>The file (and cell or row) the score came from.</summary>
    public string Origin { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
}

public static class ScoreStatus
{
    public const string Submitted = "submitted";
    public const string Draft = "draft";
}

/// <summary>The panel's decision on one application: selected or not, and why when it departs from the ranking.</summary>
public sealed class DecisionRow
{
    public string Source { get; set; } = "";
    public string Track { get; set; } = "";
    public bool Selected { get; set; }
    public int? Rank { get; set; }
    public string Reason { get; set; } = "";
    public DateTimeOffset DecidedAt { get; set; }
    public string DecidedBy { get; set; } = "";
}

/// <summary>A person's confirmation of an eligibility check the machine left 待核实.</summary>
public sealed class ConfirmationRow
{
    public string Source { get; set; } = "";
    public string Check { get; set; } = "";
    public string Note { get; set; } = "";
    public DateTimeOffset ConfirmedAt { get; set; }
    public string ConfirmedBy { get; set; } = "";
}

/// <summary>One line of the audit log: who did what, when, and what the value was before.</summary>
public sealed class AuditRow
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string Who { get; set; } = "";
    public string Action { get; set; } = "";
    public string Subject { get; set; } = "";
    public string? Previous { get; set; }
    public string? Current { get; set; }
}

/// <summary>
/// A person who signs in to <c>piloteval serve</c>: the secretariat, the chair, or an expert of the round (linked by
/// name to <see cref="ExpertRow"/>). Only a hash of the password is kept; failed sign-ins and the lockout are kept
/// here too, so a restart of the server does not reset them.
/// </summary>
public sealed class AccountRow
{
    public string Name { get; set; } = "";
    /// <summary><c>secretariat</c>, <c>chair</c> or <c>expert</c> (<see cref="AccountRoles"/>).</summary>
    public string Role { get; set; } = "";
    /// <summary>The expert this account scores as; null for the secretariat and the chair.</summary>
    public string? Expert { get; set; }
    /// <summary>ASP.NET Core Identity's <c>PasswordHasher</c> format (PBKDF2 with a salt, versioned).</summary>
    public string PasswordHash { get; set; } = "";
    /// <summary>True while the password is a one-time password handed out by the secretariat.</summary>
    public bool MustChangePassword { get; set; } = true;
    public int FailedSignIns { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    /// <summary>Changes with the password or a reset: a session cookie issued before the change stops working.</summary>
    public string Stamp { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
}

public static class AccountRoles
{
    public const string Secretariat = "secretariat";
    public const string Chair = "chair";
    public const string Expert = "expert";
    public static readonly IReadOnlyList<string> All = [Secretariat, Chair, Expert];
}
