import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { addOperatorReleaseToLock } from "../../release/addOperatorToLock";
import { runLock } from "../../release/lockCli";
import { operatorAssetUrls, operatorCachePath, resolveOperatorManifests } from "../../release/operatorRelease";
import type { ReleaseLock } from "../../release/releaseLock";
import { FIXTURE_OPERATOR_INSTALL } from "../support/sharedFluxOperator";
import { sha256 } from "../support/fakeRelease";

const installYaml = fs.readFileSync(FIXTURE_OPERATOR_INSTALL, "utf8");
const sha = (text: string) => sha256(Buffer.from(text));
const lock: ReleaseLock = { file: "test-operator-lock.json", releases: { "v0.58.1": { sha256: sha(installYaml), source: "test" } } };

/** A fetch that answers from `routes` (URL → body or status) and logs every URL asked for. */
function fakeFetch(routes: Record<string, string | number | (string | number)[]>, log: string[] = []): typeof fetch {
  const served = new Map<string, number>();
  return (async (input: string | URL | Request) => {
    const url = String(input);
    log.push(url);
    const route = routes[url];
    const answers = Array.isArray(route) ? route : [route];
    const n = served.get(url) ?? 0;
    served.set(url, n + 1);
    const answer = answers[Math.min(n, answers.length - 1)];
    if (answer === undefined) return new Response("not found", { status: 404 });
    return typeof answer === "number" ? new Response("error", { status: answer }) : new Response(answer);
  }) as typeof fetch;
}

const installUrl = "https://github.com/controlplaneio-fluxcd/flux-operator/releases/download/v0.58.1/install.yaml";
const checksumsUrl = "https://github.com/controlplaneio-fluxcd/flux-operator/releases/download/v0.58.1/flux-operator_0.58.1_checksums.txt";

