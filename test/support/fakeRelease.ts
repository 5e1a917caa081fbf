import * as assert from "node:assert/strict";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as http from "node:http";
import { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import type { ReleaseLock } from "../../release/releaseLock";
import { ReleaseManifestsError, type ResolveManifestsOptions } from "../../release/resolveReleaseManifests";
import { requireSharedFlux } from "./sharedFlux";
import { TarEntrySpec, tarGzBuffer } from "./tarWriter";

/** A copy of Flux's real release files, read at run time when the shared folder exists. */
export const REAL_FLUX_DIR = path.resolve(__dirname, "../../../shared/flux/v2.9.0");

/** Skips the calling test with a printed note when the real release copy is absent. */
export function requireRealFluxRelease(ctx: Mocha.Context): void {
  requireSharedFlux(ctx, "manifests.tar.gz");
}

export const FLUX_FILE_NAMES = [
  "helm-controller.yaml",
  "image-automation-controller.yaml",
  "image-reflector-controller.yaml",
  "kustomize-controller.yaml",
  "notification-controller.yaml",
  "policies.yaml",
  "rbac.yaml",
  "source-controller.yaml",
  "source-watcher.yaml",
] as const;

/** Small stand-ins for the release files, each naming itself. */
export function fixtureFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of FLUX_FILE_NAMES) {
    files[name] = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name.replace(/\.yaml$/, "")}\n`;
  }
  return files;
}

export function fixtureTarball(files: Record<string, string> = fixtureFiles(), extra: TarEntrySpec[] = []): Buffer {
  return tarGzBuffer([...Object.entries(files).map(([name, content]) => ({ name, content })), ...extra]);
}

export function sha256(data: Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** A lock that trusts `tarball` for `version`, as `npm run flux:lock` would have written it. */
export function lockFor(version: string, tarball: Uint8Array): ReleaseLock {
  return { file: "test-flux-lock.json", releases: { [version]: { sha256: sha256(tarball), source: "test" } } };
}

/** The release's checksums file as GoReleaser writes it, with a binary next to the tarball. */
export function checksumsFile(tarball: Uint8Array): string {
  return `${"ab".repeat(32)}  flux_2.9.0_linux_amd64.tar.gz\n${sha256(tarball)}  manifests.tar.gz\n`;
}

export type Route =
  | { readonly status?: number; readonly body: string | Buffer; readonly chunked?: boolean }
  | { readonly redirectTo: string }
  | { readonly hang: true }
  /** Announces the whole body's length, sends the first half, then closes the connection. */
  | { readonly truncate: Buffer }
  /** Closes the connection without an answer. */
  | { readonly reset: true }
  /** One route per request, the last one repeated. */
  | { readonly sequence: readonly Route[] };

export interface FakeRelease {
  /** Pass as `baseUrl`; it plays the role of `https://github.com/fluxcd/flux2/releases`. */
  readonly baseUrl: string;
  /** Request paths in arrival order. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** Routes for one release: the tarball (behind a redirect, as on GitHub) and its checksums file. */
export function releaseRoutes(version: string, tarball: Buffer, checksums: string = checksumsFile(tarball)): Record<string, Route> {
  return {
    [`/download/${version}/manifests.tar.gz`]: { redirectTo: `/assets/${version}/manifests.tar.gz` },
    [`/assets/${version}/manifests.tar.gz`]: { body: tarball },
    [`/download/${version}/flux_${version.slice(1)}_checksums.txt`]: { body: checksums },
  };
}

/** A loopback HTTP server on a free port; unknown paths answer 404. */
export async function startFakeRelease(routes: Record<string, Route>): Promise<FakeRelease> {
  const requests: string[] = [];
  const served = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const url = req.url ?? "/";
    requests.push(url);
    let route = routes[url];
    while (route !== undefined && "sequence" in route) {
      const n = served.get(url) ?? 0;
      served.set(url, n + 1);
      route = route.sequence[Math.min(n, route.sequence.length - 1)];
    }
    if (route === undefined) {
      res.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
    } else if ("hang" in route) {
      return;
    } else if ("reset" in route) {
      req.socket.destroy();
    } else if ("truncate" in route) {
      res.writeHead(200, { "content-length": route.truncate.length });
      res.write(route.truncate.subarray(0, route.truncate.length / 2), () => req.socket.destroy());
    } else if ("redirectTo" in route) {
      res.writeHead(302, { location: route.redirectTo }).end();
    } else if (route.chunked) {
      res.writeHead(route.status ?? 200);
      const body = Buffer.from(route.body);
      for (let i = 0; i < body.length; i += 16 * 1024) res.write(body.subarray(i, i + 16 * 1024));
      res.end();
    } else {
      const body = Buffer.from(route.body);
      res.writeHead(route.status ?? 200, { "content-length": body.length }).end(body);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function makeTempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "aks-flux-release-"));
}

/** Asserts a `ReleaseManifestsError` with a one-line message matching every pattern. */
export async function rejectsWithReleaseError(promise: Promise<unknown>, ...patterns: RegExp[]): Promise<string> {
  let message = "";
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof ReleaseManifestsError, `expected ReleaseManifestsError, got ${String(err)}`);
    message = err.message;
    assert.doesNotMatch(message, /\n/);
    for (const pattern of patterns) assert.match(message, pattern);
    return true;
  });
  return message;
}

/** Per test: a fresh cache directory, the warnings the resolver gave, and the fake release server `serve` started. */
export interface ReleaseTestContext {
  readonly cacheDir: string;
  readonly warnings: string[];
  /** Starts the fake release for this test; it is closed after the test. */
  serve(routes: Record<string, Route>): Promise<FakeRelease>;
  /** Options that resolve `version` into this test's cache, from its server, against a lock of `tarball`. */
  options(overrides?: Partial<ResolveManifestsOptions>): ResolveManifestsOptions;
}

/** Registers, in the calling `describe`, the hooks that give every test a fresh ReleaseTestContext and clean it up. */
export function releaseTestContext(version: string, requiredFiles: readonly string[], tarball: Buffer): ReleaseTestContext {
  let cacheDir = "";
  let warnings: string[] = [];
  let release: FakeRelease | undefined;
  beforeEach(() => {
    cacheDir = makeTempDir();
    warnings = [];
  });
  afterEach(async () => {
    await release?.close();
    release = undefined;
    fs.rmSync(cacheDir, { recursive: true, force: true });
  });
  return {
    get cacheDir() {
      return cacheDir;
    },
    get warnings() {
      return warnings;
    },
    async serve(routes) {
      release = await startFakeRelease(routes);
      return release;
    },
    options: (overrides = {}) => ({
      version,
      requiredFiles: [...requiredFiles],
      cacheDir,
      lock: lockFor(version, tarball),
      baseUrl: release?.baseUrl,
      timeoutMs: 5_000,
      retryDelayMs: 0,
      onWarning: (message) => warnings.push(message),
      ...overrides,
    }),
  };
}
