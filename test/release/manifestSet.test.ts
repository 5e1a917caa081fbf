import * as assert from "node:assert/strict";
import { manifestsFromTarFiles, missingFiles } from "../../release/manifestSet";
import { readTarGz } from "../../release/releaseArchive";
import { tarGzBuffer } from "../support/tarWriter";

describe("release/manifestSet manifestsFromTarFiles", () => {
  it("keys YAML files by base name and ignores other files", () => {
    const gz = tarGzBuffer([
      { name: "./out/rbac.yaml", content: "r" },
      { name: "README.md", content: "m" },
    ]);
    const manifests = manifestsFromTarFiles("v2.9.0", readTarGz(gz));
    assert.deepEqual(manifests, { version: "v2.9.0", files: { "rbac.yaml": "r" } });
    assert.ok(Object.isFrozen(manifests) && Object.isFrozen(manifests.files));
  });

  it("rejects two YAML files with the same base name", () => {
    const files = readTarGz(tarGzBuffer([{ name: "a/rbac.yaml" }, { name: "b/rbac.yaml" }]));
    assert.throws(() => manifestsFromTarFiles("v2.9.0", files), /two files named rbac.yaml \(a\/rbac.yaml and b\/rbac.yaml\)/);
  });

  it("rejects a YAML file that is not UTF-8", () => {
    const files = readTarGz(tarGzBuffer([{ name: "rbac.yaml", content: Buffer.from([0xff, 0xfe, 0x00]) }]));
    assert.throws(() => manifestsFromTarFiles("v2.9.0", files), /rbac.yaml is not UTF-8 text/);
  });
});

describe("release/manifestSet missingFiles", () => {
  it("names the required files that are absent, in the order asked", () => {
    const manifests = { version: "v2.9.0", files: { "rbac.yaml": "" } };
    assert.deepEqual(missingFiles(manifests, ["source-watcher.yaml", "rbac.yaml", "policies.yaml"]), [
      "source-watcher.yaml",
      "policies.yaml",
    ]);
  });
});
