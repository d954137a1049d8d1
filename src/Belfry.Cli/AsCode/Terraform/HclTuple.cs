namespace Belfry.Cli.AsCode.Terraform;

/// <summary>A list, <c>[a, b]</c>.</summary>
internal sealed record HclTuple(IReadOnlyList<HclExpression> Items, FilePosition Position, string Source) : HclExpression(Position, Source);
