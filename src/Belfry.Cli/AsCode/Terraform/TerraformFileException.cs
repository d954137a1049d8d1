namespace Belfry.Cli.AsCode.Terraform;

/// <summary>
/// Something <c>belfry import terraform</c> cannot read or convert, named by file, line and column (and, past the
/// syntax, by the resource's field), e.g. <c>main.tf:12:31: google_cloud_scheduler_job.sync.schedule: …</c>.
/// </summary>
internal sealed class TerraformFileException(string file, FilePosition position, string problem)
    : Exception($"{file}:{position}: {problem}")
{
    public string File { get; } = file;

    public FilePosition Position { get; } = position;
}
