using System.Text.Json;
using System.Text.Json.Nodes;
using Belfry.Cli.Output;
using Belfry.Contracts.Identity;
using Belfry.Contracts.Serialization;

namespace Belfry.Cli.Keys;

/// <summary>Signing keys as a table: KID, STATE, CREATED, RETIRED, PUBLISHED_UNTIL (UTC).</summary>
internal static class KeyTable
{
    public static string Format(IReadOnlyList<JsonNode> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var rows = keys
            .Select(k => k.Deserialize(BelfryJsonContext.Lenient.SigningKeyResource) ?? new SigningKeyResource())
            .Select(k => (IReadOnlyList<string>)[k.Kid ?? "", k.State ?? "", Time(k.CreateTime), Time(k.RetireTime), Time(k.PublishUntil)]);
        return TableWriter.Format(["KID", "STATE", "CREATED", "RETIRED", "PUBLISHED_UNTIL"], rows);
    }

    private static string Time(DateTimeOffset? value) => value is { } instant ? UtcTimestampConverter.Format(instant) : "";
}
