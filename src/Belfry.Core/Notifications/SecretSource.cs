namespace Belfry.Core.Notifications;

/// <summary>Where a channel secret comes from; the numbers are stored.</summary>
internal enum SecretSource
{
    /// <summary>Given inline and kept in the store; never returned.</summary>
    Stored = 0,

    /// <summary><c>env:NAME</c>: the server's environment variable, read when sending.</summary>
    Environment = 1,

    /// <summary><c>file:PATH</c>: a file on the server, read when sending.</summary>
    File = 2,
}
