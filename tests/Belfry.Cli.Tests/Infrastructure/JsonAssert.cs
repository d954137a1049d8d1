using System.Text.Json.Nodes;

namespace Belfry.Cli.Tests.Infrastructure;

/// <summary>Compares JSON by value (key order aside), showing both sides on failure.</summary>
internal static class JsonAssert
{
    public static void Equal(string expected, string actual)
    {
        var e = JsonNode.Parse(expected);
        var a = JsonNode.Parse(actual);
        Assert.True(JsonNode.DeepEquals(e, a), $"Expected:\n{e?.ToJsonString()}\nActual:\n{a?.ToJsonString()}");
    }
}
