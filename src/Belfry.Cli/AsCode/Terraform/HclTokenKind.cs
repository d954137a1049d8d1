namespace Belfry.Cli.AsCode.Terraform;

/// <summary>What an <see cref="HclToken"/> is. Punctuation and operators are one kind, told apart by their text.</summary>
internal enum HclTokenKind
{
    Identifier,
    Number,

    /// <summary>A quoted string or a heredoc: a template of literal text and <c>${…}</c> interpolations.</summary>
    Template,
    Punctuation,
    NewLine,
    End,
}
