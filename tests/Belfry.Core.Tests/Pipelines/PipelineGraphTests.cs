using Belfry.Core.Pipelines;

namespace Belfry.Core.Tests.Pipelines;

public sealed class PipelineGraphTests
{
    [Theory]
    [InlineData("a; b<a; c<b", "a,b,c")]                 // chain
    [InlineData("c<b; b<a; a", "a,b,c")]                 // chain declared backwards
    [InlineData("a; b<a; c<a; d<a", "a,b,c,d")]          // fan-out
    [InlineData("a; b; c; d<a+b+c", "a,b,c,d")]          // fan-in
    [InlineData("d<b+c; b<a; c<a; a", "a,b,c,d")]        // diamond
    [InlineData("x; y", "x,y")]                          // independent steps keep their order
    public void Order_ValidGraphs_PutsEachStepAfterItsDependencies(string graph, string expected)
    {
        Assert.Equal(expected, GraphNotation.Join(PipelineGraph.Order(GraphNotation.Steps(graph)).Select(s => s.Id)));
    }

    [Theory]
    [InlineData("", "steps: a pipeline needs at least one step.")]
    [InlineData("a; a", "steps: duplicate step id \"a\".")]
    [InlineData("a; b<fetch", "steps[b].dependsOn: unknown step \"fetch\".")]
    [InlineData("a; b<a+a", "steps[b].dependsOn: \"a\" is listed twice.")]
    [InlineData("a<a", "steps: dependsOn forms a cycle: a → a.")]
    [InlineData("a<c; b<a; c<b", "steps: dependsOn forms a cycle: a → c → b → a.")]
    [InlineData("root; a<root+c; b<a; c<b", "steps: dependsOn forms a cycle: a → c → b → a.")]
    [InlineData("bad id", "steps: step id \"bad id\" is not valid: use 1 to 100 letters, digits, hyphens or underscores.")]
    public void Order_InvalidGraphs_ThrowNamingTheProblem(string graph, string message)
    {
        var e = Assert.Throws<PipelineDefinitionException>(() => PipelineGraph.Order(GraphNotation.Steps(graph)));
        Assert.Equal(message, e.Message);
    }
}
