namespace Belfry.Cli.AsCode;

/// <summary>A place in a <c>belfry.yaml</c>, 1-based as editors count.</summary>
internal readonly record struct FilePosition(long Line, long Column)
{
    public override string ToString() => $"{Line}:{Column}";
}
