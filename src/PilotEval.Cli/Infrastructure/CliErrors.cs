using PilotEval.Rubrics;
using Spectre.Console.Cli;

namespace PilotEval.Cli.Infrastructure;

/// <summary>
/// The exit-code contract: 0 when the run finished (even with failed submissions), 2 for a usage error
/// (bad arguments, missing directory, bad rubric file), 1 for an internal failure. Messages go to stderr.
/// </summary>
public static class CliErrors
{
    public const int Ok = 0;
    public const int Internal = 1;
    public const int Usage = 2;

    public static async Task<int> RunAsync(ICommandApp app, string[] args, TextWriter? error = null)
    {
        error ??= Console.Error;
        try
        {
            return await app.RunAsync(args);
        }
        catch (CommandAppException ex)
        {
            await error.WriteLineAsync($"piloteval: {OptionHints.Explain(ex.Message, args)}");
            return Usage;
        }
        catch (RubricFileException ex)
        {
            await error.WriteLineAsync($"piloteval: bad rubric file {ex.Message}");
            return Usage;
        }
        catch (PilotEval.Store.OutputLockedException ex)
        {
            await error.WriteLineAsync($"piloteval: {ex.Message}");
            return Usage;
        }
        catch (PilotEval.Scoring.ConfirmationFileException ex)
        {
            await error.WriteLineAsync($"piloteval: bad confirmations file {ex.Message}");
            return Usage;
        }
        catch (UsageException ex)
        {
            await error.WriteLineAsync($"piloteval: {ex.Message}");
            return Usage;
        }
        catch (Exception ex)
        {
            await error.WriteLineAsync($"piloteval: internal error: {ex}");
            return Internal;
        }
    }
}

/// <summary>The user asked for something that cannot be done as asked (a missing directory, say).</summary>
public sealed class UsageException(string message) : Exception(message);
