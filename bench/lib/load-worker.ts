import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import type { LoadJob, LoadResult, LoadSpec } from './load.ts';

/**
 * The load generator, in a worker thread so it does not share the server's event loop. Closed loop
 * (`concurrency` requests always in flight) or open loop (`rate` requests per second on a fixed
 * schedule; latency counted from the scheduled instant, so a stall is not hidden).
 */
const { port, cookie } = workerData as { port: number; cookie: string };
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function send(job: LoadJob): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = job.body ?? null;
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: job.method,
        path: job.path,
        agent,
        headers: {
          cookie,
          ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

async function run(spec: LoadSpec): Promise<LoadResult> {
  const latencies: number[] = [];
  const tags: string[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  const jobAt = (i: number) => spec.jobs[i % spec.jobs.length] as LoadJob;
  const started = performance.now();
  const deadline = started + spec.seconds * 1000;
  const record = (status: number, ms: number, tag = '') => {
    latencies.push(ms);
    tags.push(tag);
    statuses[status] = (statuses[status] ?? 0) + 1;
  };
  if (spec.rate) {
    const interval = 1000 / spec.rate;
    const pending: Promise<void>[] = [];
    for (let i = 0; ; i++) {
      const at = started + i * interval;
      if (at >= deadline) break;
      const wait = at - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const job = jobAt(next++);
      pending.push(
        send(job).then(
          (s) => record(s, performance.now() - at, job.tag),
          () => record(0, performance.now() - at, job.tag),
        ),
      );
    }
    await Promise.all(pending);
  } else {
    const loop = async () => {
      while (performance.now() < deadline && (spec.maxRequests === undefined || next < spec.maxRequests)) {
        const job = jobAt(next++);
        const t = performance.now();
        const s = await send(job).catch(() => 0);
        record(s, performance.now() - t, job.tag);
      }
    };
    await Promise.all(Array.from({ length: spec.concurrency ?? 1 }, loop));
  }
  return { seconds: (performance.now() - started) / 1000, latencies, tags, statuses };
}

parentPort?.on('message', (spec: LoadSpec) => {
  run(spec).then(
    (r) => parentPort?.postMessage(r),
    (err: Error) => parentPort?.postMessage({ error: err.message }),
  );
});
