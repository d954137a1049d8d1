namespace Belfry.Cli.AsCode.Terraform;

/// <summary>An HCL expression: where it starts and its source text, which errors quote.</summary>
internal abstract record HclExpression(FilePosition Position, string Source);
