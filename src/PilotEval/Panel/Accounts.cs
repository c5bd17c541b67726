using System.Collections.Immutable;
using System.Security.Cryptography;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PilotEval.Panel.Store;

namespace PilotEval.Panel;

/// <summary>
/// The accounts of <c>piloteval serve</c>, kept in the panel store beside the round they work on. Passwords are
/// hashed with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>; a new or reset account gets a one-time
/// password, shown once to whoever created it, that must be changed at the first sign-in. There is never a default
/// password: the first secretariat account is created on the command line (<c>piloteval panel account add</c>).
/// </summary>
public static class Accounts
{
    private static readonly PasswordHasher<AccountRow> Hasher = new();

    /// <summary>No 0/O, 1/l/I: the secretariat reads it out or writes it on paper.</summary>
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public const int MinimumPasswordLength = 10;

    public static string NewOneTimePassword() => RandomNumberGenerator.GetString(Alphabet, 14);

    internal static string Hash(AccountRow account, string password) => Hasher.HashPassword(account, password);

    internal static bool Verify(AccountRow account, string password) =>
        Hasher.VerifyHashedPassword(account, account.PasswordHash, password) != PasswordVerificationResult.Failed;

    internal static string NewStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Why a new password is refused, or null.</summary>
    public static string? PasswordProblem(string password, string? current) =>
        password.Length < MinimumPasswordLength ? $"新密码至少 {MinimumPasswordLength} 个字符"
        : current is not null && password == current ? "新密码不能与原密码相同"
        : password.Distinct().Count() < 4 ? "新密码过于简单"
        : null;

    public static string RoleName(string role) => role switch
    {
        AccountRoles.Secretariat => "秘书处",
        AccountRoles.Chair => "专家组组长",
        AccountRoles.Expert => "评审专家",
        _ => role,
    };
}

/// <summary>A new account with a one-time password (the secretariat creates them; the first one on the command line).</summary>
public static class AddAccount
{
    /// <param name="Expert">For an expert account: the expert of the round it scores as.</param>
    public sealed record Command(string Db, string Name, string Role, string? Expert, string Who) : ICommand<Result>;

    public sealed record Result(string Name, string Role, string OneTimePassword);

    public sealed class Handler(TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var name = command.Name.Trim();
            if (name.Length == 0) throw new PanelException("账号名不能为空");
            if (!AccountRoles.All.Contains(command.Role))
                throw new PanelException($"角色「{command.Role}」应为 {string.Join("、", AccountRoles.All)} 之一");
            await using var context = await PanelStore.OpenAsync(command.Db, create: false, cancellationToken);
            var expert = command.Expert?.Trim();
            if (command.Role == AccountRoles.Expert)
            {
                if (string.IsNullOrEmpty(expert)) throw new PanelException("评审专家账号须关联本轮的一位专家（--expert）");
                if (!await context.Experts.AnyAsync(e => e.Name == expert, cancellationToken))
                    throw new PanelException($"专家「{expert}」不在评审库中（先运行 piloteval panel experts）");
                if (await context.Accounts.AnyAsync(a => a.Expert == expert, cancellationToken))
                    throw new PanelException($"专家「{expert}」已有账号；需要新密码请重置");
            }
            else if (!string.IsNullOrEmpty(expert))
            {
                throw new PanelException($"{Accounts.RoleName(command.Role)}账号不关联专家");
            }
            if (await context.Accounts.AnyAsync(a => a.Name == name, cancellationToken)) throw new PanelException($"账号「{name}」已存在");

            var now = clock.GetUtcNow();
            var password = Accounts.NewOneTimePassword();
            var account = new AccountRow
            {
                Name = name, Role = command.Role, Expert = command.Role == AccountRoles.Expert ? expert : null,
                MustChangePassword = true, Stamp = Accounts.NewStamp(), CreatedAt = now, CreatedBy = command.Who,
            };
            account.PasswordHash = Accounts.Hash(account, password);
            await context.WriteAsync(async () =>
            {
                context.Accounts.Add(account);
                context.Record(command.Who, now, "account-add", name, null, Accounts.RoleName(command.Role) + (account.Expert is { } e ? "（专家 " + e + "）" : ""));
                await Task.CompletedTask;
                return 0;
            }, cancellationToken);
            return new Result(name, command.Role, password);
        }
    }
}

/// <summary>A new one-time password for an account (forgotten password, or a lockout to lift early).</summary>
public static class ResetPassword
{
    public sealed record Command(string Db, string Name, string Who) : ICommand<Result>;

    public sealed record Result(string Name, string OneTimePassword);

    public sealed class Handler(TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var context = await PanelStore.OpenAsync(command.Db, create: false, cancellationToken);
            var now = clock.GetUtcNow();
            var password = Accounts.NewOneTimePassword();
            await context.WriteAsync(async () =>
            {
                var account = await context.Accounts.SingleOrDefaultAsync(a => a.Name == command.Name, cancellationToken)
                    ?? throw new PanelException($"账号「{command.Name}」不存在");
                context.Record(command.Who, now, "account-reset", account.Name,
                    account.LockedUntil > now ? $"锁定至 {account.LockedUntil:yyyy-MM-dd HH:mm}" : "密码有效", "一次性密码");
                (account.PasswordHash, account.MustChangePassword, account.Stamp, account.FailedSignIns, account.LockedUntil) =
                    (Accounts.Hash(account, password), true, Accounts.NewStamp(), 0, null);
                return 0;
            }, cancellationToken);
            return new Result(command.Name, password);
        }
    }
}

