namespace Belfry.Core.Jobs;

/// <summary>Cloud Scheduler v1 <c>HttpMethod</c>; the numbers are the wire enum's.</summary>
internal enum HttpMethodKind
{
    Unspecified = 0,
    Post = 1,
    Get = 2,
    Head = 3,
    Put = 4,
    Delete = 5,
    Patch = 6,
    Options = 7,
}
