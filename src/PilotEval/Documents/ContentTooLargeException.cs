namespace PilotEval.Documents;

/// <summary>A file would inflate past a limit (zip bomb, decompression bomb): reported as <c>too-large</c>.</summary>
internal sealed class ContentTooLargeException(string message) : Exception(message);
