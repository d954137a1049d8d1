namespace Belfry.Core.Storage;

internal sealed class InvalidPageTokenException() : Exception("pageToken is not valid for this request.");
