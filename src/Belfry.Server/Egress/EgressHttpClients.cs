namespace Belfry.Server.Egress;

/// <summary>
/// The HTTP clients that leave the server (deliveries to targets, notifications to channels) are built one way:
/// every connection through <see cref="EgressConnector"/> (the policy checked on the address actually connected to),
/// no automatic redirects (deliveries follow them in code, notifications not at all), no cookies, a deadline per
/// request instead of the client's timeout, and no IHttpClientFactory logging: those handlers log request URIs (a
/// Discord webhook URL carries its token) and, at thousands of deliveries a second, cost most of the server's CPU.
/// Nor does HttpClient's own trace propagation run (no <see cref="SocketsHttpHandler.ActivityHeadersPropagator"/>): it
/// would start a second activity per request; an attempt's <c>traceparent</c> is written by AttemptTracing, and a
/// channel has no use for one.
/// </summary>
internal static class EgressHttpClients
{
    public static IHttpClientBuilder AddEgressHttpClient(this IServiceCollection services, string name) =>
        services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                ActivityHeadersPropagator = null,
                AllowAutoRedirect = false,
                ConnectCallback = sp.GetRequiredService<EgressConnector>().ConnectAsync,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                UseCookies = false,
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();
}
