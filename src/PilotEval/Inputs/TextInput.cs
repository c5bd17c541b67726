using System.Text;

namespace PilotEval.Inputs;

/// <summary>How a text input was encoded on disk.</summary>
public enum TextInputEncoding
{
    Utf8,
    Utf8WithBom,
    Utf16,

    /// <summary>GBK or GB18030: the "ANSI" default of Chinese Windows editors and of Chinese Excel's CSV.</summary>
    Gb18030,
}

/// <summary>A text input decoded, with the encoding it was found in, so callers can say what they read.</summary>
public sealed record DecodedText(string Text, TextInputEncoding Encoding)
{
    public bool IsLegacyChinese => Encoding == TextInputEncoding.Gb18030;
}

/// <summary>
/// The one reader for every text file a user hands PilotEval (rubrics, eligibility.yaml, the lexicon, selection and
/// expert CSVs). UTF-8 with or without a BOM and UTF-16 with a BOM are read as they are. Anything else is decoded as
/// GB18030 (a superset of GBK) only when it is valid GB18030 — never guessed silently: the caller learns it from
/// <see cref="DecodedText.Encoding"/> and either says so or refuses with <see cref="LegacyEncodingAdvice"/>.
/// </summary>
public static class TextInput
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly Lazy<Encoding> StrictGb18030 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    });

    public static DecodedText Read(string path) => Decode(path, File.ReadAllBytes(path));

    /// <exception cref="TextInputException">The bytes are neither UTF-8, UTF-16 with a BOM nor GB18030.</exception>
    public static DecodedText Decode(string file, byte[] bytes)
    {
        ReadOnlySpan<byte> span = bytes;
        if (span.StartsWith("\uFEFF"u8))
            return new DecodedText(Strict(file, StrictUtf8, bytes, 3), TextInputEncoding.Utf8WithBom);
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            return new DecodedText(Strict(file, new UnicodeEncoding(false, false, true), bytes, 2), TextInputEncoding.Utf16);
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return new DecodedText(Strict(file, new UnicodeEncoding(true, false, true), bytes, 2), TextInputEncoding.Utf16);

        try
        {
            return new DecodedText(StrictUtf8.GetString(bytes), TextInputEncoding.Utf8);
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8: the only other encoding Chinese users' tools write by default is GBK/GB18030.
        }

        try
        {
            return new DecodedText(StrictGb18030.Value.GetString(bytes), TextInputEncoding.Gb18030);
        }
        catch (DecoderFallbackException)
        {
            throw new TextInputException(file, $"{Path.GetFileName(file)} 既不是 UTF-8 也不是 GBK 编码的文本文件，无法读取；请用文本编辑器另存为 UTF-8 后重试");
        }
    }

    /// <summary>What to tell a user whose file is GBK where PilotEval needs UTF-8.</summary>
    public static string LegacyEncodingAdvice(string file) =>
        $"{Path.GetFileName(file)} 是 GBK/GB18030 编码（中文 Windows 记事本或 Excel 默认的“ANSI”编码），请另存为 UTF-8 后重试 " +
        "(this file is GBK-encoded; save it as UTF-8)";

    /// <summary>What to tell a user whose file was GBK and was read as such.</summary>
    public static string LegacyEncodingNotice(string file) =>
        $"注意：{Path.GetFileName(file)} 是 GBK/GB18030 编码，已按 GBK 读取；建议另存为 UTF-8 (read as GBK)";

    private static string Strict(string file, Encoding encoding, byte[] bytes, int skip)
    {
        try
        {
            return encoding.GetString(bytes, skip, bytes.Length - skip);
        }
        catch (DecoderFallbackException)
        {
            throw new TextInputException(file, $"{Path.GetFileName(file)} 的编码标记与内容不符（文件已部分损坏或被错误转换），请另存为 UTF-8 后重试");
        }
    }
}

/// <summary>A text input cannot be decoded; the message is meant for the person who saved the file.</summary>
public sealed class TextInputException(string file, string message) : Exception(message)
{
    public string File { get; } = file;
}
