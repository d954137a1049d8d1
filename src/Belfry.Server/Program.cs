using Belfry.Server.Hosting;

return await BelfryServerHost.RunAsync(args, CancellationToken.None).ConfigureAwait(false);

/// <summary>The server's entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
