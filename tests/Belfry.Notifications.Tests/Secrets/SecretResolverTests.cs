using System.Diagnostics;
using Belfry.Notifications.Secrets;

namespace Belfry.Notifications.Tests.Secrets;

public sealed class SecretResolverTests : IDisposable
{
    private const string Url = "https://discord.com/api/webhooks/1/token-value";
    private const string Unreadable = "cannot be read on the server: it must be a readable, non-empty regular file of at most 4096 bytes in the secrets directory.";
    private static readonly Dictionary<string, string> Variables = new()
    {
        ["BELFRY_SECRET_DISCORD_WEBHOOK_URL"] = Url + "\n", ["BELFRY_SECRET_EMPTY"] = "  ", ["BELFRY_ADMIN_TOKEN"] = "admin", ["HOME"] = "/root",
    };

    private readonly string _directory = Directory.CreateTempSubdirectory("belfry-secrets-").FullName;

    private SecretResolver Resolver() => new(new SecretScope(_directory, SecretScope.DefaultEnvironmentPrefix), name => Variables.GetValueOrDefault(name));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Resolve_EnvReference_TheServersVariableTrimmed() => Assert.Equal(Url, Resolver().Resolve("env:BELFRY_SECRET_DISCORD_WEBHOOK_URL"));

    [Theory]
    [InlineData("hook.url")]
    [InlineData("./hook.url")]
    public void Resolve_FileReference_TheFileTrimmed(string reference)
    {
        File.WriteAllText(Path.Combine(_directory, "hook.url"), $"  {Url}\n");

        Assert.Equal(Url, Resolver().Resolve("file:" + reference));
        Assert.Equal(Url, Resolver().Resolve("file:" + Path.Combine(_directory, "hook.url")));
    }

    [Fact]
    public void Resolve_Literal_AsIs() => Assert.Equal(Url, Resolver().Resolve(Url));

    [Theory]
    [InlineData("env:BELFRY_SECRET_MISSING", "The environment variable BELFRY_SECRET_MISSING is not set on the server.")]
    [InlineData("env:BELFRY_SECRET_EMPTY", "The environment variable BELFRY_SECRET_EMPTY is not set on the server.")]
    [InlineData("env:BELFRY_ADMIN_TOKEN", "\"env:BELFRY_ADMIN_TOKEN\" cannot be used: the server only lends environment variables whose names start with BELFRY_SECRET_ (Belfry:Secrets:EnvironmentPrefix).")]
    [InlineData("env:HOME", "\"env:HOME\" cannot be used: the server only lends environment variables whose names start with BELFRY_SECRET_ (Belfry:Secrets:EnvironmentPrefix).")]
    [InlineData("env:BELFRY_SECRET_", "\"env:BELFRY_SECRET_\" cannot be used: the server only lends environment variables whose names start with BELFRY_SECRET_ (Belfry:Secrets:EnvironmentPrefix).")]
    public void Resolve_VariableUnavailable_NamesTheReferenceOnly(string reference, string message)
    {
        var e = Assert.Throws<SecretUnavailableException>(() => Resolver().Resolve(reference));

        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("/dev/zero")]
    [InlineData("../x")]
    [InlineData("a/../../x")]
    public void Resolve_FileOutsideTheDirectory_RefusedWithoutLooking(string reference)
    {
        var e = Assert.Throws<SecretUnavailableException>(() => Resolver().Resolve("file:" + reference));

        Assert.Equal($"\"file:{reference}\" must name a file in the server's secrets directory {_directory} (Belfry:Secrets:Directory), without \"..\".", e.Message);
    }

    [Fact]
    public void Resolve_NoDirectory_EveryFileRefused()
    {
        var resolver = new SecretResolver(new SecretScope(null, SecretScope.DefaultEnvironmentPrefix), _ => null);

        var e = Assert.Throws<SecretUnavailableException>(() => resolver.Resolve("file:hook"));

        Assert.Equal("\"file:hook\" cannot be used: the server has no secrets directory (Belfry:Secrets:Directory).", e.Message);
    }

    [Fact]
    public void Resolve_DevZeroFifoMissingEmptyTooBigLinkOut_OneMessageQuicklyAndBoundedMemory()
    {
        File.CreateSymbolicLink(Path.Combine(_directory, "zero"), "/dev/zero");
        MakeFifo(Path.Combine(_directory, "pipe"));
        File.WriteAllText(Path.Combine(_directory, "empty"), "\n");
        File.WriteAllText(Path.Combine(_directory, "big"), new string('x', SecretFile.MaxBytes + 1));
        var outside = Path.GetTempFileName();
        File.WriteAllText(outside, Url);
        File.CreateSymbolicLink(Path.Combine(_directory, "out"), outside);
        Directory.CreateDirectory(Path.Combine(_directory, "dir"));
        File.CreateSymbolicLink(Path.Combine(_directory, "loop"), "loop");
        try
        {
            foreach (var name in new[] { "zero", "pipe", "missing", "empty", "big", "out", "dir", "loop" })
            {
                var clock = Stopwatch.StartNew();
                var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

                var e = Assert.Throws<SecretUnavailableException>(() => Resolver().Resolve("file:" + name));

                Assert.Equal($"file:{name} {Unreadable}", e.Message);
                Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore, 0, 1 << 20);
                Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1));
            }
        }
        finally
        {
            File.Delete(outside);
        }
    }

    [Fact]
    public void RealPath_LinksDotsAndDotDots_Resolved()
    {
        var sub = Directory.CreateDirectory(Path.Combine(_directory, "a", "b")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(_directory, "up"), "a/b/..");

        Assert.Equal(Path.Combine(_directory, "a", "b"), SecretFile.RealPath(Path.Combine(_directory, "up", ".", "b")));
        Assert.Equal(sub, SecretFile.RealPath(sub));
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }
}