/// <summary>
/// Checks a name and password. Failures are counted in the store; the <c>MaxFailures</c>-th in a row locks the
/// account for <c>Lockout</c> (audited), and a locked account is refused even with the right password.
/// </summary>
public static class SignIn
{
    public sealed record Command(string Db, string Name, string Password, int MaxFailures, TimeSpan Lockout) : ICommand<Result>;

    public enum Outcome { SignedIn, Refused, LockedOut }

    /// <param name="Account">The account, when signed in.</param>
    public sealed record Result(Outcome Outcome, AccountRow? Account, DateTimeOffset? LockedUntil = null);

    public sealed class Handler(TimeProvider clock) : ICommandHandler<Command, Result>
    {
        /// <summary>Verified against when the name is unknown, so an unknown name costs the same time as a wrong password.</summary>
        private static readonly AccountRow Nobody = new() { Name = "", PasswordHash = Accounts.Hash(new AccountRow(), Accounts.NewOneTimePassword()) };

        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var context = await PanelStore.OpenAsync(command.Db, create: false, cancellationToken);
            var now = clock.GetUtcNow();
            return await context.WriteAsync(async () =>
            {
                var account = await context.Accounts.SingleOrDefaultAsync(a => a.Name == command.Name.Trim(), cancellationToken);
                if (account is null)
                {
                    Accounts.Verify(Nobody, command.Password);
                    return new Result(Outcome.Refused, null);
                }
                if (account.LockedUntil is { } until && until > now) return new Result(Outcome.LockedOut, null, until);
                if (Accounts.Verify(account, command.Password))
                {
                    (account.FailedSignIns, account.LockedUntil) = (0, null);
                    return new Result(Outcome.SignedIn, account);
                }
                account.FailedSignIns++;
                if (account.FailedSignIns < command.MaxFailures) return new Result(Outcome.Refused, null);
                account.FailedSignIns = 0;
                account.LockedUntil = now + command.Lockout;
                context.Record(account.Name, now, "account-lock", account.Name, "可登录",
                    $"连续 {command.MaxFailures} 次密码错误，锁定至 {account.LockedUntil:yyyy-MM-dd HH:mm:ss} UTC");
                return new Result(Outcome.LockedOut, null, account.LockedUntil);
            }, cancellationToken);
        }
    }
}

/// <summary>The account holder sets their own password (required after a one-time password).</summary>
public static class ChangePassword
{
    public sealed record Command(string Db, string Name, string Current, string New) : ICommand<Result>;

    /// <param name="Problem">Why the change was refused; null when the password was changed.</param>
    /// <param name="Stamp">The account's new stamp, for the renewed session.</param>
    public sealed record Result(string? Problem, string? Stamp);

    public sealed class Handler(TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var context = await PanelStore.OpenAsync(command.Db, create: false, cancellationToken);
            var now = clock.GetUtcNow();
            return await context.WriteAsync(async () =>
            {
                var account = await context.Accounts.SingleOrDefaultAsync(a => a.Name == command.Name, cancellationToken);
                if (account is null || !Accounts.Verify(account, command.Current)) return new Result("原密码不正确", null);
                if (Accounts.PasswordProblem(command.New, command.Current) is { } problem) return new Result(problem, null);
                (account.PasswordHash, account.MustChangePassword, account.Stamp) = (Accounts.Hash(account, command.New), false, Accounts.NewStamp());
                context.Record(account.Name, now, "password-change", account.Name, null, null);
                return new Result(null, account.Stamp);
            }, cancellationToken);
        }
    }
}

/// <summary>Every account, for the secretariat's page and <c>panel account list</c>.</summary>
public static class ListAccounts
{
    public sealed record Query(string Db) : IQuery<ImmutableArray<AccountRow>>;

    public sealed class Handler : IQueryHandler<Query, ImmutableArray<AccountRow>>
    {
        public async ValueTask<ImmutableArray<AccountRow>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var context = await PanelStore.OpenAsync(query.Db, create: false, cancellationToken);
            return [.. await context.Accounts.AsNoTracking().OrderBy(a => a.Role).ThenBy(a => a.Name).ToListAsync(cancellationToken)];
        }
    }
}

/// <summary>One account by name, or null: the site checks it on every request (removed, reset or locked since sign-in).</summary>
public static class GetAccount
{
    public sealed record Query(string Db, string Name) : IQuery<AccountRow?>;

    public sealed class Handler : IQueryHandler<Query, AccountRow?>
    {
        public async ValueTask<AccountRow?> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var context = await PanelStore.OpenAsync(query.Db, create: false, cancellationToken);
            return await context.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Name == query.Name, cancellationToken);
        }
    }
}
