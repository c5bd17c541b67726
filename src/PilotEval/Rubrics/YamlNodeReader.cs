using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace PilotEval.Rubrics;

/// <summary>Typed reads from a YAML node tree that fail with the file and line of the offending node.</summary>
internal sealed class YamlNodeReader(string file)
{
    public RubricFileException Error(YamlNode node, string reason) => new(file, node.Start.Line, reason);

    public YamlMappingNode Mapping(YamlNode node, string what) =>
        node as YamlMappingNode ?? throw Error(node, $"{what} must be a mapping (key: value)");

    public YamlSequenceNode Sequence(YamlNode node, string what) =>
        node as YamlSequenceNode ?? throw Error(node, $"{what} must be a list");

    public YamlNode Required(YamlMappingNode map, string key) =>
        Optional(map, key) ?? throw Error(map, $"missing required key '{key}'");

    /// <summary>A misspelt key (「weigth」) would otherwise be ignored in silence and its rule never applied.</summary>
    public void AllowOnly(YamlMappingNode map, params string[] keys)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value;
            if (name is null || !keys.Contains(name, StringComparer.Ordinal))
                throw Error(key, $"unknown key '{name}' (expected one of {string.Join(", ", keys)})");
        }
    }

    public YamlNode? Optional(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public string String(YamlMappingNode map, string key)
    {
        var node = Required(map, key);
        var text = (node as YamlScalarNode)?.Value;
        return string.IsNullOrWhiteSpace(text) ? throw Error(node, $"'{key}' must be a non-empty text") : text.Trim();
    }

    public string? OptionalString(YamlMappingNode map, string key) =>
        Optional(map, key) is { } node ? (node as YamlScalarNode)?.Value?.Trim() ?? throw Error(node, $"'{key}' must be a text") : null;

    public double Number(YamlNode node, string key)
    {
        var text = (node as YamlScalarNode)?.Value;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(node, $"'{key}' must be a number, not '{text}'");
    }

    public double? OptionalNumber(YamlMappingNode map, string key) =>
        Optional(map, key) is { } node ? Number(node, key) : null;

    public ImmutableArray<string> Strings(YamlMappingNode map, string key)
    {
        if (Optional(map, key) is not { } node) return [];
        if (node is YamlScalarNode scalar && !string.IsNullOrWhiteSpace(scalar.Value)) return [scalar.Value.Trim()];
        return [.. Sequence(node, $"'{key}'").Children.Select(item =>
            (item as YamlScalarNode)?.Value?.Trim() is { Length: > 0 } s ? s : throw Error(item, $"'{key}' items must be texts"))];
    }

    public Regex Regex(YamlNode node, string key)
    {
        var text = (node as YamlScalarNode)?.Value ?? throw Error(node, $"'{key}' must be a regular expression text");
        try
        {
            return new Regex(text, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            throw Error(node, $"'{key}' is not a valid regular expression: {ex.Message}");
        }
    }

    public ImmutableArray<Regex> Regexes(YamlMappingNode map, string key)
    {
        if (Optional(map, key) is not { } node) return [];
        if (node is YamlScalarNode) return [Regex(node, key)];
        return [.. Sequence(node, $"'{key}'").Children.Select(item => Regex(item, key))];
    }

    public static YamlMappingNode LoadRoot(string file, string text)
    {
        CheckSyntax(file, text);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            // Well-formed events can still make a bad tree, e.g. a key written twice in one mapping.
            throw new RubricFileException(file, ex.Start.Line, $"not valid YAML: {ex.InnerException?.Message ?? ex.Message}");
        }
        if (stream.Documents.Count == 0) throw new RubricFileException(file, 1, "the file is empty");
        return stream.Documents[0].RootNode as YamlMappingNode
            ?? throw new RubricFileException(file, stream.Documents[0].RootNode.Start.Line, "the top level must be a mapping");
    }

    /// <summary>
    /// Walks the raw event stream first, so a syntax error is reported at the last good position even when
    /// the scanner fails without a position of its own.
    /// </summary>
    private static void CheckSyntax(string file, string text)
    {
        var parser = new YamlDotNet.Core.Parser(new StringReader(text));
        long line = 1;
        try
        {
            while (parser.MoveNext())
            {
                if (parser.Current is { } current) line = current.End.Line;
            }
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new RubricFileException(file, ex.Start.Line, $"not valid YAML: {ex.InnerException?.Message ?? ex.Message}");
        }
        catch (InvalidOperationException ex)
        {
            throw new RubricFileException(file, line, $"not valid YAML after this line: {ex.Message}");
        }
    }
}
