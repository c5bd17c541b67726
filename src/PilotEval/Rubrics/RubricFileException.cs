namespace PilotEval.Rubrics;

/// <summary>A rubric file a regulator wrote is wrong; the message names the file, the line and the reason.</summary>
public sealed class RubricFileException(string file, long line, string reason)
    : Exception($"{file}:{line}: {reason}")
{
    public string File { get; } = file;
    public long Line { get; } = line;
    public string Reason { get; } = reason;
}
