using System.Text.Json;
using System.Text.Json.Nodes;

namespace Belfry.Cli.AsCode.Terraform;

/// <summary>
/// <c>belfry import terraform</c>: every <c>google_cloud_scheduler_job</c> of some <c>.tf</c> files as a
/// <c>belfry.yaml</c> (the shape <c>belfry export</c> writes), with the variables resolved. What the import
/// cannot carry (a job's paused state, a sensitive variable written as a reference) is told in <see cref="Notes"/>.
/// </summary>
internal sealed class TerraformImporter
{
    private readonly TerraformModule _module;
    private readonly TerraformEvaluator _evaluator;
    private readonly SchedulerJobConverter _converter;

    public TerraformImporter(
        IEnumerable<(string File, string Text)> files, IReadOnlyDictionary<string, JsonNode?> variables,
        Func<string, string?> environment, string fallbackProject, string fallbackLocation)
    {
        _module = TerraformModule.Read(files);
        _evaluator = new TerraformEvaluator(_module, variables, environment, fallbackProject);
        _converter = new SchedulerJobConverter(_evaluator, fallbackLocation);
    }

    public List<string> Notes { get; } = [];

    /// <summary>A variables file (<c>.tfvars</c>): attributes whose values are literals.</summary>
    public static Dictionary<string, JsonNode?> ReadVariables(string file, string text)
    {
        var literal = new TerraformEvaluator(new TerraformModule(), new Dictionary<string, JsonNode?>(), _ => null, "");
        var body = HclParser.Parse(file, text);
        if (body.Blocks.Count > 0 && body.Blocks[0] is var block)
        {
            throw new TerraformFileException(file, block.Position, $"a variables file holds NAME = value lines, not blocks ({block.Type}).");
        }

        return body.Attributes.ToDictionary(a => a.Name, a => literal.Evaluate(a.Value, file, a.Name), StringComparer.Ordinal);
    }

    public JsonObject Import()
    {
        var locations = new List<(string Project, string Location, JsonArray Jobs)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var skipped = new List<string>();
        foreach (var (file, resource) in _module.Resources)
        {
            if (resource.Labels[0] != SchedulerJobConverter.ResourceType)
            {
                skipped.Add($"{resource.Labels[0]}.{resource.Labels[1]}");
                continue;
            }

            var (project, location, job, paused) = _converter.Convert(file, resource);
            var id = (string)job["name"]!;
            if (!seen.Add($"{project}/{location}/{id}"))
            {
                throw new TerraformFileException(file, resource.Position,
                    $"{SchedulerJobConverter.ResourceType}.{resource.Labels[1]}: a second job named {id} in project {project}, location {location}.");
            }

            if (paused)
            {
                Notes.Add($"{SchedulerJobConverter.ResourceType}.{resource.Labels[1]} is paused in Terraform; belfry.yaml does not declare a job's " +
                    $"state: after apply, run `belfry scheduler jobs pause {id} --project={project} --location={location}`.");
            }

            var entry = locations.FirstOrDefault(l => l.Project == project && l.Location == location);
            if (entry.Jobs is null)
            {
                entry = (project, location, new JsonArray());
                locations.Add(entry);
            }

            entry.Jobs.Add(Escaped(job));
        }

        if (skipped.Count > 0)
        {
            Notes.Add($"Not Cloud Scheduler jobs, left out: {string.Join(", ", skipped)}.");
        }

        foreach (var name in _evaluator.SensitiveUsed)
        {
            Notes.Add($"var.{name} is sensitive in Terraform: written as ${{env:TF_VAR_{name}}}, read from belfry's environment at plan and apply " +
                "(the variable Terraform reads too).");
        }

        return new JsonObject
        {
            ["locations"] = new JsonArray([.. locations.Select(l => (JsonNode)new JsonObject
            {
                ["project"] = Escaped(l.Project),
                ["location"] = Escaped(l.Location),
                ["jobs"] = l.Jobs,
            })]),
        };
    }

    /// <summary>
    /// belfry.yaml reads <c>${…}</c> in any string as a reference; a value that holds those characters (Terraform's
    /// <c>$${</c>, a variable's text) is written as belfry.yaml's literal form, <c>$${</c>.
    /// </summary>
    private static JsonNode? Escaped(JsonNode? node) => node switch
    {
        JsonObject map => new JsonObject(map.Select(p => KeyValuePair.Create(p.Key, Escaped(p.Value)))),
        JsonArray list => new JsonArray([.. list.Select(Escaped)]),
        JsonValue v when v.GetValueKind() == JsonValueKind.String =>
            JsonValue.Create(SensitiveVariable.ToReference(v.GetValue<string>().Replace("${", "$${", StringComparison.Ordinal))),
        _ => node?.DeepClone(),
    };
}
