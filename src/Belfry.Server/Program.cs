using Belfry.Server.Hosting;

var app = BelfryApplication.Build(args);
await app.RunAsync().ConfigureAwait(false);

/// <summary>The server's entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
