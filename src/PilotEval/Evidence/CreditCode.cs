namespace PilotEval.Evidence;

/// <summary>The 18-character 统一社会信用代码 of GB 32100-2015, whose last character is a checksum.</summary>
public static class CreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public static bool IsValid(string? code)
    {
        if (code is null) return false;
        code = code.Trim().ToUpperInvariant();
        if (code.Length != 18) return false;
        if (code.Any(c => Alphabet.IndexOf(c) < 0)) return false;
        return Alphabet[CheckValue(code)] == code[17];
    }

    private static int CheckValue(string code)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += Alphabet.IndexOf(code[i]) * Weights[i];
        return (31 - sum % 31) % 31;
    }

    /// <summary>Why a code is invalid, in Chinese for the flag's detail: wrong length, a letter the standard excludes, or the check character.</summary>
    public static string Explain(string code)
    {
        code = code.Trim().ToUpperInvariant();
        if (code.Length != 18) return $"应为 18 位，实为 {code.Length} 位";
        if (code.FirstOrDefault(c => Alphabet.IndexOf(c) < 0) is var bad and not '\0')
            return $"含有 GB 32100 不使用的字符“{bad}”";
        var expected = Alphabet[CheckValue(code)];
        return expected == code[17] ? "有效" : $"校验位应为“{expected}”，实为“{code[17]}”";
    }
}
