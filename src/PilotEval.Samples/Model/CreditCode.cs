namespace PilotEval.Samples.Model;

/// <summary>
/// Builds 统一社会信用代码 per GB 32100-2015 so that a product validating the check character
/// accepts every sample. The embedded 9-character organisation code also gets its own
/// GB 11714 check digit, because real codes always carry one.
/// </summary>
public static class CreditCode
{
    // GB 32100 excludes I, O, Z, S and V to avoid confusion with digits.
    private const string Charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly int[] UsccWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    private static readonly int[] OrgWeights = [3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>
    /// A code for an enterprise legal person ("91") registered in <paramref name="regionCode"/>
    /// (6-digit administrative division, e.g. 110108 海淀区) with the 8-character organisation
    /// code body <paramref name="orgBody"/>.
    /// </summary>
    public static string Enterprise(string regionCode, string orgBody)
    {
        if (regionCode.Length != 6 || !regionCode.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("region code must be 6 digits", nameof(regionCode));
        }

        if (orgBody.Length != 8 || orgBody.Any(c => Charset.IndexOf(c) < 0))
        {
            throw new ArgumentException("organisation code body must be 8 characters from the GB 32100 charset", nameof(orgBody));
        }

        var first17 = "91" + regionCode + orgBody + OrgCheck(orgBody);
        return first17 + UsccCheck(first17);
    }

    public static bool IsValid(string code) =>
        code.Length == 18 && code.All(c => Charset.IndexOf(c) >= 0) && UsccCheck(code[..17]) == code[17];

    private static char OrgCheck(string body)
    {
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            // GB 11714 values letters by plain alphabet position (A=10 … Z=35), unlike GB 32100.
            var value = char.IsAsciiDigit(body[i]) ? body[i] - '0' : body[i] - 'A' + 10;
            sum += value * OrgWeights[i];
        }

        var c = 11 - (sum % 11);
        return c switch
        {
            10 => 'X',
            11 => '0',
            _ => (char)('0' + c),
        };
    }

    private static char UsccCheck(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Charset.IndexOf(first17[i]) * UsccWeights[i];
        }

        var c = 31 - (sum % 31);
        return Charset[c == 31 ? 0 : c];
    }
}
