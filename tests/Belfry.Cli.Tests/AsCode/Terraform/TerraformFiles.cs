namespace Belfry.Cli.Tests.AsCode.Terraform;

/// <summary>Terraform files for the import tests.</summary>
internal static class TerraformFiles
{
    /// <summary>
    /// The article's Terraform, copied as it is (with the two resources around its job that Belfry leaves out): the
    /// job's URL is a variable, and its OIDC token's service account is another resource's attribute.
    /// </summary>
    public const string Article = """
        resource "google_cloud_scheduler_job" "sync_daily_data" {
          name      = "sync-daily-data"
          region    = "asia-northeast1"
          schedule  = "0 6 * * *"
          time_zone = "Asia/Tokyo"

          retry_config {
            retry_count          = 3
            min_backoff_duration = "10s"
            max_backoff_duration = "5m"
          }

          http_target {
            http_method = "POST"
            uri         = var.cloud_run_url

            oidc_token {
              service_account_email = google_service_account.scheduler_sa.email
              audience              = var.cloud_run_url
            }
          }
        }

        resource "google_service_account" "scheduler_sa" {
          account_id   = "scheduler-sa"
          display_name = "Cloud Scheduler Service Account"
        }

        resource "google_cloud_run_service_iam_member" "scheduler_invoker" {
          service  = google_cloud_run_v2_service.api.name
          location = "asia-northeast1"
          role     = "roles/run.invoker"
          member   = "serviceAccount:${google_service_account.scheduler_sa.email}"
        }
        """;

    /// <summary>The article's variables: the declaration, and the production value that switches from staging.</summary>
    public const string ArticleVariables = """
        variable "cloud_run_url" {
          type        = string
          description = "The Cloud Run service the scheduler calls"
        }
        """;

    public const string ArticleProduction = """
        cloud_run_url = "https://sync-daily-data-abc123-an.a.run.app"
        """;

    /// <summary>What the article's resource becomes with <c>--project shop</c> and the production values.</summary>
    public const string ArticleYaml = """
        locations:
          - jobs:
              - httpTarget:
                  httpMethod: POST
                  oidcToken:
                    audience: https://sync-daily-data-abc123-an.a.run.app
                    serviceAccountEmail: scheduler-sa@shop.iam.gserviceaccount.com
                  uri: https://sync-daily-data-abc123-an.a.run.app
                name: sync-daily-data
                retryConfig:
                  maxBackoffDuration: 300s
                  minBackoffDuration: 10s
                  retryCount: 3
                schedule: 0 6 * * *
                timeZone: Asia/Tokyo
            location: asia-northeast1
            project: shop

        """;

    public static string Write(string directory, string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