describe("release: the Flux Operator's install.yaml", () => {
  let cacheDir: string;
  beforeEach(() => (cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "operator-cache-"))));
  afterEach(() => fs.rmSync(cacheDir, { recursive: true, force: true }));

  it("names the release asset and GoReleaser's checksums file of the tag", () => {
    assert.deepEqual(operatorAssetUrls("v0.58.1"), { installYaml: installUrl, checksums: checksumsUrl });
  });

  it("downloads, verifies against the lock and caches; the next run reads the cache without the network", async () => {
    const log: string[] = [];
    const first = await resolveOperatorManifests({
      version: "v0.58.1",
      cacheDir,
      lock,
      fetchImpl: fakeFetch({ [installUrl]: installYaml }, log),
    });
    assert.deepEqual(first, { version: "v0.58.1", installYaml });
    assert.deepEqual(log, [installUrl]);
    assert.equal(fs.readFileSync(operatorCachePath(cacheDir, "v0.58.1", sha(installYaml)), "utf8"), installYaml);
    const second = await resolveOperatorManifests({ version: "v0.58.1", cacheDir, lock, fetchImpl: fakeFetch({}, log) });
    assert.deepEqual(second, first);
    assert.equal(log.length, 1, "no second download");
  });

  it("retries a failing download with the same bounded backoff as Flux's manifests", async () => {
    const warnings: string[] = [];
    const fetchImpl = fakeFetch({ [installUrl]: [503, installYaml] });
    await resolveOperatorManifests({ version: "v0.58.1", cacheDir, lock, fetchImpl, retryDelayMs: 1, onWarning: (m) => warnings.push(m) });
    assert.match(warnings.join("\n"), /GET .*install\.yaml failed \(HTTP 503.*attempt 1 of 3; retrying/);
  });

  it("rejects a download whose digest is not the lock's, naming both and the local-copy fix", async () => {
    await assert.rejects(
      resolveOperatorManifests({ version: "v0.58.1", cacheDir, lock, fetchImpl: fakeFetch({ [installUrl]: `${installYaml}# altered\n` }) }),
      /install\.yaml downloaded from .* has sha256 [0-9a-f]{64} but the release lock test-operator-lock\.json expects [0-9a-f]{64}; .*aks-flux-gitops:flux\.operator\.manifests/,
    );
    assert.ok(!fs.existsSync(path.join(cacheDir, "flux-operator")), "nothing cached");
  });

  it("rejects a version the lock lacks, saying how to add it", async () => {
    await assert.rejects(
      resolveOperatorManifests({ version: "v0.59.0", cacheDir, lock, fetchImpl: fakeFetch({}) }),
      /the Flux Operator v0\.59\.0 is not in the release lock .*run `npm run flux:lock -- --operator v0\.59\.0` online/,
    );
  });

  it("replaces a cache entry that does not match its digest, with a warning", async () => {
    const where = operatorCachePath(cacheDir, "v0.58.1", sha(installYaml));
    fs.mkdirSync(path.dirname(where), { recursive: true });
    fs.writeFileSync(where, "poisoned");
    const warnings: string[] = [];
    const result = await resolveOperatorManifests({
      version: "v0.58.1",
      cacheDir,
      lock,
      fetchImpl: fakeFetch({ [installUrl]: installYaml }),
      onWarning: (m) => warnings.push(m),
    });
    assert.equal(result.installYaml, installYaml);
    assert.match(
      warnings[0],
      /rejected the cached Flux Operator v0\.58\.1 install\.yaml at .*: its sha256 is [0-9a-f]{64}, not the [0-9a-f]{64} it is stored under; downloading a fresh copy/,
    );
    assert.equal(fs.readFileSync(where, "utf8"), installYaml);
  });

  it("reads flux.operator.manifests as a file or a directory holding install.yaml, without the network", async () => {
    const fetchImpl = fakeFetch({});
    assert.equal(
      (await resolveOperatorManifests({ version: "v0.58.1", cacheDir, localPath: FIXTURE_OPERATOR_INSTALL, fetchImpl })).installYaml,
      installYaml,
    );
    assert.equal(
      (await resolveOperatorManifests({ version: "v0.58.1", cacheDir, localPath: path.dirname(FIXTURE_OPERATOR_INSTALL), fetchImpl }))
        .installYaml,
      installYaml,
    );
  });

  it("rejects a local install.yaml of another operator release, or a file that is not the operator's", async () => {
    await assert.rejects(
      resolveOperatorManifests({ version: "v0.59.0", cacheDir, localPath: FIXTURE_OPERATOR_INSTALL }),
      /the Flux Operator install\.yaml read from .* deploys the operator v0\.58\.1, not aks-flux-gitops:flux\.operator\.version v0\.59\.0/,
    );
    const notOperator = path.join(cacheDir, "install.yaml");
    fs.writeFileSync(notOperator, "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: flux-system\n");
    await assert.rejects(
      resolveOperatorManifests({ version: "v0.58.1", cacheDir, localPath: notOperator }),
      /lacks the fluxinstances\.fluxcd\.controlplane\.io CRD/,
    );
    await assert.rejects(
      resolveOperatorManifests({ version: "v0.58.1", cacheDir, localPath: path.join(cacheDir, "missing.yaml") }),
      /could not read the Flux Operator v0\.58\.1 install\.yaml from .*missing\.yaml \(aks-flux-gitops:flux\.operator\.manifests\): ENOENT/,
    );
  });

  describe("npm run flux:lock -- --operator", () => {
    let lockFile: string;
    beforeEach(() => {
      lockFile = path.join(cacheDir, "flux-operator-lock.json");
      fs.writeFileSync(lockFile, JSON.stringify({ about: "test", releases: {} }));
    });

    it("records the digest the release's checksums file lists for install.yaml", async () => {
      const checksums = `${"ab".repeat(32)}  flux-operator_0.58.1_linux_amd64.tar.gz\n${sha(installYaml)}  install.yaml\n`;
      const result = await addOperatorReleaseToLock({
        version: "v0.58.1",
        lockFile,
        fetchImpl: fakeFetch({ [installUrl]: installYaml, [checksumsUrl]: checksums }),
      });
      assert.equal(result.change, "added");
      const written = JSON.parse(fs.readFileSync(lockFile, "utf8"));
      assert.deepEqual(written.releases["v0.58.1"], { sha256: sha(installYaml), source: `${installUrl}, matching ${checksumsUrl}` });
      assert.equal(written.about, "test");
    });

    it("is the flux:lock command with --operator (a version is required)", async () => {
      const original = console.error;
      const errors: string[] = [];
      console.error = (message: string) => errors.push(message);
      try {
        assert.equal(await runLock(["--operator"]), 2);
      } finally {
        console.error = original;
      }
      assert.match(errors.join("\n"), /usage: npm run flux:lock -- \[--operator\] <vX\.Y\.Z>/);
    });

    it("leaves the lock unchanged when the checksums file disagrees", async () => {
      const checksums = `${"cd".repeat(32)}  install.yaml\n`;
      await assert.rejects(
        addOperatorReleaseToLock({
          version: "v0.58.1",
          lockFile,
          fetchImpl: fakeFetch({ [installUrl]: installYaml, [checksumsUrl]: checksums }),
        }),
        /lists c{1}d.*the lock is unchanged/,
      );
      assert.deepEqual(JSON.parse(fs.readFileSync(lockFile, "utf8")).releases, {});
    });
  });
});
