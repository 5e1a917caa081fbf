import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import type { ReleaseManifests } from "../generators/flux/install/releaseManifests";

export const PROJECT_ROOT = path.resolve(__dirname, "..");
/** The hand-written cut-down release under test/fixtures. */
export const FIXTURE_RELEASE_DIR = path.join(PROJECT_ROOT, "test/fixtures/flux-release");
export const FIXTURE_VERSION = "v9.9.9-fixture";
/** Real Flux v2.9.0 data next to the project (../shared), present in the team's checkouts and CI, maybe not elsewhere. */
export const SHARED_FLUX_DIR = path.join(PROJECT_ROOT, "../shared/flux/v2.9.0");

/** Every `*.yaml` file of a directory, keyed by base name. */
export function loadReleaseManifestsDir(dir: string, version: string): ReleaseManifests {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith(".yaml"))
    .sort()) {
    files[name] = readFileSync(path.join(dir, name), "utf8");
  }
  return { version, files };
}

/** The fixture release, labelled `version` (default the fixture's own tag) for stacks that name a real release. */
export function loadFixtureRelease(version = FIXTURE_VERSION): ReleaseManifests {
  return loadReleaseManifestsDir(FIXTURE_RELEASE_DIR, version);
}

/** The shared v2.9.0 release manifests, or undefined when ../shared is not there. */
export function loadSharedRelease(): ReleaseManifests | undefined {
  const dir = path.join(SHARED_FLUX_DIR, "manifests");
  return existsSync(dir) ? loadReleaseManifestsDir(dir, "v2.9.0") : undefined;
}
