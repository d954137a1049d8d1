namespace Belfry.Cli.Tests.AsCode;

/// <summary>belfry.yaml files for the jobs-as-code tests, each resource kind with every field the API takes.</summary>
internal static class AsCodeFiles
{
    public const string Project = "shop";

    public const string Location = "asia-northeast1";

    /// <summary>Every kind, every field; <c>${var.uri}</c> and <c>${var.schedule}</c> come from a values file.</summary>
    public const string Full = """
        locations:
          - project: shop
            location: asia-northeast1
            channels:
              - name: ops
                type: WEBHOOK
                displayName: Ops room
                webhookUrl: env:BELFRY_SECRET_OPS_URL
                secret: file:ops-hmac
              - name: team
                type: SLACK
                webhookUrl: env:BELFRY_SECRET_TEAM_URL
            jobs:
              - name: sync-daily-data
                description: Nightly sync
                schedule: ${var.schedule}
                timeZone: Asia/Tokyo
                attemptDeadline: 600s
                httpTarget:
                  uri: ${var.uri}/sync
                  httpMethod: POST
                  headers:
                    Content-Type: application/json
                  body: eyJ0YWJsZSI6Im9yZGVycyJ9
                  oidcToken:
                    serviceAccountEmail: scheduler@shop.iam.gserviceaccount.com
                    audience: https://sync.example.test
                retryConfig:
                  retryCount: 3
                  maxRetryDuration: 3600s
                  minBackoffDuration: 10s
                  maxBackoffDuration: 300s
                  maxDoublings: 4
                belfry:
                  overlapPolicy: SKIP
                  catchUpPolicy: ALL
                  catchUpWindow: 7200s
                  notifyOnFailure: [ops]
                  notifyOnRecovery: [ops, team]
                  notifyOnSuccess: [team]
                  missedRunDeadline: 900s
            pipelines:
              - name: nightly
                description: Three steps
                schedule: "0 6 * * *"
                timeZone: Asia/Tokyo
                belfry:
                  overlapPolicy: SKIP
                  catchUpPolicy: NONE
                  notifyOnFailure: [ops]
                  notifyOnSuccess: [team]
                steps:
                  - id: extract
                    httpTarget:
                      uri: ${var.uri}/extract
                      httpMethod: POST
                    retryConfig:
                      retryCount: 2
                    attemptDeadline: 300s
                  - id: load
                    dependsOn: [extract]
                    httpTarget:
                      uri: ${var.uri}/load
            alertPolicies:
              - name: failures
                displayName: Sync failures
                failures: 3
                window: 600s
                rateLimit: 1800s
                channels: [ops]
                jobs: ["sync-*"]
                enabled: true
        """;

    public const string Production = """
        uri: http://127.0.0.1:9
        schedule: 0 3 * * *
        """;

    public const string Staging = """
        uri: http://127.0.0.1:9
        schedule: 0 4 * * *
        """;

    /// <summary>Environment for the file: the server's secret references need none (they are read when sending).</summary>
    public static string Write(string directory, string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
