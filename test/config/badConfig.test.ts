import assert from "node:assert/strict";
import { ConfigError } from "../../config/errors";
import { resolveValues, stackValues } from "./fixtures";
import { badConfigCases as cases, type Mutation } from "./badConfigCases";

function rejection(stack: string, mutate: Mutation): ConfigError {
  const values = stackValues(stack);
  mutate(values);
  try {
    resolveValues(stack, values);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  assert.fail("the configuration was accepted");
}

describe("config: bad input", () => {
  it("has at least 25 cases", () => assert.ok(cases.length >= 25, `${cases.length} cases`));

  for (const { name, stack = "dev", mutate, expect } of cases) {
    it(`rejects ${name}`, () => {
      const error = rejection(stack, mutate);
      assert.equal(error.problems.length, 1, `exactly one problem expected, got:\n${error.problems.join("\n")}`);
      assert.match(error.problems[0], expect);
      assert.match(error.problems[0], /^aks-flux-gitops:[a-zA-Z]/, "names the full key");
    });
  }

  it("rejects every problem of a stack file at once, one line each", () => {
    const error = rejection("prod", (v) => {
      v.flux.version = "2.9";
      v.cluster.zones = ["4"];
      v.cluster.userPool.minCount = 20;
      v.sops.softDeleteRetentionDays = 1;
      v.apps.ref = {};
      v.github.hostname = "ghe.acme.example";
    });
    const keys = error.problems.map((p) => p.split(":")[1].split(" ")[0]);
    assert.deepEqual(
      keys.sort(),
      [
        "apps.ref",
        "cluster.userPool.minCount",
        "cluster.zones[0]",
        "flux.version",
        "github.knownHosts",
        "sops.softDeleteRetentionDays",
      ].sort(),
    );
    for (const line of error.message.split("\n")) assert.match(line, /^aks-flux-gitops:/);
  });

  it("never prints a kubeconfig, even in an error", () => {
    const error = rejection("dev", (v) => (v.cluster.existingKubeconfig = { insecure: "apiVersion: v1\nclusters: [secret-token-123]" }));
    assert.doesNotMatch(error.message, /secret-token-123/);
  });
});
