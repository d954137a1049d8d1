namespace Belfry.Cli.AsCode.Terraform;

/// <summary>
/// One token of an HCL file: its kind, its text (an identifier, a number, a punctuation mark), where it starts, its
/// source range (for quoting an expression in an error), and, for a template, its parts.
/// </summary>
internal sealed record HclToken(HclTokenKind Kind, string Text, FilePosition Position, int Start, int End)
{
    public IReadOnlyList<HclTemplatePart> Parts { get; init; } = [];

    public bool Is(string punctuation) => Kind == HclTokenKind.Punctuation && Text == punctuation;
}
