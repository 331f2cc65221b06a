import { type ChildProcess, spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/jiedao.mjs', import.meta.url));

/** A free loopback port (asked of the OS). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** A real `jiedao serve` process, started and killed like an operator's server would be. */
export class ServerProcess {
  private child: ChildProcess | null = null;
  readonly url: string;

  constructor(
    private readonly port: number,
    private readonly args: string[],
    private readonly env: NodeJS.ProcessEnv,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  /** The running server's process id (memory sampling). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the server and waits until /api/health answers. */
  async start(timeoutMs = 120_000): Promise<void> {
    this.child = spawn(
      'node',
      [BIN, 'serve', '--host', '127.0.0.1', '--port', String(this.port), ...this.args],
      {
        env: { LOG_LEVEL: 'warn', ...this.env },
        stdio: [
          'ignore',
          this.env.DEBUG_LOG_FILE ? openSync(this.env.DEBUG_LOG_FILE, 'w') : 'ignore',
          'pipe',
        ],
      },
    );
    let stderr = '';
    this.child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`server exited (${this.child.exitCode}): ${stderr}`);
      try {
        const res = await fetch(`${this.url}/api/health`);
        if (res.ok) return;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server did not start in ${timeoutMs} ms: ${stderr}`);
  }

  /** SIGKILL: no shutdown hooks, no flushing — the crash the harness is about. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    this.child = null;
  }
}
