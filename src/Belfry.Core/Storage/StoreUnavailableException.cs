namespace Belfry.Core.Storage;

/// <summary>
/// The store could not be opened (a database that cannot be reached, refuses the login, or was migrated by a newer
/// Belfry); the message says where, never with a password. The server prints it as its one-line refusal.
/// </summary>
internal sealed class StoreUnavailableException(string message, Exception? innerException = null) : Exception(message, innerException);
