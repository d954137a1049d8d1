using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Belfry.Cli.Http;
using Belfry.Contracts.ChangeSets;
using Belfry.Core.Jobs;

namespace Belfry.Cli.AsCode;

/// <summary>
/// <c>belfry plan</c> and <c>belfry apply</c>'s first half: reads what the server has in the file's locations, asks
/// the server to validate every declared resource as it would write it (<c>changeSets:apply</c> with validateOnly,
/// which fills in the API's defaults, so an absent field and its default are the same), and compares field by field.
/// Resources the file does not declare are left alone unless <c>prune</c>.
/// </summary>
internal static partial class Planner
{
    public static async Task<IReadOnlyList<PlannedChange>> PlanAsync(BelfryApiClient client, BelfryFile file, bool prune, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(file);
        var current = await ReadCurrentAsync(client, file.Locations, cancellationToken).ConfigureAwait(false);
        var changes = new List<PlannedChange>();
        if (file.Resources.Count > 0)
        {
            var request = new ChangeSetRequest { ValidateOnly = true, Changes = [.. file.Resources.Select(r => ChangeOf(r, current))] };
            var answer = await SendAsync(client, file, request, cancellationToken).ConfigureAwait(false);
            var written = answer["changes"]!.AsArray();
            for (var i = 0; i < file.Resources.Count; i++)
            {
                var declared = file.Resources[i];
                var wanted = declared.Kind.Definition(declared.Kind.Carried(written[i]!)!);
                if (!current.TryGetValue(declared.FullName, out var existing))
                {
                    changes.Add(new PlannedChange(declared.Kind, declared.FullName, "CREATE", null, declared, JsonDiff.Compare(null, wanted)));
                    continue;
                }

                var fields = JsonDiff.Compare(declared.Kind.Definition(existing), wanted);
                if (fields.Count > 0)
                {
                    changes.Add(new PlannedChange(declared.Kind, declared.FullName, "UPDATE", UpdateTime(declared.Kind, existing), declared, fields));
                }
            }
        }

        if (prune)
        {
            var declaredNames = file.Resources.Select(r => r.FullName).ToHashSet(StringComparer.Ordinal);
            foreach (var kind in DeclaredKind.All)
            {
                foreach (var (name, existing) in current.Where(c => KindOf(c.Key) == kind.Key && !declaredNames.Contains(c.Key)))
                {
                    changes.Add(new PlannedChange(kind, name, "DELETE", UpdateTime(kind, existing), null, JsonDiff.Compare(kind.Definition(existing), null)));
                }
            }
        }

        // Channels first and deletes last, so the plan reads in the order the change set is written.
        return [.. changes.OrderBy(c => c.Action == "DELETE").ThenBy(c => IndexOf(c.Kind))];
    }

    /// <summary>Applies <paramref name="plan"/> as one change set: every write or none; ABORTED names what changed since.</summary>
    public static Task<JsonNode> ApplyAsync(BelfryApiClient client, BelfryFile file, IReadOnlyList<PlannedChange> plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var request = new ChangeSetRequest
        {
            Changes = [.. plan.Select(c =>
            {
                var change = new ResourceChangeResource { Action = c.Action, Name = c.Name, ExpectedUpdateTime = c.ExpectedUpdateTime };
                if (c.Declared is { } declared)
                {
                    declared.Kind.Carry(change, declared.Body);
                }

                return change;
            })],
        };
        return SendAsync(client, file, request, cancellationToken, plan.Select(c => c.Declared).ToList());
    }

    /// <summary>Every resource of the file's locations, by full name.</summary>
    public static async Task<Dictionary<string, JsonNode>> ReadCurrentAsync(
        BelfryApiClient client, IEnumerable<LocationName> locations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var current = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var location in locations)
        {
            foreach (var kind in DeclaredKind.All)
            {
                string? token = null;
                do
                {
                    var page = await kind.List(client, location, token, cancellationToken).ConfigureAwait(false);
                    foreach (var resource in page[kind.Key]?.AsArray() ?? [])
                    {
                        current[(string)resource!["name"]!] = resource;
                    }

                    token = page["nextPageToken"]?.GetValue<string>();
                }
                while (!string.IsNullOrEmpty(token));
            }
        }

        return current;
    }

    private static ResourceChangeResource ChangeOf(DeclaredResource declared, Dictionary<string, JsonNode> current)
    {
        var exists = current.TryGetValue(declared.FullName, out var existing);
        var change = new ResourceChangeResource
        {
            Action = exists ? "UPDATE" : "CREATE",
            Name = declared.FullName,
            ExpectedUpdateTime = exists ? UpdateTime(declared.Kind, existing!) : null,
        };
        declared.Kind.Carry(change, declared.Body);
        return change;
    }

    /// <summary>Sends a change set; a refusal naming one of its changes becomes an error at that change's place in the file.</summary>
    private static async Task<JsonNode> SendAsync(
        BelfryApiClient client, BelfryFile file, ChangeSetRequest request, CancellationToken cancellationToken, IReadOnlyList<DeclaredResource?>? declared = null)
    {
        try
        {
            return await client.ApplyChangeSetAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (BelfryApiException e) when (e.Status == "INVALID_ARGUMENT" && Located().Match(e.Message) is { Success: true } match
            && int.Parse(match.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture) is var index
            && (declared ?? file.Resources).ElementAtOrDefault(index) is { } resource)
        {
            var rest = match.Groups["rest"].Value;
            var field = FieldFirst().Match(rest) is { Success: true } f ? f.Groups["field"].Value : null;
            var problem = field is null ? rest : rest[(field.Length + 2)..];
            throw new BelfryFileException(file.Path, resource.PositionOf(field), resource.FieldName(field), problem);
        }
    }

    private static DateTimeOffset? UpdateTime(DeclaredKind kind, JsonNode resource) =>
        resource[kind.UpdateTimeField] is JsonValue value ? value.Deserialize<DateTimeOffset>() : null;

    private static string KindOf(string name) => name.Split('/') is { Length: 6 } parts ? parts[4] : "";

    private static int IndexOf(DeclaredKind kind)
    {
        for (var i = 0; i < DeclaredKind.All.Count; i++)
        {
            if (DeclaredKind.All[i] == kind)
            {
                return i;
            }
        }

        return DeclaredKind.All.Count;
    }

    [GeneratedRegex(@"^changes\[(?<index>\d+)\] \([^)]*\): (?<rest>.*)$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Located();

    [GeneratedRegex(@"^(?<field>[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*|\[\d+\])*): ", RegexOptions.CultureInvariant)]
    private static partial Regex FieldFirst();
}
