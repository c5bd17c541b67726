using System.Globalization;

namespace PilotEval.Web.Site;

/// <summary>Points as the sheets and reports print them: up to two decimals, invariant.</summary>
public static class Figures
{
    public static string Points(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Points(double? value) => value is { } v ? Points(v) : "—";
}
