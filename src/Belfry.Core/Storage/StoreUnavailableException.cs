namespace Belfry.Core.Storage;

/// <summary>The store could not be opened (a database that cannot be reached or refuses the login); the message says where, never with a password.</summary>
internal sealed class StoreUnavailableException(string message, Exception innerException) : Exception(message, innerException);
