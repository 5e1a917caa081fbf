import { benchFluxComponents } from "./componentsBench";
import { defaultFluxInstallOptions } from "../generators/flux/install/options";
import { loadFixtureRelease, loadSharedRelease } from "../test/support/fluxRelease";

/** `npm run bench`: prints timings of the pure generators against the real tools they replace. */
function main(): void {
  const shared = loadSharedRelease();
  const manifests = shared ?? loadFixtureRelease();
  const source = shared !== undefined ? "Flux v2.9.0 release manifests (../shared)" : "the test fixture release (../shared is not there)";
  const options = { ...defaultFluxInstallOptions, version: manifests.version };
  const result = benchFluxComponents(manifests, options);

  console.log(`gotk-components.yaml from ${source}, default options`);
  console.log(`  generateFluxComponents: ${result.generatorMs.toFixed(1)} ms (median of ${result.generatorRuns} warm runs)`);
  if (result.kustomizeMs === undefined) {
    console.log("  kubectl kustomize:      not on PATH, not measured");
    return;
  }
  console.log(`  kubectl kustomize:      ${result.kustomizeMs.toFixed(1)} ms (median of ${result.kustomizeRuns} runs)`);
  console.log(`  speed-up:               ${result.speedup?.toFixed(1)}x; output identical: ${result.identical}`);
}

main();
