using Belfry.Core.Jobs;

namespace Belfry.Server.Api;

/// <summary>
/// Which name a create call gives the new resource: the body's <c>name</c>, which must parse and lie under the URL's
/// parent; else the id query parameter (<c>channelId</c>), where the resource has one; else a generated id, where the
/// resource allows one (jobs, as Cloud Scheduler); else INVALID_ARGUMENT. Messages name the field at fault.
/// </summary>
/// <remarks>One instance per resource, in a static field; the wording of each message is the resource's own.</remarks>
internal sealed class NameResolver<TName>
    where TName : class
{
    public required NameParser<TName> TryParse { get; init; }

    public required Func<TName, LocationName> ParentOf { get; init; }

    /// <summary>Completes "name: "…" is not …": the expected form, e.g. <c>a job name of the form projects/…/jobs/JOB_ID</c>.</summary>
    public required string Form { get; init; }

    /// <summary>The message when no name is given and none can be made.</summary>
    public string Missing { get; init; } = "name: required.";

    /// <summary>The query parameter that may carry the id instead of <c>name</c> (<c>channelId</c>), or null.</summary>
    public string? IdParameter { get; init; }

    public Func<TName, string>? IdOf { get; init; }

    /// <summary>The name for an id given in <see cref="IdParameter"/>; validates the id.</summary>
    public Func<LocationName, string, TName>? FromId { get; init; }

    /// <summary>A fresh name when the request gives none, or null where a name is required.</summary>
    public Func<LocationName, TName>? Generate { get; init; }

    public TName Resolve(LocationName parent, string? requested, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(parent);
        if (!string.IsNullOrEmpty(requested))
        {
            if (!TryParse(requested, out var name))
            {
                throw ApiException.InvalidArgument($"name: \"{requested}\" is not {Form}.");
            }

            if (id is not null && IdOf is not null && id != IdOf(name))
            {
                throw ApiException.InvalidArgument($"{IdParameter}: \"{id}\" does not match the name \"{requested}\".");
            }

            // A parsed name prints back as given, so the message names what the caller sent.
            return ParentOf(name) == parent ? name : throw ApiException.InvalidArgument($"name: \"{requested}\" is not under the parent {parent.FullName}.");
        }

        if (!string.IsNullOrEmpty(id) && FromId is not null)
        {
            return FromId(parent, id);
        }

        return Generate is not null ? Generate(parent) : throw ApiException.InvalidArgument(Missing);
    }
}
