import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";

const projectRoot = path.resolve(__dirname, "../..");

/** Every `.ts` file below `dir` (relative to the project), sorted. */
function sources(dir: string): string[] {
  return fs
    .readdirSync(path.join(projectRoot, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => path.join(dir, f))
    .sort();
}

/** DESIGN.md, "Tests": test/ mirrors the source tree. */
describe("test layout: test/ mirrors the source tree", () => {
  it("has a test next to every component: test/components/<path>.test.ts for components/<path>.ts", () => {
    const missing = sources("components")
      .map((f) => path.join("test", f.replace(/\.ts$/, ".test.ts")))
      .filter((t) => !fs.existsSync(path.join(projectRoot, t)));
    assert.deepEqual(missing, [], "write the missing component tests under Pulumi mocks (test/support/componentHarness.ts)");
  });

  it("has a test folder for every folder of the layers", () => {
    const folders = ["config", "plan", "generators", "components", "render", "release"].flatMap((layer) => [
      ...new Set(sources(layer).map((f) => path.dirname(f))),
    ]);
    const missing = folders.filter((d) => !fs.existsSync(path.join(projectRoot, "test", d)));
    assert.deepEqual(missing, []);
  });
});
