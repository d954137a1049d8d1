namespace Belfry.Server.Egress;

/// <summary>What <see cref="EgressPolicy"/> decided for one address; every value but <see cref="Allowed"/> refuses.</summary>
internal enum EgressVerdict
{
    Allowed = 0,

    /// <summary>The address or host is on <c>Belfry:Egress:Deny</c>.</summary>
    Denied = 1,

    /// <summary><c>Belfry:Egress:Allow</c> is set and names neither the address nor the host.</summary>
    NotAllowed = 2,

    /// <summary>Link-local or a cloud metadata address, denied unless <c>Allow</c> names it.</summary>
    LinkLocalOrMetadata = 3,

    /// <summary>One of the server's own listen endpoints: a job must not call Belfry's admin API.</summary>
    OwnEndpoint = 4,
}
