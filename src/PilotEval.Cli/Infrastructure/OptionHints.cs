using System.Reflection;
using System.Text.RegularExpressions;
using Spectre.Console.Cli;

namespace PilotEval.Cli.Infrastructure;

/// <summary>
/// Turns Spectre's parse errors into sentences a clerk can act on: the nearest valid option for a misspelt one
/// (<c>--min-scroe</c> → <c>--min-score</c>), and what a value should look like instead of
/// 「Failed to convert 'abc' to Nullable`1」. The options are read from the commands' own settings classes, so a new
/// command needs no entry here.
/// </summary>
public static partial class OptionHints
{
    private sealed record Option(string Name, Type ValueType, Type Settings);

    private static readonly Lazy<IReadOnlyList<(string Command, Type Settings)>> Commands = new(FindCommands);

    public static string Explain(string message, IReadOnlyList<string> args)
    {
        if (UnknownOption().Match(message) is { Success: true } unknown)
        {
            var name = unknown.Groups[1].Value;
            var written = args.FirstOrDefault(a => a.TrimStart('-').Split('=')[0] == name) ?? "--" + name;
            return Nearest(name, OptionsFor(args)) is { } near
                ? $"unknown option '{written}'; did you mean '--{near}'? (see 'piloteval {CommandOf(args)} --help')"
                : $"unknown option '{written}' (see 'piloteval {CommandOf(args)} --help')";
        }
        if (FailedConversion().Match(message) is { Success: true } conversion)
        {
            var value = conversion.Groups[1].Value;
            var index = args.ToList().FindIndex(a => a == value);
            var option = index > 0 && args[index - 1].StartsWith('-') ? args[index - 1] : null;
            var type = option is null ? null : OptionsFor(args).FirstOrDefault(o => o.Name == option.TrimStart('-'))?.ValueType;
            return $"{option ?? "an option"} expects {Expected(type)}, not '{value}'";
        }
        return message;
    }

    private static string Expected(Type? type) => (Nullable.GetUnderlyingType(type ?? typeof(string)) ?? type) switch
    {
        var t when t == typeof(int) || t == typeof(long) => "a whole number (e.g. 3)",
        var t when t == typeof(double) || t == typeof(decimal) || t == typeof(float) => "a number (e.g. 60 or 72.5)",
        var t when t == typeof(DateOnly) || t == typeof(DateTime) => "a date as YYYY-MM-DD (e.g. 2024-12-02)",
        var t when t == typeof(bool) => "true or false",
        _ => "a value of another form",
    };

    private static string CommandOf(IReadOnlyList<string> args) =>
        string.Join(' ', args.TakeWhile(a => !a.StartsWith('-')).Take(2).Where(a => Commands.Value.Any(c => c.Command.Split(' ').Contains(a))));

    /// <summary>The options of the command the arguments name; all options when it cannot be told.</summary>
    private static IReadOnlyList<Option> OptionsFor(IReadOnlyList<string> args)
    {
        var words = args.TakeWhile(a => !a.StartsWith('-')).Take(2).ToList();
        var named = Commands.Value
            .Where(c => words.Count >= c.Command.Split(' ').Length && c.Command == string.Join(' ', words.Take(c.Command.Split(' ').Length)))
            .OrderByDescending(c => c.Command.Length)
            .Select(c => c.Settings)
            .FirstOrDefault();
        var settings = named is null ? Commands.Value.Select(c => c.Settings).Distinct() : [named];
        return [.. settings.SelectMany(OptionsOf).DistinctBy(o => o.Name)];
    }

    private static IEnumerable<Option> OptionsOf(Type settings) =>
        settings.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<CommandOptionAttribute>()))
            .Where(p => p.Attribute is not null)
            .SelectMany(p => p.Attribute!.LongNames.Select(n => new Option(n, p.Property.PropertyType, settings)));

    private static string? Nearest(string name, IReadOnlyList<Option> options) =>
        options
            .Select(o => (o.Name, Distance: Levenshtein(name, o.Name)))
            .Where(o => o.Distance <= Math.Max(2, o.Name.Length / 3))
            .OrderBy(o => o.Distance).ThenBy(o => o.Name, StringComparer.Ordinal)
            .Select(o => o.Name)
            .FirstOrDefault();

    private static int Levenshtein(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            previous = current;
        }
        return previous[b.Length];
    }

    /// <summary>Command names by the convention of this CLI: <c>BenchDuplicatesCommand</c> is <c>bench-duplicates</c>, <c>Panel.OpenCommand</c> is <c>panel open</c>.</summary>
    private static IReadOnlyList<(string Command, Type Settings)> FindCommands() =>
    [
        .. typeof(OptionHints).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(ICommand).IsAssignableFrom(t))
            .Select(t => (Type: t, Settings: SettingsOf(t)))
            .Where(t => t.Settings is not null)
            .Select(t => (NameOf(t.Type), t.Settings!)),
    ];

    private static Type? SettingsOf(Type command)
    {
        for (var t = command; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericArguments() is [var settings] && typeof(CommandSettings).IsAssignableFrom(settings)) return settings;
        }
        return null;
    }

    private static string NameOf(Type command)
    {
        var name = Kebab(command.Name.EndsWith("Command", StringComparison.Ordinal) ? command.Name[..^"Command".Length] : command.Name);
        var folder = command.Namespace?.Split('.').LastOrDefault();
        return folder is null or "Commands" ? name : $"{Kebab(folder)} {name}";
    }

    private static string Kebab(string pascal) => PascalBoundary().Replace(pascal, "-$1").ToLowerInvariant();

    [GeneratedRegex(@"Unknown option '([^']+)'")]
    private static partial Regex UnknownOption();

    [GeneratedRegex(@"Failed to convert '([^']*)' to ")]
    private static partial Regex FailedConversion();

    [GeneratedRegex(@"(?<=[a-z0-9])([A-Z])")]
    private static partial Regex PascalBoundary();
}
