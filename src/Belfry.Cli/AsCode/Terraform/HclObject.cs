namespace Belfry.Cli.AsCode.Terraform;

/// <summary>A map or object, <c>{ key = value, "Other-Key" = value }</c>, its items in file order.</summary>
internal sealed record HclObject(IReadOnlyList<(string Key, HclExpression Value)> Items, FilePosition Position, string Source)
    : HclExpression(Position, Source);
