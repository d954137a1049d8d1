using System.Text.Json.Nodes;

namespace Belfry.Cli.AsCode.Terraform;

/// <summary>A number, <c>true</c>, <c>false</c> or <c>null</c>.</summary>
internal sealed record HclLiteral(JsonNode? Value, FilePosition Position, string Source) : HclExpression(Position, Source);
