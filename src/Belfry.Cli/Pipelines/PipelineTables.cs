using System.Text.Json.Nodes;
using Belfry.Cli.Output;

namespace Belfry.Cli.Pipelines;

/// <summary>Pipelines and runs as tables.</summary>
internal static class PipelineTables
{
    public static string Pipelines(IReadOnlyList<JsonNode> pipelines)
    {
        ArgumentNullException.ThrowIfNull(pipelines);
        return TableWriter.Format(["ID", "LOCATION", "SCHEDULE (TZ)", "STEPS", "STATE"], pipelines.Select(p =>
        {
            var name = ((string?)p["name"] ?? "").Split('/');
            return (IReadOnlyList<string>)
            [
                name[^1], name.Length > 3 ? name[3] : "", $"{(string?)p["schedule"]} ({(string?)p["timeZone"]})",
                string.Join(" ", p["steps"]?.AsArray().Select(s => (string?)s!["id"]) ?? []), (string?)p["state"] ?? "",
            ];
        }));
    }

    public static string Runs(IReadOnlyList<JsonNode> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return TableWriter.Format(["RUN_ID", "SCHEDULE_TIME", "TRIGGER", "STATE", "STEPS"], runs.Select(r => (IReadOnlyList<string>)
        [
            ((string?)r["name"] ?? "").Split('/')[^1], (string?)r["scheduleTime"] ?? "", (string?)r["trigger"] ?? "", (string?)r["state"] ?? "",
            string.Join(" ", r["steps"]?.AsArray().Select(s => $"{(string?)s!["id"]}={(string?)s["state"]}") ?? []),
        ]));
    }
}
