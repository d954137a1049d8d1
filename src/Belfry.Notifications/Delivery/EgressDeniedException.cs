namespace Belfry.Notifications.Delivery;

/// <summary>
/// Thrown by the server's connect callback when the egress policy refuses every address a host resolved to
/// (docs/security.md, "Egress"). Its message is the whole reason and is safe to store and show: it names the kind
/// of refusal, never the host, the address or the URL. Defined here because both senders must recognise it.
/// </summary>
internal sealed class EgressDeniedException : IOException
{
    public EgressDeniedException()
        : base("egress denied")
    {
    }

    public EgressDeniedException(string message)
        : base(message)
    {
    }

    public EgressDeniedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
