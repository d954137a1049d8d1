namespace Belfry.Cli.AsCode.Terraform;

/// <summary>A function call, <c>base64encode("…")</c>.</summary>
internal sealed record HclCall(string Name, IReadOnlyList<HclExpression> Arguments, FilePosition Position, string Source) : HclExpression(Position, Source);
