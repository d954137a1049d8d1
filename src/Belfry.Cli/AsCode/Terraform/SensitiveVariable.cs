using System.Text.RegularExpressions;

namespace Belfry.Cli.AsCode.Terraform;

/// <summary>
/// A Terraform variable marked <c>sensitive</c> is never written out (issue 17: secrets only as references): while the
/// import evaluates, it stands as a marker no real text holds; the written file refers to it as
/// <c>${env:TF_VAR_NAME}</c>, the variable Terraform itself reads, resolved from belfry's environment at plan and apply.
/// A marker that would be transformed (base64) or typed (a number, a duration) is refused, since no reference can stand there.
/// </summary>
internal static partial class SensitiveVariable
{
    private const char Delimiter = '\u0001';

    public static string Marker(string name) => $"{Delimiter}{name}{Delimiter}";

    /// <summary>The first sensitive variable <paramref name="text"/> holds, or null.</summary>
    public static string? Within(string text) => Markers().Match(text) is { Success: true } match ? match.Groups[1].Value : null;

    /// <summary><paramref name="text"/> with each marker written as belfry.yaml's reference to the variable's environment.</summary>
    public static string ToReference(string text) => Markers().Replace(text, m => $"${{env:TF_VAR_{m.Groups[1].Value}}}");

    [GeneratedRegex("\u0001([^\u0001]+)\u0001", RegexOptions.CultureInvariant)]
    private static partial Regex Markers();
}
