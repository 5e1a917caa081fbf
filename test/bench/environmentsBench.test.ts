import assert from "node:assert/strict";
import * as path from "node:path";
import { benchEnvironments } from "../../bench/environmentsBench";
import { SHARED_FLUX_DIR } from "../../bench/fluxRelease";
import { requireSharedFlux } from "../support/sharedFlux";
import { projectRoot } from "../support/programHarness";

describe("bench: all environments from a warm cache", () => {
  it("renders every stack from the cached release without touching the network", async function () {
    const tarball = path.join(SHARED_FLUX_DIR, "manifests.tar.gz");
    requireSharedFlux(this, "manifests.tar.gz");
    const result = await benchEnvironments(projectRoot, tarball, ["dev", "staging", "prod"]);
    assert.deepEqual(Object.keys(result.perStackMs), ["dev", "staging", "prod"]);
    assert.ok(result.files > 100, `${result.files} files and objects`);
    assert.ok(result.totalMs < 10_000, `${result.totalMs} ms`);
  });
});
