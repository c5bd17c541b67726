using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using PilotEval.Web;

namespace PilotEval.Cli.Benchmarks;

/// <summary>
/// The panel site on Kestrel at 127.0.0.1 and a free port (a real socket, as a browser or a load generator needs;
/// TestServer has none), on a given store, built by the same <see cref="PanelSite.Create"/> as <c>piloteval serve</c>.
/// Its error log is collected, so a load run can show that no request failed inside the server (a "database is
/// locked", an unhandled exception) even when the page it answered looks fine.
/// </summary>
public sealed class LiveSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _errors;

    private LiveSite(WebApplication app, Uri address, ConcurrentQueue<string> errors) => (_app, Address, _errors) = (app, address, errors);

    public Uri Address { get; }

    /// <summary>Every log entry of level Error or above the site wrote, with its exception.</summary>
    public IReadOnlyCollection<string> Errors => _errors;

    /// <param name="settings">Further <c>--Serve:…</c> settings (submissions, rubrics, timeouts).</param>
    public static async Task<LiveSite> StartAsync(string db, IEnumerable<string>? settings = null, CancellationToken cancellationToken = default)
    {
        var errors = new ConcurrentQueue<string>();
        var app = PanelSite.Create(["--Serve:Db=" + db, "--urls=http://127.0.0.1:0", .. settings ?? []], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(new ErrorCollector(errors));
        });
        await app.StartAsync(cancellationToken);
        // Port 0 asks the system for a free port; the address Kestrel bound is known only once it has started.
        var bound = app.Urls.Single(u => u.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));
        return new LiveSite(app, new Uri(bound + "/"), errors);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class ErrorCollector(ConcurrentQueue<string> errors) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, errors);

        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<string> errors) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel)) errors.Enqueue($"{category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
