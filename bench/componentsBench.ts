import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { generateFluxComponents } from "../generators/flux/install/generateFluxComponents";
import type { FluxInstallOptions } from "../generators/flux/install/options";
import type { ReleaseManifests } from "../generators/flux/install/releaseManifests";
import { withFluxOverlay } from "./fluxOverlay";

export interface ComponentsBenchResult {
  /** Median of warm in-process runs of generateFluxComponents, parsing included (nothing is cached between runs). */
  readonly generatorMs: number;
  /** Median of `kubectl kustomize` over the same overlay written once to a temp dir; undefined without kubectl. */
  readonly kustomizeMs: number | undefined;
  /** kustomizeMs / generatorMs. */
  readonly speedup: number | undefined;
  /** The generator's output (after Flux's header) equals kustomize's byte for byte. */
  readonly identical: boolean | undefined;
  readonly generatorRuns: number;
  readonly kustomizeRuns: number;
}

export interface ComponentsBenchSettings {
  readonly generatorRuns?: number;
  readonly kustomizeRuns?: number;
  readonly warmupRuns?: number;
}

function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function timed(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** Times generateFluxComponents against `kubectl kustomize` over Flux's overlay for the same release and options. */
export function benchFluxComponents(
  manifests: ReleaseManifests,
  options: FluxInstallOptions,
  settings: ComponentsBenchSettings = {},
): ComponentsBenchResult {
  const { generatorRuns = 30, kustomizeRuns = 5, warmupRuns = 5 } = settings;
  let content = "";
  for (let i = 0; i < warmupRuns; i++) content = generateFluxComponents(manifests, options).content;
  const generatorMs = median(Array.from({ length: generatorRuns }, () => timed(() => generateFluxComponents(manifests, options))));

  const kubectl = spawnSync("kubectl", ["version", "--client"], { encoding: "utf8" });
  if (kubectl.error !== undefined || kubectl.status !== 0) {
    return { generatorMs, kustomizeMs: undefined, speedup: undefined, identical: undefined, generatorRuns, kustomizeRuns: 0 };
  }
  const order = options.resourceOrder === "fifo" ? ["--reorder", "none"] : [];
  return withFluxOverlay(manifests, options, (dir) => {
    let output = "";
    const samples = Array.from({ length: kustomizeRuns }, () =>
      timed(() => {
        const run = spawnSync("kubectl", ["kustomize", ...order, dir], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
        if (run.status !== 0) throw new Error(`kubectl kustomize failed: ${run.stderr}`);
        output = run.stdout;
      }),
    );
    const kustomizeMs = median(samples);
    const identical = content.split("\n").slice(4).join("\n") === output;
    return { generatorMs, kustomizeMs, speedup: kustomizeMs / generatorMs, identical, generatorRuns, kustomizeRuns };
  });
}
