namespace Belfry.Notifications.Secrets;

/// <summary>A secret reference could not be resolved; the message names the variable or file, never a value.</summary>
internal sealed class SecretUnavailableException(string message) : Exception(message);
