import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";

/**
 * Every process the loop starts: its own log file under `<runDir>/logs`, stopped by
 * `stopAll` (SIGTERM, then SIGKILL after a grace period), on success and on failure.
 * Nothing is ever stopped by name: only the children this object started.
 */
export class Processes {
  private readonly running = new Map<string, ChildProcess>();
  private readonly exitHook = () => this.killNow();
  // A test run stopped from outside (CI's time budget, Ctrl-C) must not leave the control plane running.
  private readonly signalHook = (signal: NodeJS.Signals) => {
    this.killNow();
    process.exit(signal === "SIGINT" ? 130 : 143);
  };

  constructor(readonly logDir: string) {
    fs.mkdirSync(logDir, { recursive: true });
    process.on("exit", this.exitHook);
    process.on("SIGTERM", this.signalHook);
    process.on("SIGINT", this.signalHook);
  }

  start(name: string, command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
    if (this.running.has(name)) throw new Error(`process ${name} is already running`);
    const log = fs.openSync(this.logPath(name), "a");
    fs.writeSync(log, `$ ${command} ${args.join(" ")}\n`);
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", log, log], detached: false });
    fs.closeSync(log);
    child.on("exit", () => this.running.get(name) === child && this.running.delete(name));
    this.running.set(name, child);
    return child;
  }

  logPath(name: string): string {
    return path.join(this.logDir, `${name}.log`);
  }

  isRunning(name: string): boolean {
    const child = this.running.get(name);
    return child !== undefined && child.exitCode === null && child.signalCode === null;
  }

  pid(name: string): number | undefined {
    return this.running.get(name)?.pid;
  }

  /** The last lines of a process's log, for failure messages. */
  tail(name: string, lines = 20): string {
    if (!fs.existsSync(this.logPath(name))) return "";
    return fs.readFileSync(this.logPath(name), "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  }

  async stop(name: string, graceMs = 5000): Promise<void> {
    const child = this.running.get(name);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    await exited;
    clearTimeout(timer);
    this.running.delete(name);
  }

  /** Stops in reverse start order: controllers before the apiserver before etcd. */
  async stopAll(): Promise<void> {
    for (const name of [...this.running.keys()].reverse()) await this.stop(name);
    process.off("exit", this.exitHook);
    process.off("SIGTERM", this.signalHook);
    process.off("SIGINT", this.signalHook);
  }

  private killNow(): void {
    for (const child of this.running.values()) child.kill("SIGKILL");
  }
}

/** A free TCP port on 127.0.0.1 (the kernel picks it; the socket is closed before use). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `probe` until it returns a value (not undefined) or the deadline passes; the
 * error names what was awaited and the last observation.
 */
export async function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => T | undefined | Promise<T | undefined>,
  intervalMs = 500,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error instanceof Error ? error.message : error;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${Math.round(timeoutMs / 1000)}s waiting for ${what}${last === undefined ? "" : `; last: ${String(last)}`}`,
      );
    await sleep(intervalMs);
  }
}

/** Runs a command to completion; throws with its output on a non-zero exit. */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {},
): string {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    input: options.input,
    encoding: "utf8",
    timeout: options.timeoutMs ?? 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw new Error(`${command} ${args.join(" ")}: ${result.error.message}`);
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(" ")} exited ${result.status}: ${result.stderr.trim() || result.stdout.trim()}`);
  return result.stdout;
}
