namespace Belfry.Cli.AsCode.Terraform;

/// <summary>A reference such as <c>var.cloud_run_url</c>, <c>local.uri</c> or <c>google_service_account.sa.email</c>.</summary>
internal sealed record HclTraversal(string Root, IReadOnlyList<string> Steps, FilePosition Position, string Source) : HclExpression(Position, Source);
