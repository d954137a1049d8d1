using System.Text;
using Belfry.Cli.Tests.Infrastructure;

namespace Belfry.Cli.Tests.AsCode.Terraform;

/// <summary>
/// <c>belfry import terraform</c> (issue 17, point 7): the article's Terraform and a few more become a belfry.yaml that
/// applies to a real server and then plans no change; what cannot be converted is an error naming file, line and column.
/// </summary>
public sealed class ImportTerraformTests : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("belfry-tf-").FullName;

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    private string Write(string name, string text) => TerraformFiles.Write(_directory, name, text);

    private static Task<CliRun> ImportAsync(IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        CliHarness.RunAsync(["import", "terraform", .. args], environment);

    private static Task<CliRun> ImportAsync(params string[] args) => ImportAsync(null, args);

    /// <summary>Applies <paramref name="yaml"/> to a fresh server, then plans it again: the plan must show no change.</summary>
    private async Task AssertAppliesThenPlansNoChangeAsync(string yaml)
    {
        await using var server = await LiveServer.StartAsync();
        var environment = new Dictionary<string, string> { ["BELFRY_ENDPOINT"] = server.Endpoint };
        var file = Write("belfry.yaml", yaml);

        var apply = await CliHarness.RunAsync(["apply", "-f", file, "--auto-approve"], environment);
        var plan = await CliHarness.RunAsync(["plan", "-f", file], environment);

        Assert.Equal((0, ""), (apply.ExitCode, apply.Error));
        Assert.Contains("Apply complete!", apply.Out, StringComparison.Ordinal);
        Assert.Equal((0, $"No changes. The server matches {file}.\n"), (plan.ExitCode, plan.Out));
    }

    [Fact]
    public async Task Import_ArticleResource_ConvertsAppliesAndPlansNoChange()
    {
        var main = Write("main.tf", TerraformFiles.Article);
        var variables = Write("variables.tf", TerraformFiles.ArticleVariables);
        var production = Write("prod.tfvars", TerraformFiles.ArticleProduction);

        var import = await ImportAsync(main, variables, "--var-file", production, "--project", "shop");

        Assert.Equal(0, import.ExitCode);
        Assert.Equal(TerraformFiles.ArticleYaml, import.Out);
        Assert.Contains("left out: google_service_account.scheduler_sa, google_cloud_run_service_iam_member.scheduler_invoker.", import.Error, StringComparison.Ordinal);
        await AssertAppliesThenPlansNoChangeAsync(import.Out);
    }

    [Fact]
    public async Task Import_Directory_ReadsItsFilesAndTerraformTfvars()
    {
        Write("main.tf", TerraformFiles.Article);
        Write("variables.tf", TerraformFiles.ArticleVariables);
        Write("terraform.tfvars", TerraformFiles.ArticleProduction);
        var output = Path.Combine(_directory, "belfry.yaml");

        var import = await ImportAsync(_directory, "--project", "shop", "-o", output);

        Assert.Equal((0, ""), (import.ExitCode, import.Out));
        Assert.Equal(TerraformFiles.ArticleYaml, await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Import_TwoJobsWithRetryAndOidc_EveryFieldAppliesAndPlansNoChange()
    {
        var main = Write("main.tf", """
            provider "google" {
              project = "shop"
              region  = "asia-northeast1"
            }

            variable "base_url" {}
            variable "retries" {
              type    = number
              default = 4
            }

            locals {
              invoker = "invoker@shop.iam.gserviceaccount.com"
            }

            resource "google_cloud_scheduler_job" "orders" {
              name             = "sync-orders"
              description      = "Orders, every 15 minutes"
              schedule         = "*/15 * * * *"
              time_zone        = "Asia/Tokyo"
              attempt_deadline = "320s"

              retry_config {
                retry_count          = var.retries
                max_retry_duration   = "1h"
                min_backoff_duration = "5s"
                max_backoff_duration = "300s"
                max_doublings        = 3
              }

              http_target {
                http_method = "PUT"
                uri         = "${var.base_url}/orders"
                body        = "eyJ0YWJsZSI6Im9yZGVycyJ9"
                headers = {
                  "Content-Type" = "application/json"
                  X-Team         = "shop"
                }

                oidc_token {
                  service_account_email = local.invoker
                  audience              = "https://orders.example.test"
                }
              }
            }

            resource "google_cloud_scheduler_job" "report" {
              name     = "daily-report"
              region   = "europe-west1"
              schedule = "0 7 * * 1-5"

              http_target {
                http_method = "GET"
                uri         = "${var.base_url}/report?day=yesterday"
                oidc_token { service_account_email = local.invoker }
              }
            }
            """);

        var import = await ImportAsync(new Dictionary<string, string> { ["TF_VAR_base_url"] = "https://api.example.test" }, main);

        Assert.Equal((0, ""), (import.ExitCode, import.Error));
        foreach (var expected in (string[])[
            "description: Orders, every 15 minutes", "attemptDeadline: 320s", "retryCount: 4", "maxRetryDuration: 3600s",
            "minBackoffDuration: 5s", "maxBackoffDuration: 300s", "maxDoublings: 3", "httpMethod: PUT", "uri: https://api.example.test/orders",
            "body: eyJ0YWJsZSI6Im9yZGVycyJ9", "Content-Type: application/json", "X-Team: shop",
            "serviceAccountEmail: invoker@shop.iam.gserviceaccount.com", "audience: https://orders.example.test",
            "location: asia-northeast1", "location: europe-west1", "uri: https://api.example.test/report?day=yesterday"])
        {
            Assert.Contains(expected, import.Out, StringComparison.Ordinal);
        }

        await AssertAppliesThenPlansNoChangeAsync(import.Out);
    }

    [Fact]
    public async Task Import_HeredocBody_IsEncodedAsTheApiTakesIt()
    {
        var main = Write("main.tf", """
            resource "google_cloud_scheduler_job" "load" {
              name     = "load"
              schedule = "0 1 * * *"
              http_target {
                uri  = "https://load.example.test/run"
                body = base64encode(<<-EOT
                  {
                    "table": "orders"
                  }
                  EOT
                )
              }
            }
            """);

        var import = await ImportAsync(main, "--location", "tokyo");

        Assert.Equal(0, import.ExitCode);
        var body = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\n  \"table\": \"orders\"\n}\n"));
        Assert.Contains($"body: {body}", import.Out, StringComparison.Ordinal);
        Assert.Contains("location: tokyo", import.Out, StringComparison.Ordinal);
        await AssertAppliesThenPlansNoChangeAsync(import.Out);
    }

    [Fact]
    public async Task Import_CommentsAndEscapes_ReadAsTerraformReadsThem()
    {
        var main = Write("main.tf", """
            # A comment, /* and a block comment */ and a // comment.
            resource "google_cloud_scheduler_job" "escapes" { // the job
              name        = "escapes" # its id
              description = "Say \"hi\"\tto caf\u00e9 at $${HOME} /* not a comment */"
              /* a comment
                 over lines */
              schedule = "0 1 * * *"
              http_target { uri = "https://example.test/a#b" }
            }
            """);

        var import = await ImportAsync(main);

        Assert.Equal(0, import.ExitCode);
        Assert.Contains("$${HOME}", import.Out, StringComparison.Ordinal);
        Assert.Contains("uri: https://example.test/a#b", import.Out, StringComparison.Ordinal);
        await using var server = await LiveServer.StartAsync();
        var environment = new Dictionary<string, string> { ["BELFRY_ENDPOINT"] = server.Endpoint };
        Assert.Equal(0, (await CliHarness.RunAsync(["apply", "-f", Write("belfry.yaml", import.Out), "--auto-approve"], environment)).ExitCode);
        var job = await CliHarness.RunAsync(["scheduler", "jobs", "describe", "escapes", "--format=value(description)"], environment);
        Assert.Equal("Say \"hi\"\tto café at ${HOME} /* not a comment */\n", job.Out);
    }

    [Theory]
    [InlineData("  count = 2\n", ":2:3:", "google_cloud_scheduler_job.job.count: resources repeated with count or for_each are not converted")]
    [InlineData("  for_each = toset([\"a\"])\n", ":2:3:", "google_cloud_scheduler_job.job.for_each: resources repeated with count or for_each")]
    [InlineData("  pubsub_target {\n    topic_name = \"projects/p/topics/t\"\n  }\n", ":2:3:", "google_cloud_scheduler_job.job.pubsub_target: Belfry delivers HTTP only")]
    [InlineData("  app_engine_http_target {\n    relative_uri = \"/ping\"\n  }\n", ":2:3:", "google_cloud_scheduler_job.job.app_engine_http_target: Belfry delivers HTTP only")]
    [InlineData("  description = var.missing\n", ":2:17:", "google_cloud_scheduler_job.job.description: var.missing: the variable missing is not set and has no default: pass --var missing=VALUE")]
    [InlineData("  description = google_cloud_run_v2_service.api.uri\n", ":2:17:", "google_cloud_scheduler_job.job.description: google_cloud_run_v2_service.api.uri: other resources' attributes are not known")]
    [InlineData("  description = data.google_project.p.name\n", ":2:17:", "data.google_project.p.name: data sources are not read")]
    [InlineData("  description = upper(\"x\")\n", ":2:17:", "upper(\"x\"): the function upper(…) is not evaluated")]
    [InlineData("  description = var.a == \"b\" ? \"c\" : \"d\"\n", ":2:17:", "var.a == \"b\" ? \"c\" : \"d\": operators, conditionals and for expressions are not evaluated")]
    [InlineData("  attempt_deadline = \"soon\"\n", ":2:3:", "google_cloud_scheduler_job.job.attempt_deadline: \"soon\" is not a duration")]
    [InlineData("  paused_at = true\n", ":2:3:", "google_cloud_scheduler_job.job.paused_at: not an argument belfry import terraform knows.")]
    [InlineData("  description = \"unterminated\n", ":2:30:", "unterminated string")]
    public async Task Import_Unconvertible_ErrorNamesFileLineColumnAndField(string line, string at, string message)
    {
        var main = Write("main.tf", "resource \"google_cloud_scheduler_job\" \"job\" {\n" + line +
            "  name     = \"job\"\n  schedule = \"0 1 * * *\"\n  http_target {\n    uri = \"https://example.test/\"\n  }\n}\n");

        var import = await ImportAsync(main);

        Assert.Equal((1, ""), (import.ExitCode, import.Out));
        Assert.Contains($"ERROR: (belfry.import.terraform) {main}{at} ", import.Error, StringComparison.Ordinal);
        Assert.Contains(message, import.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_OauthToken_ErrorSaysBelfrySignsOidcTokens()
    {
        var main = Write("main.tf", """
            resource "google_cloud_scheduler_job" "job" {
              name     = "job"
              schedule = "0 1 * * *"
              http_target {
                uri = "https://example.test/"
                oauth_token {
                  service_account_email = "a@p.iam.gserviceaccount.com"
                }
              }
            }
            """);

        var import = await ImportAsync(main);

        Assert.Equal(1, import.ExitCode);
        Assert.Contains($"{main}:6:5: google_cloud_scheduler_job.job.http_target.oauth_token: Google OAuth tokens are not available in Belfry; use oidc_token", import.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_PausedJob_NotesThePauseCommand()
    {
        var main = Write("main.tf", """
            resource "google_cloud_scheduler_job" "job" {
              name     = "quiet"
              region   = "tokyo"
              project  = "shop"
              schedule = "0 1 * * *"
              paused   = true
              http_target { uri = "https://example.test/" }
            }
            """);

        var import = await ImportAsync(main);

        Assert.Equal(0, import.ExitCode);
        Assert.Contains("belfry scheduler jobs pause quiet --project=shop --location=tokyo", import.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("paused", import.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_SensitiveVariable_WrittenAsTheEnvironmentReferenceNeverItsValue()
    {
        var main = Write("main.tf", """
            variable "api_token" {
              type      = string
              sensitive = true
            }

            resource "google_cloud_scheduler_job" "job" {
              name     = "nightly"
              schedule = "0 1 * * *"
              http_target {
                uri     = "https://example.test/sync"
                headers = { X-Api-Key = "key ${var.api_token}" }
              }
            }
            """);

        var import = await ImportAsync("--var", "api_token=s3cr3t-value", main);

        Assert.Equal(0, import.ExitCode);
        Assert.Contains("X-Api-Key: key ${env:TF_VAR_api_token}", import.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-value", import.Out + import.Error, StringComparison.Ordinal);
        Assert.Contains("var.api_token is sensitive in Terraform: written as ${env:TF_VAR_api_token}", import.Error, StringComparison.Ordinal);
        await using var server = await LiveServer.StartAsync();
        var environment = new Dictionary<string, string> { ["BELFRY_ENDPOINT"] = server.Endpoint, ["TF_VAR_api_token"] = "from-the-environment" };
        var apply = await CliHarness.RunAsync(["apply", "-f", Write("belfry.yaml", import.Out), "--auto-approve"], environment);
        Assert.True(apply.ExitCode == 0, apply.Error);
        var job = await CliHarness.RunAsync(["scheduler", "jobs", "describe", "nightly", "--format=json"], environment);
        Assert.Contains("key from-the-environment", job.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("body = base64encode(\"token=${var.api_token}\")", "base64encode would write its value out")]
    [InlineData("http_method = var.api_token", "belfry.yaml can refer to it only in a plain text field")]
    public async Task Import_SensitiveVariableTransformedOrTyped_RefusedNamingIt(string line, string message)
    {
        var main = Write("main.tf", "variable \"api_token\" {\n  sensitive = true\n}\n\n" +
            "resource \"google_cloud_scheduler_job\" \"job\" {\n  name     = \"job\"\n  schedule = \"0 1 * * *\"\n" +
            "  http_target {\n    uri = \"https://example.test/\"\n    " + line + "\n  }\n}\n");

        var import = await ImportAsync("--var", "api_token=s3cr3t-value", main);

        Assert.Equal((1, ""), (import.ExitCode, import.Out));
        Assert.Contains("var.api_token is sensitive", import.Error, StringComparison.Ordinal);
        Assert.Contains(message, import.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-value", import.Error, StringComparison.Ordinal);
    }
}
