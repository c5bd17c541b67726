namespace PilotEval.Web.Site;

/// <summary>
/// The <c>Serve</c> section: <c>piloteval serve</c> fills it from its flags, <c>appsettings.json</c> or
/// <c>PILOTEVAL_Serve__…</c> variables may set the rest. Validated at start.
/// </summary>
public sealed class SiteOptions
{
    public const string Section = "Serve";

    /// <summary>The panel store: a SQLite path or a PostgreSQL connection string, as for <c>piloteval panel … --db</c>.</summary>
    public string Db { get; set; } = "";

    /// <summary>Where the applications' files are now, when they have moved since the run (default: the run's own folder).</summary>
    public string? Submissions { get; set; }

    /// <summary>The rubric folder, for the level descriptors shown beside each criterion.</summary>
    public string? Rubrics { get; set; }

    /// <summary>The rubric folder in use: <see cref="Rubrics"/>, else ./rubrics, else the one installed beside the program.</summary>
    public string RubricsDirectory => Rubrics
        ?? (Directory.Exists("rubrics") ? "rubrics" : Path.Combine(AppContext.BaseDirectory, "rubrics"));

    /// <summary>A session ends after this long without a request (sliding expiry).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A session ends this long after sign-in, however active (absolute expiry).</summary>
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Wrong passwords in a row before the account is locked.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    public TimeSpan Lockout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Sign-in attempts (POST /login) allowed per client address per <see cref="SignInWindow"/>.</summary>
    public int SignInPermits { get; set; } = 20;

    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Behind the administration's HTTPS reverse proxy: trust its <c>X-Forwarded-For</c>/<c>-Proto</c> (from
    /// <see cref="KnownProxies"/> only) and send cookies only over HTTPS.
    /// </summary>
    public bool BehindProxy { get; set; }

    /// <summary>The proxy's addresses (default: loopback only).</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>The path the proxy publishes the site under, e.g. <c>/panel</c>; empty at the root.</summary>
    public string PathBase { get; set; } = "";
}
