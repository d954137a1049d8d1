namespace Belfry.AspNetCore;

/// <summary>The default <see cref="BatchContext.Services"/> of a context built by hand: resolves nothing.</summary>
internal sealed class EmptyServiceProvider : IServiceProvider
{
    public static readonly EmptyServiceProvider Instance = new();

    public object? GetService(Type serviceType) => null;
}
