namespace Belfry.Cli.AsCode.Terraform;

/// <summary>
/// The top-level blocks of the <c>.tf</c> files read together, as Terraform reads a module's files as one: resources,
/// <c>variable</c> declarations, <c>locals</c> and <c>provider</c> blocks, each with the file it came from.
/// </summary>
internal sealed class TerraformModule
{
    public List<(string File, HclBlock Block)> Resources { get; } = [];

    public Dictionary<string, (string File, HclBlock Block)> Variables { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, (string File, HclAttribute Attribute)> Locals { get; } = new(StringComparer.Ordinal);

    public List<(string File, HclBlock Block)> Providers { get; } = [];

    public static TerraformModule Read(IEnumerable<(string File, string Text)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var module = new TerraformModule();
        foreach (var (file, text) in files)
        {
            foreach (var block in HclParser.Parse(file, text).Blocks)
            {
                module.Add(file, block);
            }
        }

        return module;
    }

    private void Add(string file, HclBlock block)
    {
        switch (block.Type)
        {
            case "resource":
                Require(file, block, 2, "resource \"TYPE\" \"NAME\"");
                Resources.Add((file, block));
                break;
            case "variable":
                Require(file, block, 1, "variable \"NAME\"");
                if (!Variables.TryAdd(block.Labels[0], (file, block)))
                {
                    throw new TerraformFileException(file, block.Position, $"variable \"{block.Labels[0]}\" is declared twice.");
                }

                break;
            case "locals":
                foreach (var attribute in block.Body.Attributes)
                {
                    if (!Locals.TryAdd(attribute.Name, (file, attribute)))
                    {
                        throw new TerraformFileException(file, attribute.Position, $"local.{attribute.Name} is defined twice.");
                    }
                }

                break;
            case "provider":
                Require(file, block, 1, "provider \"NAME\"");
                Providers.Add((file, block));
                break;
            default:
                // terraform, data, output, module, moved, import…: nothing a Cloud Scheduler job is made of.
                break;
        }
    }

    private static void Require(string file, HclBlock block, int labels, string form)
    {
        if (block.Labels.Count != labels)
        {
            throw new TerraformFileException(file, block.Position, $"a {block.Type} block is written {form}.");
        }
    }

    /// <summary>
    /// The <c>google</c> provider block a resource uses: the one whose <c>alias</c> its <c>provider = google.ALIAS</c>
    /// names, or the one without an alias.
    /// </summary>
    public HclBody? GoogleProvider(string? alias) =>
        Providers.Where(p => p.Block.Labels[0] is "google" or "google-beta")
            .Select(p => p.Block.Body)
            .FirstOrDefault(b => (b.Attribute("alias")?.Value is HclTemplate { Parts: [({ } text, null)] } ? text : null) == alias);
}
