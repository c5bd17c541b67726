using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PilotEval.Panel;
using PilotEval.Panel.Store;
using PilotEval.Pipeline;
using PilotEval.Web.Site;

namespace PilotEval.Web;

/// <summary>
/// <c>piloteval serve</c>: the panel round in the browser. A second front door onto the same store and the same
/// slices as <c>piloteval panel …</c>: every page sends a panel request through the mediator, and every rule
/// (assignment, conflicts, score ranges, audit) is the slice's, not the page's.
/// </summary>
public static class PanelSite
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string SignInPolicy = "sign-in";

    /// <param name="args">Command-line configuration: <c>--Serve:Db=…</c>, <c>--urls=…</c> and the rest of <see cref="SiteOptions"/>.</param>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // The pages are compiled into this assembly; name it, so they are found when the CLI is the entry point.
            ApplicationName = typeof(PanelSite).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddEnvironmentVariables("PILOTEVAL_");
        // Loopback unless told otherwise: the site is for an intranet machine, published only through the proxy.
        if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls("http://127.0.0.1:5080");
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        AddServices(builder.Services);
        configure?.Invoke(builder);

        var app = builder.Build();
        Configure(app);
        return app;
    }

    private static void AddServices(IServiceCollection services)
    {
        services.AddPilotEval();
        services.AddOptions<SiteOptions>().BindConfiguration(SiteOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Db), "Serve:Db (piloteval serve --db) names no panel store")
            .Validate(o => o.MaxFailedSignIns > 0 && o.Lockout > TimeSpan.Zero && o.IdleTimeout > TimeSpan.Zero && o.AbsoluteTimeout >= o.IdleTimeout,
                "Serve: MaxFailedSignIns, Lockout and the timeouts must be positive, the absolute timeout at least the idle one")
            .ValidateOnStart();
        services.AddOptions<PanelOptions>().BindConfiguration(PanelOptions.Section);
        // Chinese as characters in the HTML, not &#x…; entities: readable source, a quarter of the bytes.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddMemoryCache();
        services.AddSingleton<SubmissionTexts>();
        services.AddSingleton<RubricDescriptors>();

        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/Expert", Roles.ExpertPolicy);
            options.Conventions.AuthorizeFolder("/Round", Roles.StaffPolicy);
            options.Conventions.AuthorizeFolder("/Accounts", Roles.SecretariatPolicy);
            options.Conventions.AuthorizePage("/Index");
            options.Conventions.AuthorizePage("/Password");
            options.Conventions.AllowAnonymousToPage("/Login");
        }).AddApplicationPart(typeof(PanelSite).Assembly);

        services.AddAuthentication(Scheme).AddCookie(Scheme);
        services.AddOptions<CookieAuthenticationOptions>(Scheme).Configure<IOptions<SiteOptions>>((cookie, site) =>
        {
            cookie.Cookie.Name = "piloteval.session";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = site.Value.BehindProxy ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = site.Value.IdleTimeout;
            cookie.SlidingExpiration = true;
            cookie.LoginPath = "/login";
            cookie.LogoutPath = "/logout";
            cookie.Events = new CookieAuthenticationEvents
            {
                OnValidatePrincipal = Sessions.ValidateAsync,
                // A page of another role is refused as if it did not exist: the same answer as an unassigned application.
                OnRedirectToAccessDenied = context => { context.Response.StatusCode = StatusCodes.Status404NotFound; return Task.CompletedTask; },
            };
        });
        services.AddAuthorization(Roles.AddPolicies);
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "piloteval.antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.FormFieldName = "__RequestVerificationToken";
        });
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(SignInPolicy, context =>
            {
                // Only attempts count: reading the sign-in page is free.
                if (!HttpMethods.IsPost(context.Request.Method)) return RateLimitPartition.GetNoLimiter("read");
                var site = context.RequestServices.GetRequiredService<IOptions<SiteOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "local",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = site.SignInPermits, Window = site.SignInWindow, QueueLimit = 0 });
            });
            options.OnRejected = async (context, token) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync("登录尝试过于频繁，请稍后再试。", token);
            };
        });
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<SiteOptions>>((forwarded, site) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            foreach (var proxy in site.Value.KnownProxies) forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
        });
    }

    private static void Configure(WebApplication app)
    {
        var site = app.Services.GetRequiredService<IOptions<SiteOptions>>().Value;
        if (site.BehindProxy) app.UseForwardedHeaders();
        if (!string.IsNullOrEmpty(site.PathBase)) app.UsePathBase(site.PathBase);
        app.UseStatusCodePages(async context =>
        {
            var response = context.HttpContext.Response;
            if (response.ContentLength is not null || response.ContentType is not null) return;
            response.ContentType = "text/html; charset=utf-8";
            await response.WriteAsync(StatusPage(response.StatusCode));
        });
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.Use(Sessions.RequirePasswordChangeAsync);
        app.UseAuthorization();
        app.MapGet("/css/site.css", SiteCss).AllowAnonymous();
        app.MapRazorPages();
    }

    private static IResult SiteCss()
    {
        using var stream = typeof(PanelSite).Assembly.GetManifestResourceStream("PilotEval.Web.site.css")!;
        using var reader = new StreamReader(stream);
        return Results.Text(reader.ReadToEnd(), "text/css; charset=utf-8");
    }

    private static string StatusPage(int status) => $"""
        <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{status}</title><link rel="stylesheet" href="/css/site.css"></head>
        <body><main class="page"><h1>{status}</h1><p>{status switch
        {
            404 => "没有这个页面。",
            400 => "请求无效（表单已过期或缺少校验信息），请返回重新打开页面后再提交。",
            429 => "请求过于频繁，请稍后再试。",
            _ => "请求未能完成。",
        }}</p><p><a href="/">返回首页</a></p></main></body></html>
        """;

    /// <summary>The store as the site was started on it.</summary>
    public static string Db(this HttpContext context) => context.RequestServices.GetRequiredService<IOptions<SiteOptions>>().Value.Db;

    public static IMediator Mediator(this HttpContext context) => context.RequestServices.GetRequiredService<IMediator>();

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
