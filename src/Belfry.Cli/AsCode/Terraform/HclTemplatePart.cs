namespace Belfry.Cli.AsCode.Terraform;

/// <summary>A part of a template: literal text (escapes already decoded), or the tokens of one <c>${…}</c>.</summary>
internal sealed record HclTemplatePart(string? Literal, IReadOnlyList<HclToken>? Interpolation, FilePosition Position);
