using Belfry.Core.Notifications;

namespace Belfry.Core.Alerts;

/// <summary>The policy's new status, and the event to send to its channels (null: nothing to send).</summary>
internal sealed record AlertPolicyDecision(AlertPolicyStatus Status, NotificationEvent? Event);
