namespace Belfry.Cli.AsCode;

/// <summary>
/// Something wrong in a <c>belfry.yaml</c> (or its values file), named by file, line, column and field, e.g.
/// <c>belfry.yaml:12:15: jobs[nightly].schedule: …</c>. Nothing is applied when one is raised.
/// </summary>
internal sealed class BelfryFileException(string file, FilePosition position, string field, string problem)
    : Exception($"{file}:{position}: {field}: {problem}")
{
    public string File { get; } = file;

    public FilePosition Position { get; } = position;

    public string Field { get; } = field;
}
