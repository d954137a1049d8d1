namespace Belfry.Core.Jobs;

/// <summary>What happens to scheduled times that passed while the server was down (docs/semantics.md).</summary>
internal enum CatchUpPolicy
{
    /// <summary>The latest missed time within the window fires once; the others are recorded as missed.</summary>
    Latest = 0,

    /// <summary>Every missed time within the window fires.</summary>
    All = 1,

    /// <summary>None fires; all are recorded as missed.</summary>
    None = 2,
}
