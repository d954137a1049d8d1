using System.Text.Json.Nodes;

namespace Belfry.Cli.AsCode;

/// <summary>One field a plan changes: its path (<c>httpTarget.uri</c>), the server's value and the file's (null: absent).</summary>
internal sealed record FieldChange(string Path, JsonNode? Old, JsonNode? New);
