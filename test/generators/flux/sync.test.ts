import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { canonicalGoDuration, formatGoDuration, parseGoDuration } from "../../../generators/flux/duration";
import { generateFluxSystemKustomization } from "../../../generators/flux/fluxSystemKustomization";
import { deployKeyTitle, gitSourceSecret } from "../../../generators/flux/sourceSecret";
import { generateFluxSync, type FluxSyncOptions } from "../../../generators/flux/sync";
import { sshRepositoryUrl } from "../../../generators/git/gitRef";

const golden = (name: string) => fs.readFileSync(path.join(__dirname, "../../goldens/flux", name), "utf8");
const defaults: FluxSyncOptions = {
  name: "flux-system",
  namespace: "flux-system",
  url: sshRepositoryUrl("github.com", "acme-platform", "fleet-infra"),
  ref: { branch: "main" },
  interval: "1m0s",
  path: "clusters/dev",
  secretName: "flux-system",
};

describe("generators/flux: gotk-sync.yaml and kustomization.yaml, as flux bootstrap writes them", () => {
  it("matches the golden for the defaults of `flux bootstrap github --path=clusters/dev`", () => {
    assert.equal(generateFluxSync(defaults), golden("gotk-sync-branch.yaml"));
  });

  // flux bootstrap --namespace=gitops names the sync objects gitops (fluxcd/flux2 v2.9.0 cmd/flux/bootstrap_github.go); the Secret keeps its name.
  it("matches the golden for a semver ref, another namespace (objects named after it), host and interval", () => {
    const options = {
      ...defaults,
      name: "gitops",
      namespace: "gitops",
      url: sshRepositoryUrl("github.acme.example", "platform", "fleet"),
      ref: { semver: ">=1.2.0 <2.0.0" },
      interval: "5m30s",
      path: "./clusters/prod-eu",
    };
    assert.equal(generateFluxSync(options), golden("gotk-sync-semver-custom-namespace.yaml"));
  });

  for (const [ref, line] of [
    [{ tag: "prod-v1.3.2" }, "    tag: prod-v1.3.2\n"],
    [{ commit: "0123456789abcdef0123456789abcdef01234567" }, "    commit: 0123456789abcdef0123456789abcdef01234567\n"],
  ] as const) {
    it(`writes exactly one ref field: ${Object.keys(ref)[0]}`, () => {
      const out = generateFluxSync({ ...defaults, ref });
      assert.ok(out.includes(`  ref:\n${line}  secretRef:`), out);
    });
  }

  it("writes the flux-system kustomization.yaml like flux", () => {
    assert.equal(generateFluxSystemKustomization(), golden("kustomization.yaml"));
  });

  it("uses no .git suffix in the SSH URL", () => {
    assert.equal(sshRepositoryUrl("github.com", "o", "r"), "ssh://git@github.com/o/r");
  });
});

describe("generators/flux: Git source Secret and deploy key title", () => {
  it("lays the Secret out as flux does: identity, identity.pub, known_hosts (trimmed)", () => {
    const secret = gitSourceSecret({
      name: "flux-system",
      namespace: "flux-system",
      privateKey: "PRIV\n",
      publicKey: "ecdsa-sha2-nistp384 AAAA\n",
      knownHosts: "github.com ssh-ed25519 AAAA\n",
    });
    assert.deepEqual(secret, {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "flux-system", namespace: "flux-system" },
      stringData: { identity: "PRIV\n", "identity.pub": "ecdsa-sha2-nistp384 AAAA\n", known_hosts: "github.com ssh-ed25519 AAAA" },
    });
  });

  // fluxcd/flux2 v2.9.0: pkg/bootstrap/bootstrap_provider.go deployKeyName(namespace, branch, secret, path) and
  // internal/flags/safe_relative_path.go, which turns --path=clusters/dev into "./clusters/dev".
  it("titles deploy keys as flux bootstrap does: <namespace>-<branch>-<secret>-./<path>", () => {
    assert.equal(
      deployKeyTitle({ namespace: "flux-system", branch: "main", secretName: "flux-system", path: "clusters/dev" }),
      "flux-system-main-flux-system-./clusters/dev",
    );
    assert.equal(
      deployKeyTitle({ namespace: "flux-system", branch: "main", secretName: "flux-system", path: "./clusters/dev/" }),
      "flux-system-main-flux-system-./clusters/dev",
    );
    assert.equal(
      deployKeyTitle({ namespace: "gitops-system", branch: "", secretName: "apps", path: "./apps/dev" }),
      "gitops-system-apps-./apps/dev",
    );
  });
});

describe("generators/flux: Go durations", () => {
  for (const [input, expected] of [
    ["1m", "1m0s"],
    ["10m", "10m0s"],
    ["90s", "1m30s"],
    ["1h", "1h0m0s"],
    ["1h30m", "1h30m0s"],
    ["2h3m4s", "2h3m4s"],
    ["1.5h", "1h30m0s"],
  ]) {
    it(`${input} -> ${expected}`, () => assert.equal(canonicalGoDuration(input), expected));
  }
  it("rejects malformed durations", () => {
    for (const bad of ["", "1", "m", "1x", "one minute", "1m 30s"]) assert.equal(parseGoDuration(bad), undefined, bad);
  });
  it("formats sub-second durations as Go does", () => assert.equal(formatGoDuration(5e8), "500ms"));
});
