using Belfry.Cli;

return await BelfryCli.RunAsync(args, CliEnvironment.FromConsole(), CancellationToken.None).ConfigureAwait(false);
