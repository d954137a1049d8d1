'use strict';
// Drives a real `belfry serve` with the official Cloud Scheduler Node.js client in REST mode, as a user pointing
// the client at an emulator would, and prints one JSON object for NodeClientTests to assert on.
//
// Environment: BELFRY_HOST, BELFRY_PORT (the server), TARGET_URL (the RecordingTarget's URL for the job), and
// BELFRY_ADMIN_TOKEN when the server requires its admin token.
// Exit code 0 with {"ok":true,...} on stdout; 1 with {"ok":false,"step":...,"error":...,"sent":[...]} on failure.

const {CloudSchedulerClient} = require('@google-cloud/scheduler');
const {OAuth2Client, PassThroughClient} = require('google-auth-library');

const host = required('BELFRY_HOST');
const port = Number(required('BELFRY_PORT'));
const targetUrl = required('TARGET_URL');
const adminToken = process.env.BELFRY_ADMIN_TOKEN;

// Every request as it leaves gaxios (after its own headers are added), so a refusal can be reported exactly.
const sent = [];

// Without a token, google-auth-library's documented client for emulators: no credentials, no token fetch, no
// metadata server. With one, an OAuth2 client holding it as a ready access token (no expiry: never refreshed), which
// sends it as `Authorization: Bearer`.
function authClient() {
  const auth = adminToken ? new OAuth2Client() : new PassThroughClient();
  if (adminToken) {
    auth.setCredentials({access_token: adminToken});
  }
  auth.transporter.interceptors.request.add({
    resolved: async options => {
      sent.push({
        method: options.method,
        url: String(options.url),
        // The admin token must not reach the test's output.
        headers: Object.fromEntries([...new Headers(options.headers).entries()].map(([k, v]) => [k, k === 'authorization' ? v.split(' ')[0] + ' <redacted>' : v])),
      });
      return options;
    },
  });
  return auth;
}

const client = new CloudSchedulerClient({
  fallback: true, // HTTP/1.1 + JSON (REST), not gRPC
  apiEndpoint: host,
  port,
  protocol: 'http',
  authClient: authClient(),
});

const project = 'node-e2e';
const location = 'us-central1';
const parent = client.locationPath(project, location);
const name = client.jobPath(project, location, 'node-client');

let step = 'start';
const results = {};

async function main() {
  step = 'createJob';
  [results.createJob] = await client.createJob({
    parent,
    job: {
      name,
      description: 'created by @google-cloud/scheduler',
      schedule: '0 6 * * *',
      timeZone: 'Asia/Tokyo',
      httpTarget: {
        uri: targetUrl,
        httpMethod: 'POST',
        headers: {'X-From': 'node-client'},
        body: Buffer.from('{"hello":"node"}'),
      },
      retryConfig: {retryCount: 2, minBackoffDuration: {seconds: 10}},
      attemptDeadline: {seconds: 60},
    },
  });
  // A second job, so that listing with pageSize 1 has to follow a nextPageToken (yearly: it never fires here).
  step = 'createJob (second)';
  await client.createJob({
    parent,
    job: {name: client.jobPath(project, location, 'node-client-2'), schedule: '0 0 1 1 *', httpTarget: {uri: targetUrl}},
  });

  step = 'getJob';
  [results.getJob] = await client.getJob({name});

  step = 'listJobs';
  const before = sent.length;
  results.listJobs = [];
  for await (const j of client.listJobsAsync({parent, pageSize: 1}, {autoPaginate: false})) { // follows nextPageToken, one job a page
    results.listJobs.push(j.name);
  }
  results.listRequests = sent.length - before;

  step = 'updateJob';
  [results.updateJob] = await client.updateJob({
    job: {name, description: 'updated by @google-cloud/scheduler', schedule: '30 7 * * 1-5', retryConfig: {retryCount: 4}},
    updateMask: {paths: ['description', 'schedule', 'retry_config.retry_count']},
  });

  step = 'pauseJob';
  [results.pauseJob] = await client.pauseJob({name});
  step = 'resumeJob';
  [results.resumeJob] = await client.resumeJob({name});

  step = 'runJob';
  [results.runJob] = await client.runJob({name});
  // The job's last attempt, as the client sees it once the server has delivered the run.
  step = 'getJob after runJob';
  results.afterRun = await waitForAttempt();

  step = 'deleteJob';
  [results.deleteJob] = await client.deleteJob({name});
  await client.deleteJob({name: client.jobPath(project, location, 'node-client-2')});
  step = 'getJob after deleteJob';
  results.getDeleted = await client.getJob({name}).then(
    () => ({code: null}),
    err => ({code: err.code, message: err.message}),
  );

  const methods = [...new Set(sent.map(r => r.method))];
  const contentTypes = Object.fromEntries(methods.map(m => [m, [...new Set(sent.filter(r => r.method === m).map(r => r.headers['content-type'] ?? null))]]));
  const authorization = [...new Set(sent.map(r => r.headers.authorization ?? null))];
  print({ok: true, results: summarize(results), requests: sent.length, contentTypes, authorization});
}

async function waitForAttempt() {
  const deadline = Date.now() + 30000;
  for (;;) {
    const [job] = await client.getJob({name});
    if (job.lastAttemptTime || Date.now() > deadline) {
      return job;
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}

// The decoded protobuf objects (longs as strings, bytes as Buffers) as plain JSON the test can read.
function summarize(value) {
  const out = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = v && v.name !== undefined && v.schedule !== undefined ? job(v) : v;
  }
  return out;
}

function job(j) {
  return {
    name: j.name,
    description: j.description,
    schedule: j.schedule,
    timeZone: j.timeZone,
    state: j.state,
    uri: j.httpTarget?.uri,
    httpMethod: j.httpTarget?.httpMethod,
    headers: j.httpTarget?.headers,
    body: j.httpTarget?.body ? Buffer.from(j.httpTarget.body).toString('utf8') : null,
    retryCount: j.retryConfig?.retryCount,
    minBackoffSeconds: seconds(j.retryConfig?.minBackoffDuration),
    attemptDeadlineSeconds: seconds(j.attemptDeadline),
    scheduleTime: time(j.scheduleTime),
    lastAttemptTime: time(j.lastAttemptTime),
    userUpdateTime: time(j.userUpdateTime),
    statusCode: j.status ? j.status.code : null,
  };
}

function seconds(duration) {
  return duration ? Number(duration.seconds) + duration.nanos / 1e9 : null;
}

function time(timestamp) {
  return timestamp ? new Date(Number(timestamp.seconds) * 1000 + Math.floor(timestamp.nanos / 1e6)).toISOString() : null;
}

function required(key) {
  const value = process.env[key];
  if (!value) {
    throw new Error(`${key} is not set`);
  }
  return value;
}

function print(value) {
  process.stdout.write(JSON.stringify(value) + '\n');
}

main().then(
  () => client.close(),
  err => {
    print({ok: false, step, error: {message: err.message, code: err.code ?? null, httpStatus: err.httpStatusCode ?? null}, sent: sent.slice(-3)});
    process.exitCode = 1;
  },
);
