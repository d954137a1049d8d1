namespace Belfry.Cli.AsCode.Terraform;

/// <summary>A quoted string or heredoc: literal text and interpolated expressions, in order.</summary>
internal sealed record HclTemplate(IReadOnlyList<(string? Text, HclExpression? Expression)> Parts, FilePosition Position, string Source)
    : HclExpression(Position, Source);
