import assert from "node:assert/strict";
import { ConfigError } from "../../config/errors";
import { resolveStackConfig } from "../../config/resolve";
import { readEngineConfig } from "../../config/sources";
import { byoKubeconfig } from "../support/byoKubeconfig";

/** What `pulumi up` hands the program: every namespace's keys, secrets decrypted and listed. */
function resolveEngine(allConfig: Record<string, string>, secret: string[] = []) {
  const { values, secretKeys, problems } = readEngineConfig(allConfig, (key) => secret.includes(key));
  return resolveStackConfig({
    project: "aks-flux-gitops",
    stack: "qa",
    values,
    secretKeys,
    sourceProblems: problems,
    cacheDir: "/tmp/unused",
  });
}

const valid = {
  "aks-flux-gitops:azure": '{"location":"westeurope"}',
  "aks-flux-gitops:github": '{"owner":"acme","infraRepository":"fleet-infra"}',
  "aks-flux-gitops:cluster": '{"authorizedIpRanges":["52.174.0.0/24"]}',
  "azure-native:location": "westeurope",
};

function problemsOf(body: () => unknown): string[] {
  try {
    body();
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  assert.fail("accepted");
}

describe("config from the engine (pulumi up)", () => {
  it("rejects keys under a misspelt namespace with a did-you-mean, and ignores other providers' keys", () => {
    const problems = problemsOf(() =>
      resolveEngine({ ...valid, "aks-flux-gitop:flux": '{"version":"v2.9.0"}', "aksfluxgitops:apps": "{}", "github:token": "x" }),
    );
    assert.deepEqual(problems, [
      'aks-flux-gitop:flux is under namespace "aks-flux-gitop", which nothing reads; did you mean aks-flux-gitops:flux? (rename the key; Pulumi would ignore it)',
      'aksfluxgitops:apps is under namespace "aksfluxgitops", which nothing reads; did you mean aks-flux-gitops:apps? (rename the key; Pulumi would ignore it)',
    ]);
  });

  it("never shows a decrypted secret, even under a misspelt key", () => {
    const problems = problemsOf(() =>
      resolveEngine({ ...valid, "aks-flux-gitops:cluster": JSON.stringify({ existingKubeconfg: "token: s3cr3t-value", zones: ["9"] }) }, [
        "aks-flux-gitops:cluster",
      ]),
    );
    assert.equal(problems.length, 2);
    assert.match(
      problems.join("\n"),
      /cluster\.existingKubeconfg: "?<secret>"? is not a known key; did you mean cluster\.existingKubeconfig\?/,
    );
    assert.doesNotMatch(problems.join("\n"), /s3cr3t-value/);
  });

  it("accepts a bring-your-own kubeconfig only when Pulumi holds it as a secret", () => {
    const cluster = JSON.stringify({ existingKubeconfig: byoKubeconfig("tok-123") });
    assert.equal(resolveEngine({ ...valid, "aks-flux-gitops:cluster": cluster }, ["aks-flux-gitops:cluster"]).cluster.mode, "existing");
    const problems = problemsOf(() => resolveEngine({ ...valid, "aks-flux-gitops:cluster": cluster }));
    assert.deepEqual(
      problems.map((p) => p.split(" is ")[0]),
      ["aks-flux-gitops:cluster.existingKubeconfig: <secret>"],
    );
    assert.doesNotMatch(problems[0], /tok-123/);
  });
});
