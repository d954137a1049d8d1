namespace Belfry.Contracts.Channels;

/// <summary><c>POST …/channels/*:test</c> takes <c>{}</c>.</summary>
public sealed class TestChannelRequest;
