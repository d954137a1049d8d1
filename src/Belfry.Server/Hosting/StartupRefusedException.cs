namespace Belfry.Server.Hosting;

/// <summary>The server must not start as configured; the message is the one line printed before exiting with 1.</summary>
internal sealed class StartupRefusedException(string message) : Exception(message);
