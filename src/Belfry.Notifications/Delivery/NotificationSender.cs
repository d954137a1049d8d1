using System.Globalization;
using System.Net.Http.Headers;
using Belfry.Core.Notifications;
using Belfry.Notifications.Formatting;

namespace Belfry.Notifications.Delivery;

/// <summary>
/// Sends one notification to one channel: a JSON POST with <c>X-Belfry-Event-Id</c> and <c>X-Belfry-Event-Type</c>
/// (so receivers can de-duplicate), plus <see cref="WebhookSignature.HeaderName"/> on a generic webhook with a
/// secret. Never throws for the receiver's sake and never puts the URL into a result: the outcome says whether to
/// retry, and when the receiver asked for a pause (<see cref="RetryAfter"/>).
/// </summary>
internal sealed class NotificationSender(HttpClient http, TimeProvider time)
{
    public const string EventIdHeader = "X-Belfry-Event-Id";
    public const string EventTypeHeader = "X-Belfry-Event-Type";
    public const string UserAgent = "Belfry-Notifications";
    private const int MaxReadBytes = 16 * 1024;
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    public async Task<DeliveryResult> SendAsync(ChannelEndpoint endpoint, Notification notification, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(notification);
        var body = NotificationFormatter.Format(endpoint.Kind, notification);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.WebhookUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = Json;
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        request.Headers.TryAddWithoutValidation(EventIdHeader, notification.Id);
        request.Headers.TryAddWithoutValidation(EventTypeHeader, notification.Type);
        if (endpoint is { Kind: ChannelKind.Webhook, SigningSecret: { Length: > 0 } secret })
        {
            request.Headers.TryAddWithoutValidation(WebhookSignature.HeaderName, WebhookSignature.Compute(secret, body));
        }

        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            var answer = await ReadAsync(response, linked.Token).ConfigureAwait(false);
            return code switch
            {
                >= 200 and < 300 => DeliveryResult.Delivered(code),
                429 => new DeliveryResult(DeliveryOutcome.Retry, code, RetryAfter.From(response.Headers, answer, time.GetUtcNow()),
                    "The receiver answered HTTP 429 (rate limited)."),
                >= 500 or 408 => new DeliveryResult(DeliveryOutcome.Retry, code, RetryAfter.FromHeader(response.Headers.RetryAfter, time.GetUtcNow()),
                    $"The receiver answered HTTP {code.ToString(CultureInfo.InvariantCulture)}."),
                _ => new DeliveryResult(DeliveryOutcome.Rejected, code, null, $"The receiver answered HTTP {code.ToString(CultureInfo.InvariantCulture)}."),
            };
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new DeliveryResult(DeliveryOutcome.Retry, null, null,
                $"No answer within {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}s.");
        }
        catch (HttpRequestException e)
        {
            return Failed(e);
        }
    }

    private static async Task<byte[]> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // A small body is read whole (429 carries retry_after there); a large one is cut off.
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[MaxReadBytes];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
            }

            return buffer[..total];
        }
    }

    // HttpRequestException messages may name the host, and socket texts tell a port scanner too much: the reason is
    // a category alone (ConnectionFailure), so neither the URL nor its token can reach a log or the API. A refusal by
    // the egress policy is final; retrying cannot help until the server's settings change.
    private static DeliveryResult Failed(HttpRequestException e) =>
        new(ConnectionFailure.IsEgressDenied(e) ? DeliveryOutcome.Rejected : DeliveryOutcome.Retry, null, null,
            $"Not delivered: {ConnectionFailure.Describe(e)}.");
}
