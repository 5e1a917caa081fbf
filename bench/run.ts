import * as fs from "node:fs";
import * as path from "node:path";
import { benchEnvironments } from "./environmentsBench";
import { benchFluxComponents } from "./componentsBench";
import { defaultFluxInstallOptions } from "../generators/flux/install/options";
import { loadFixtureRelease, loadSharedRelease, SHARED_FLUX_DIR } from "./fluxRelease";

/** `npm run bench`: prints timings of the pure generators against the real tools they replace, from one run. */
async function main(): Promise<void> {
  const shared = loadSharedRelease();
  const manifests = shared ?? loadFixtureRelease();
  const source = shared !== undefined ? "Flux v2.9.0 release manifests (../shared)" : "the test fixture release (../shared is not there)";
  const options = { ...defaultFluxInstallOptions, version: manifests.version };
  const result = benchFluxComponents(manifests, options);

  console.log(`gotk-components.yaml from ${source}, default options`);
  console.log(`  generateFluxComponents: ${result.generatorMs.toFixed(1)} ms (median of ${result.generatorRuns} warm runs)`);
  if (result.kustomizeMs === undefined) {
    console.log("  kubectl kustomize:      not on PATH, not measured");
  } else {
    console.log(`  kubectl kustomize:      ${result.kustomizeMs.toFixed(1)} ms (median of ${result.kustomizeRuns} runs)`);
    console.log(
      `  ratio:                  ${result.speedup?.toFixed(1)}x faster (target: at least 5x); output identical: ${result.identical}`,
    );
  }

  const tarball = path.join(SHARED_FLUX_DIR, "manifests.tar.gz");
  if (!fs.existsSync(tarball)) {
    console.log("all environments: ../shared/flux/v2.9.0/manifests.tar.gz is not there, not measured");
    return;
  }
  const projectDir = path.resolve(__dirname, "..");
  const stacks = fs
    .readdirSync(projectDir)
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
  const environments = await benchEnvironments(projectDir, tarball, stacks);
  console.log(
    `all environments (${stacks.join(", ")}) from a warm cache, no network: config, manifests, ${environments.files} files and objects`,
  );
  for (const [stack, ms] of Object.entries(environments.perStackMs)) console.log(`  ${stack}: ${ms.toFixed(1)} ms`);
  console.log(`  total: ${environments.totalMs.toFixed(1)} ms wall, ${environments.totalCpuMs.toFixed(1)} ms CPU (target: under 1000 ms)`);
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
