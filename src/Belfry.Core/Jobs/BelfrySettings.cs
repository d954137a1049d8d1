namespace Belfry.Core.Jobs;

/// <summary>Belfry-only job settings (the optional <c>belfry</c> object on the wire).</summary>
internal sealed record BelfrySettings(OverlapPolicy Overlap, CatchUpPolicy CatchUp, TimeSpan CatchUpWindow)
{
    public static TimeSpan DefaultCatchUpWindow { get; } = TimeSpan.FromHours(1);

    public static BelfrySettings Default { get; } = new(OverlapPolicy.Coalesce, CatchUpPolicy.Latest, DefaultCatchUpWindow);
}
