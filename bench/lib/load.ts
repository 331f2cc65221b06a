import { Worker } from 'node:worker_threads';

export interface LoadJob {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  /** Latencies are also reported per tag. */
  tag?: string;
}

export interface LoadSpec {
  jobs: LoadJob[];
  seconds: number;
  /** Closed loop: this many requests in flight. */
  concurrency?: number;
  /** Open loop: requests per second on a fixed schedule. */
  rate?: number;
  maxRequests?: number;
}

export interface LoadResult {
  seconds: number;
  latencies: number[];
  /** The tag of each request, aligned with `latencies`. */
  tags: string[];
  statuses: Record<string, number>;
}

/** A load generator in a worker thread, talking HTTP to the server on `port` with a session cookie. */
export class LoadGenerator {
  private readonly worker: Worker;

  constructor(port: number, cookie: string) {
    this.worker = new Worker(new URL('./load-worker.mjs', import.meta.url), { workerData: { port, cookie } });
  }

  run(spec: LoadSpec): Promise<LoadResult> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error) => {
        this.worker.off('message', onMessage);
        reject(err);
      };
      const onMessage = (m: LoadResult | { error: string }) => {
        this.worker.off('error', onError);
        if ('error' in m) reject(new Error(m.error));
        else resolve(m);
      };
      this.worker.once('message', onMessage);
      this.worker.once('error', onError);
      this.worker.postMessage(spec);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
