using System.Reflection;

namespace PilotEval.Cli.Infrastructure;

/// <summary>The version <c>--version</c> prints: the informational version of the build, without the source hash.</summary>
public static class CliVersion
{
    public static string Text { get; } =
        (typeof(CliVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0")
        .Split('+')[0];
}
