using System.Text;

namespace Belfry.Server.Api;

/// <summary>
/// One resource's updatable fields for PATCH. <see cref="Paths"/> reads <c>updateMask</c> (camelCase or snake_case,
/// nested with dots) into camelCase paths, refusing an unknown one with INVALID_ARGUMENT; without a mask it names the
/// top-level fields present in the patch. <see cref="Apply"/> copies those paths from the patch onto the resource's wire
/// form, so a masked field absent in the patch is reset to its default, as in Cloud Scheduler.
/// </summary>
/// <remarks>Built once per resource in a static field, then only read, so it is safe to share.</remarks>
internal sealed class FieldMask<T>
    where T : class
{
    private readonly Dictionary<string, Action<T, T>?> _setters = new(StringComparer.Ordinal);
    private readonly List<(string Path, Func<T, object?> Value)> _topLevel = [];
    private readonly Func<string, string> _refusal;
    private readonly bool _wholeFields;

    /// <param name="refusal">The INVALID_ARGUMENT message for a path that is not updatable, given the path as sent.</param>
    /// <param name="wholeFields">
    /// A nested path (<c>steps.id</c>) selects its whole top-level field, and a refusal names that first segment; pipelines
    /// have always read masks this way.
    /// </param>
    public FieldMask(Func<string, string> refusal, bool wholeFields = false)
    {
        _refusal = refusal;
        _wholeFields = wholeFields;
    }

    /// <summary>A top-level field: in the mask, or present (not null) in a patch sent without one.</summary>
    /// <param name="path">The field's camelCase name.</param>
    /// <param name="value">Reads the field from a patch, to tell whether it is present.</param>
    /// <param name="set">Copies the field from the patch; null where the caller applies paths itself.</param>
    public FieldMask<T> Field(string path, Func<T, object?> value, Action<T, T>? set = null)
    {
        _setters.Add(path, set);
        _topLevel.Add((path, value));
        return this;
    }

    /// <summary>A nested field (<c>httpTarget.uri</c>), only ever named by a mask.</summary>
    public FieldMask<T> Nested(string path, Action<T, T> set)
    {
        _setters.Add(path, set);
        return this;
    }

    /// <summary>The paths <paramref name="updateMask"/> names, or, without a mask, the top-level fields present in <paramref name="patch"/>.</summary>
    public IReadOnlyList<string> Paths(T patch, string? updateMask)
    {
        ArgumentNullException.ThrowIfNull(patch);
        if (updateMask is null)
        {
            return [.. _topLevel.Where(f => f.Value(patch) is not null).Select(f => f.Path)];
        }

        var paths = new List<string>();
        foreach (var given in updateMask.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var raw = _wholeFields ? given.Split('.')[0] : given;
            var path = string.Join('.', raw.Split('.').Select(CamelCase));
            if (!_setters.ContainsKey(path))
            {
                throw ApiException.InvalidArgument(_refusal(raw));
            }

            paths.Add(path);
        }

        return paths;
    }

    public void Apply(T target, T patch, IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        foreach (var path in paths)
        {
            var set = _setters[path] ?? throw new InvalidOperationException($"The field {path} is applied by its resource, not by the mask.");
            set(target, patch);
        }
    }

    private static string CamelCase(string segment)
    {
        var builder = new StringBuilder(segment.Length);
        var upper = false;
        foreach (var c in segment)
        {
            if (c == '_')
            {
                upper = true;
                continue;
            }

            builder.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return builder.ToString();
    }
}
