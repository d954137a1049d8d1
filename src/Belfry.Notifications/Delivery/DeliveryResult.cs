namespace Belfry.Notifications.Delivery;

/// <summary>
/// One send's result: the outcome, the status code when an answer came, how long the receiver asked us to wait
/// (429's <c>retry_after</c> or a <c>Retry-After</c> header), and a short reason that never contains the URL.
/// </summary>
internal sealed record DeliveryResult(DeliveryOutcome Outcome, int? StatusCode, TimeSpan? RetryAfter, string? Error)
{
    public static DeliveryResult Delivered(int statusCode) => new(DeliveryOutcome.Delivered, statusCode, null, null);
}
