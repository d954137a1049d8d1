namespace Belfry.Cli.AsCode.Terraform;

/// <summary>A file's or a block's content: attributes (each name once) and blocks, in file order.</summary>
internal sealed record HclBody(IReadOnlyList<HclAttribute> Attributes, IReadOnlyList<HclBlock> Blocks)
{
    public HclAttribute? Attribute(string name) => Attributes.FirstOrDefault(a => a.Name == name);

    public IEnumerable<HclBlock> BlocksOf(string type) => Blocks.Where(b => b.Type == type);
}
