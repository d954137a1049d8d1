using System.Globalization;
using System.Text.Json;
using Belfry.Cli.Commands;

namespace Belfry.Cli.Alerts;

/// <summary>
/// One JSON object of a Cloud Monitoring policy file, read field by field at its JSON path
/// (<c>conditions[0].conditionThreshold</c>). Each read checks the value's type; <see cref="Finish"/> refuses any
/// field that was not read, naming it and the fields Belfry maps there, so nothing in the file is silently dropped.
/// Errors are usage errors prefixed with the flag and the file: <c>argument --policy-from-file: FILE: PATH: …</c>.
/// </summary>
internal sealed class PolicyJsonObject
{
    private readonly JsonElement _element;
    private readonly string _prefix;
    private readonly List<string> _mapped = [];

    private PolicyJsonObject(JsonElement element, string path, string prefix)
    {
        _element = element;
        Path = path;
        _prefix = prefix;
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Error(path.Length == 0 ? "(file)" : path, $"expected an object, got {Describe(element)}");
        }
    }

    /// <summary>The object's JSON path, empty at the root.</summary>
    public string Path { get; }

    public static PolicyJsonObject Root(JsonElement element, string prefix) => new(element, "", prefix);

    public string FieldPath(string name) => Path.Length == 0 ? name : $"{Path}.{name}";

    public CliUsageException Error(string path, string message) => new($"{_prefix}{path}: {message}");

    public CliUsageException FieldError(string name, string message) => Error(FieldPath(name), message);

    public string? String(string name) =>
        Read(name) is { } value ? value.ValueKind == JsonValueKind.String ? value.GetString() : throw Expected(name, "a string", value) : null;

    public bool? Boolean(string name) => Read(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { } value => throw Expected(name, "true or false", value),
    };

    public double? Number(string name) =>
        Read(name) is { } value ? value.ValueKind == JsonValueKind.Number ? value.GetDouble() : throw Expected(name, "a number", value) : null;

    /// <summary>A protobuf JSON duration: seconds with an <c>s</c> suffix (<c>"300s"</c>, <c>"1.5s"</c>).</summary>
    public TimeSpan? Duration(string name)
    {
        if (String(name) is not { } text)
        {
            return null;
        }

        return text.Length >= 2 && text[^1] == 's' &&
            decimal.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) &&
            seconds <= (decimal)TimeSpan.MaxValue.TotalSeconds / 2
            ? TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond))
            : throw FieldError(name, $"invalid duration \"{text}\"; expected seconds with an 's' suffix, such as \"300s\"");
    }

    public PolicyJsonObject? Object(string name) => Read(name) is { } value ? new PolicyJsonObject(value, FieldPath(name), _prefix) : null;

    /// <summary>The array's items, each with its path (<c>conditions[0]</c>); null when the field is absent.</summary>
    public IReadOnlyList<(JsonElement Value, string Path)>? Array(string name)
    {
        if (Read(name) is not { } value)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Select((item, i) => (item, $"{FieldPath(name)}[{i}]"))]
            : throw Expected(name, "an array", value);
    }

    /// <summary>An item of an <see cref="Array"/> that must be an object.</summary>
    public PolicyJsonObject Item((JsonElement Value, string Path) item) => new(item.Value, item.Path, _prefix);

    /// <summary>Refuses the first field this object has that was not read.</summary>
    public void Finish()
    {
        foreach (var property in _element.EnumerateObject())
        {
            if (!_mapped.Contains(property.Name, StringComparer.Ordinal))
            {
                var mapped = _mapped.Count == 0 ? "nothing" : string.Join(", ", _mapped);
                throw FieldError(property.Name, $"not supported; Belfry maps only {mapped} here");
            }
        }
    }

    private JsonElement? Read(string name)
    {
        _mapped.Add(name);
        return _element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
    }

    private CliUsageException Expected(string name, string what, JsonElement value) => FieldError(name, $"expected {what}, got {Describe(value)}");

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"\"{value.GetString()}\"",
        _ => value.GetRawText(),
    };
}
