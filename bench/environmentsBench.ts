import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { resolveStackConfig } from "../config/resolve";
import { projectNameFromDir, valuesFromStackFile } from "../config/sources";
import { requiredManifestFiles } from "../plan/environmentPlan";
import { cachedTarballPath } from "../release/manifestCache";
import { readReleaseLock, trustedDigest } from "../release/releaseLock";
import { resolveReleaseManifests } from "../release/resolveReleaseManifests";
import { renderEnvironment } from "../render/renderEnvironment";

export interface EnvironmentsBenchResult {
  /** Wall time per stack: config, manifests from the warm cache, every file and object rendered. */
  readonly perStackMs: Readonly<Record<string, number>>;
  readonly totalMs: number;
  /** CPU time of this process over the whole run (user + system): what the work costs on a machine shared with others. */
  readonly totalCpuMs: number;
  readonly files: number;
}

/**
 * Times a full dry run of every stack from a warm cache: the release tarball sits in the
 * cache as a previous download left it, and any network access fails the run.
 */
export async function benchEnvironments(projectDir: string, tarball: string, stacks: readonly string[]): Promise<EnvironmentsBenchResult> {
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-cache-"));
  const noNetwork = (() => Promise.reject(new Error("the bench must not touch the network"))) as typeof fetch;
  try {
    const perStackMs: Record<string, number> = {};
    let files = 0;
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    for (const stack of stacks) {
      const stackStart = performance.now();
      const cfg = resolveStackConfig({
        project: projectNameFromDir(projectDir),
        stack,
        values: valuesFromStackFile(path.join(projectDir, `Pulumi.${stack}.yaml`)),
        cacheDir,
      });
      // Where a verified download of the locked release would have left it.
      const cached = cachedTarballPath(
        cacheDir,
        cfg.flux.version,
        trustedDigest(cfg.flux.version, readReleaseLock(), cfg.flux.manifestsSha256),
      );
      if (!fs.existsSync(cached)) {
        fs.mkdirSync(path.dirname(cached), { recursive: true });
        fs.copyFileSync(tarball, cached);
      }
      const manifests = await resolveReleaseManifests({
        version: cfg.flux.version,
        requiredFiles: requiredManifestFiles(cfg),
        cacheDir,
        fetchImpl: noNetwork,
      });
      files += renderEnvironment(cfg, manifests).length;
      perStackMs[stack] = performance.now() - stackStart;
    }
    const cpu = process.cpuUsage(cpuStart);
    return { perStackMs, totalMs: performance.now() - start, totalCpuMs: (cpu.user + cpu.system) / 1000, files };
  } finally {
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
}
