using Belfry.Notifications.Secrets;

namespace Belfry.Notifications.Tests.Secrets;

public sealed class SecretResolverTests
{
    private const string Url = "https://discord.com/api/webhooks/1/token-value";
    private static readonly Dictionary<string, string> Variables = new() { ["DISCORD_WEBHOOK_URL"] = Url + "\n", ["EMPTY"] = "  " };

    private static SecretResolver Resolver(Func<string, string>? readFile = null) =>
        new(name => Variables.GetValueOrDefault(name), readFile ?? (_ => throw new FileNotFoundException("no such file")));

    [Fact]
    public void Resolve_EnvReference_TheServersVariableTrimmed() => Assert.Equal(Url, Resolver().Resolve("env:DISCORD_WEBHOOK_URL"));

    [Fact]
    public void Resolve_FileReference_TheFileTrimmed()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, $"  {Url}\n");

            Assert.Equal(Url, new SecretResolver(_ => null, File.ReadAllText).Resolve("file:" + path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Resolve_Literal_AsIs() => Assert.Equal(Url, Resolver().Resolve(Url));

    [Theory]
    [InlineData("env:MISSING", "The environment variable MISSING is not set on the server.")]
    [InlineData("env:EMPTY", "The environment variable EMPTY is not set on the server.")]
    [InlineData("file:/nowhere/url.txt", "The file /nowhere/url.txt cannot be read on the server (FileNotFoundException).")]
    public void Resolve_Unavailable_NamesTheReferenceOnly(string reference, string message)
    {
        var e = Assert.Throws<SecretUnavailableException>(() => Resolver().Resolve(reference));

        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Resolve_EmptyFile_Refused()
    {
        var e = Assert.Throws<SecretUnavailableException>(() => Resolver(_ => "\n").Resolve("file:/etc/hook"));

        Assert.Equal("The file /etc/hook is empty.", e.Message);
    }
}
