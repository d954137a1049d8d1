using System.Diagnostics.CodeAnalysis;

namespace Belfry.Server.Api;

/// <summary>A resource name's <c>TryParse</c>, as each Core name type declares it.</summary>
internal delegate bool NameParser<TName>(string? value, [NotNullWhen(true)] out TName? name)
    where TName : class;
