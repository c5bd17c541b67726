namespace PilotEval.Summaries;

/// <summary>
/// How much application text fits a model's context beside the instructions and the room kept for the answer.
/// PilotEval has no tokenizer for the server's model, so it estimates (a CJK character is about a token, other text
/// about four characters a token) and, when the server counted the prompt in its refusal, scales the estimate to
/// that count. A second refusal carries a new count, so a poor estimate corrects itself on the next try.
/// </summary>
public static class ContextFit
{
    /// <summary>Tokens kept free besides the answer: the chat template's own tokens and the estimate's error.</summary>
    private const int Margin = 64;

    /// <summary>
    /// The document's new character limit, or null when the prompt already fits; 0 or less when not even the
    /// instructions fit beside <paramref name="maxTokens"/>.
    /// </summary>
    /// <param name="promptTokens">The prompt's size as the server counted it, when it said.</param>
    public static int? DocumentLimit(ReviewPrompt prompt, int contextTokens, int maxTokens, int? promptTokens)
    {
        var room = contextTokens - maxTokens - Margin;
        var document = Document(prompt);
        var documentEstimate = Estimate(document);
        var overheadEstimate = Estimate(prompt.System) + Estimate(prompt.User) - documentEstimate;
        // Calibrate on the server's count; without one, assume the estimate is a fifth short.
        var scale = promptTokens is > 0 ? (double)promptTokens.Value / Math.Max(1, overheadEstimate + documentEstimate) : 1.2;
        if ((overheadEstimate + documentEstimate) * scale <= room) return promptTokens is null ? null : Shrink(prompt.DocumentLength);
        var documentRoom = room / scale - overheadEstimate;
        if (documentRoom <= 0 || documentEstimate == 0) return 0;
        // Characters in proportion to the estimated tokens, with a tenth to spare.
        return (int)(prompt.DocumentLength * (documentRoom / documentEstimate) * 0.9);
    }

    /// <summary>The server refused a prompt the estimate says fits: the estimate is off, so cut a quarter and try again.</summary>
    private static int Shrink(int length) => length * 3 / 4;

    /// <summary>Estimated tokens of a text for the common open models (Qwen, Llama 3, DeepSeek) and OpenAI's.</summary>
    public static int Estimate(string text)
    {
        double tokens = 0;
        foreach (var c in text)
        {
            tokens += c switch
            {
                < '\u0080' => 0.25,
                >= '\u2e80' and <= '\u9fff' or >= '\uf900' and <= '\ufaff' or >= '\uff00' and <= '\uffef' => 1.0,
                _ => 0.5,
            };
        }
        return (int)Math.Ceiling(tokens);
    }

    /// <summary>The application text between the prompt's delimiters.</summary>
    private static string Document(ReviewPrompt prompt)
    {
        var begin = $"«BEGIN-{prompt.Nonce}»";
        var start = prompt.User.IndexOf(begin, StringComparison.Ordinal);
        var end = prompt.User.IndexOf($"«END-{prompt.Nonce}»", StringComparison.Ordinal);
        return start >= 0 && end > start ? prompt.User[(start + begin.Length)..end] : "";
    }
}
