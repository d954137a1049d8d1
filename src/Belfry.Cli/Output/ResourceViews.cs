using System.Text.Json;
using System.Text.Json.Nodes;
using Belfry.Contracts.Executions;
using Belfry.Contracts.Jobs;
using Belfry.Contracts.Serialization;

namespace Belfry.Cli.Output;

/// <summary>Typed views of server answers, read leniently so a newer server's extra fields do no harm.</summary>
internal static class ResourceViews
{
    public static JobResource Job(JsonNode node) =>
        node.Deserialize(BelfryJsonContext.Lenient.JobResource) ?? new JobResource();

    public static ListJobsResponse JobPage(JsonNode node) =>
        node.Deserialize(BelfryJsonContext.Lenient.ListJobsResponse) ?? new ListJobsResponse();

    public static ListExecutionsResponse ExecutionPage(JsonNode node) =>
        node.Deserialize(BelfryJsonContext.Lenient.ListExecutionsResponse) ?? new ListExecutionsResponse();

    public static string JobTable(IReadOnlyList<JsonNode> jobs) => Output.JobTable.Format(jobs.Select(Job));

    public static string ExecutionTable(IReadOnlyList<JsonNode> executions, string? timeZone) =>
        Output.ExecutionTable.Format(executions.Select(e => e.Deserialize(BelfryJsonContext.Lenient.ExecutionResource) ?? new ExecutionResource()), timeZone);
}
