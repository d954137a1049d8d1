namespace Belfry.Notifications;

/// <summary>A short labelled value shown beside the text (an embed field in Discord, a section field in Slack).</summary>
internal sealed record NotificationField(string Name, string Value);
