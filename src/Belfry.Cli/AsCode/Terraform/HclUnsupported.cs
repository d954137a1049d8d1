namespace Belfry.Cli.AsCode.Terraform;

/// <summary>
/// An expression the importer does not evaluate (operators, conditionals, <c>for</c> expressions, splats), kept as
/// its source so that using it is an error quoting it, while a file that only has it elsewhere still reads.
/// </summary>
internal sealed record HclUnsupported(FilePosition Position, string Source) : HclExpression(Position, Source);
