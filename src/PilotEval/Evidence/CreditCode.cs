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
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Alphabet.IndexOf(code[i]);
            if (value < 0) return false;
            sum += value * Weights[i];
        }
        var check = (31 - sum % 31) % 31;
        return Alphabet[check] == code[17];
    }
}
