using Mediator;
using Microsoft.Extensions.DependencyInjection;
using PilotEval.Documents;
using PilotEval.Pipeline;
using PilotEval.Rubrics;

namespace PilotEval.Tests.Support;

/// <summary>The real service collection, as the CLI builds it, for tests that go through the mediator.</summary>
public static class TestHost
{
    public static ServiceProvider Create(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        configure?.Invoke(services);
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
