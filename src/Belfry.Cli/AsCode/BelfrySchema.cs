namespace Belfry.Cli.AsCode;

/// <summary>
/// The JSON Schema of <c>belfry.yaml</c> (docs/belfry.schema.json, draft-07 for the YAML language server), embedded so
/// <c>belfry schema</c> writes the one this <c>belfry</c> reads by. <c>belfry export</c> names it in a modeline by a path
/// relative to the file, since a team keeps both side by side in its repository and no public URL is ours to promise.
/// </summary>
internal static class BelfrySchema
{
    public const string FileName = "belfry.schema.json";

    /// <summary>The first line of an exported file: a YAML comment, which the reader ignores and an editor follows.</summary>
    public const string Modeline = "# yaml-language-server: $schema=" + FileName;

    public static async Task<string> ReadAsync(CancellationToken cancellationToken)
    {
        await using var stream = typeof(BelfrySchema).Assembly.GetManifestResourceStream(FileName)
            ?? throw new InvalidOperationException($"{FileName} is not embedded in belfry.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }
}
