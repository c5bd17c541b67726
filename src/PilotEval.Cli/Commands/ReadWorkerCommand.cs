using PilotEval.Documents;
using Spectre.Console.Cli;

namespace PilotEval.Cli.Commands;

/// <summary>
/// Hidden <c>read-worker</c>: parses files for a parent PilotEval process over stdin/stdout
/// (see <see cref="DocumentWorker"/>), so a hung or runaway parser can be killed without killing the batch.
/// </summary>
public sealed class ReadWorkerCommand : AsyncCommand<ReadWorkerCommand.Settings>
{
    /// <summary>The command's name, which <c>Program</c> recognises before building the CLI.</summary>
    public const string Name = "read-worker";

    public sealed class Settings : CommandSettings;

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken) =>
        DocumentWorker.RunAsync(Console.OpenStandardInput(), Console.OpenStandardOutput(), cancellationToken);
}
