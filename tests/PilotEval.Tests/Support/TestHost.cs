using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PilotEval.Documents;
using PilotEval.Pipeline;
using PilotEval.Rubrics;

namespace PilotEval.Tests.Support;

/// <summary>The real service collection, as the CLI builds it, for tests that go through the mediator.</summary>
public static class TestHost
{
    /// <summary>
    /// The reading limits of every test that does not set its own: the product's 60 s per file is a fine default for a
    /// user and a race for a test on a busy CI machine (a sample read at load 50 came back `timeout`, and its test failed).
    /// </summary>
    public static readonly ReaderLimits BusyMachineLimits = new() { Timeout = TimeSpan.FromMinutes(10) };

    /// <summary>The same, for a <c>piloteval</c> child process (see <see cref="CliProcess"/>).</summary>
    public const string BusyMachineReadingTimeout = "00:10:00";

    public static ServiceProvider Create(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        configure?.Invoke(services);
        services.TryAddSingleton(BusyMachineLimits);
        services.AddPilotEval();
        return services.BuildServiceProvider();
    }

    public static IMediator Mediator(this ServiceProvider provider) => provider.GetRequiredService<IMediator>();

    public static RubricSet RepoRubrics() => RubricLoader.LoadDirectory(RepoPaths.Rubrics);

    public static async Task<DocumentText> ReadAsync(string path, ReaderLimits? limits = null)
    {
        using var provider = Create(s => { if (limits is not null) s.AddSingleton(limits); });
        return await provider.Mediator().Send(new ReadDocument.Query(path));
    }
}

/// <summary>A temporary directory removed when disposed.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("piloteval-test-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}
