import assert from "node:assert/strict";
import * as path from "node:path";
import { createPolicies } from "../policies";
import { resolverForStack } from "./support/engineEnv";
import { messages, validateAll } from "./support/policyHarness";
import { projectRoot, resourceArgsForStack } from "./support/resourceArgs";

const NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

/** flux.installMode: operator (issue 20): the operator, not the stack, creates Flux's controllers and network policies. */
describe("policies in operator mode", () => {
  const overrides = {
    flux: {
      version: "v2.9.0",
      installMode: "operator",
      manifests: undefined,
      operator: { manifests: path.join(projectRoot, "test/fixtures/flux-operator/install.yaml") },
    },
  };

  for (const stack of ["dev", "prod"]) {
    it(`${stack}: passes every policy, and does not ask the stack for Flux's network policies`, async () => {
      const resources = await resourceArgsForStack(stack, overrides);
      assert.ok(
        resources.some((r) => r.type === "kubernetes:fluxcd.controlplane.io/v1:FluxInstance"),
        "a FluxInstance is registered",
      );
      assert.equal(resources.filter((r) => r.type === NETWORK_POLICY).length, 0);
      const outcomes = await validateAll(createPolicies(resolverForStack(stack, overrides)), resources, {}, stack);
      assert.deepEqual(messages(outcomes), []);
      const network = outcomes.find((o) => o.policy === "flux-network-policies");
      assert.match(network?.notApplicable ?? "", /flux\.installMode is operator/);
    });
  }
});
