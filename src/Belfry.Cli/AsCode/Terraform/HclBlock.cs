namespace Belfry.Cli.AsCode.Terraform;

/// <summary><c>type "label" "label" { … }</c>, e.g. <c>resource "google_cloud_scheduler_job" "sync" { … }</c>.</summary>
internal sealed record HclBlock(string Type, IReadOnlyList<string> Labels, HclBody Body, FilePosition Position);
