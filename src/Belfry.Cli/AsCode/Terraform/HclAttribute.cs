namespace Belfry.Cli.AsCode.Terraform;

/// <summary><c>name = expression</c> in a body.</summary>
internal sealed record HclAttribute(string Name, HclExpression Value, FilePosition Position);
