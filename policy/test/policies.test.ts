import assert from "node:assert/strict";
import { aksCases } from "./cases/aksCases";
import { resourceCases } from "./cases/resourceCases";
import { mutate, resourceOf } from "./support/mutate";
import { messages } from "./support/policyHarness";
import { CLUSTER, DEPLOY_KEY, NETWORK_POLICY, REPOSITORY, SECRET, VAULT, outcome, preview, violationsOf } from "./support/policyPreview";
import { resourceArgsForStack, stacks } from "./support/resourceArgs";

const cases = [...aksCases, ...resourceCases];

describe("policies against the real stack configs", () => {
  for (const stack of stacks) {
    it(`passes ${stack} as configured`, async () => {
      const resources = await resourceArgsForStack(stack);
      const outcomes = await preview(stack, resources);
      assert.deepEqual(violationsOf(outcomes), []);
      assert.deepEqual(
        outcomes.filter((o) => o.unknown !== undefined),
        [],
      );
      // Each resource type the program creates that a resource policy targets is judged by at least one.
      // (Not every type: e.g. the separate user pool, azure-native:containerservice:AgentPool, is judged by none.)
      for (const type of [CLUSTER, VAULT, DEPLOY_KEY, SECRET]) {
        assert.ok(
          outcomes.some((o) => o.resource === resourceOf(resources, type).name && o.notApplicable === undefined),
          `nothing judged ${type}`,
        );
      }
    });
  }

  it("applies the production-only policies to staging and prod, not to dev (development profile)", async () => {
    for (const stack of stacks) {
      const resources = await resourceArgsForStack(stack);
      const outcomes = await preview(stack, resources);
      const cluster = resourceOf(resources, CLUSTER).name;
      for (const policy of [
        "aks-standard-tier",
        "aks-system-pool-zones",
        "aks-api-server-access",
        "aks-auto-upgrade-channel",
        "aks-local-accounts-disabled",
      ]) {
        const applicable = outcome(outcomes, policy, cluster).notApplicable === undefined;
        assert.equal(applicable, stack !== "dev", `${policy} on ${stack}`);
      }
      assert.equal(outcome(outcomes, "aks-local-accounts-disabled-development", cluster).notApplicable === undefined, stack === "dev");
      assert.equal(
        outcome(outcomes, "keyvault-purge-protection", resourceOf(resources, VAULT).name).notApplicable === undefined,
        stack !== "dev",
      );
    }
  });
});

describe("policies report each unsafe change with the resource, property, value and fix", () => {
  for (const c of cases) {
    for (const stack of c.stacks) {
      it(`${c.title} (${stack})`, async () => {
        const base = await resourceArgsForStack(stack, c.overrides);
        const name = resourceOf(base, c.type, c.which).name;
        const outcomes = await preview(stack, mutate(base, c.type, c.mutations, c.which), c.overrides);
        assert.deepEqual(violationsOf(outcomes), [
          { policy: c.policy, enforcementLevel: c.enforcementLevel ?? "mandatory", message: c.message(stack, name) },
        ]);
      });
    }
  }

  it("judges explicit azure-native API versions like the default ones", async () => {
    const recorded = await resourceArgsForStack("prod");
    const cluster = resourceOf(recorded, CLUSTER).name;
    const resources = recorded.map((r) =>
      r.type === CLUSTER
        ? {
            ...r,
            type: "azure-native:containerservice/v20250301:ManagedCluster",
            inputs: { ...r.inputs, sku: { name: "Base", tier: "Free" } },
          }
        : r,
    );
    const outcomes = await preview("prod", resources);
    assert.deepEqual(messages(outcomes), [
      `azure-native:containerservice/v20250301:ManagedCluster ${cluster}: sku.tier is "Free"; set aks-flux-gitops:cluster.skuTier to Standard (the production default): the Free tier has no API server uptime SLA and fewer API server resources`,
    ]);
  });

  it("accepts a production system pool without zones in a region that has none (config/azureRegions.ts)", async () => {
    const overrides = { azure: { location: "northcentralus" }, cluster: { authorizedIpRanges: ["52.174.0.0/24"] } };
    const resources = await resourceArgsForStack("prod", overrides);
    assert.deepEqual(
      (resourceOf(resources, CLUSTER).inputs.agentPoolProfiles as { availabilityZones?: string[] }[])[0].availabilityZones,
      undefined,
    );
    assert.deepEqual(messages(await preview("prod", resources, overrides)), []);
  });

  it("accepts a private cluster instead of authorized ranges", async () => {
    const resources = mutate(await resourceArgsForStack("prod"), CLUSTER, [
      { path: "apiServerAccessProfile", value: { enablePrivateCluster: true } },
    ]);
    assert.deepEqual(messages(await preview("prod", resources)), []);
  });

  it("accepts the infrastructure repository's writable deploy key when image automation is configured", async () => {
    const overrides = { flux: { version: "v2.9.0", componentsExtra: ["image-reflector-controller", "image-automation-controller"] } };
    const resources = await resourceArgsForStack("prod", overrides);
    assert.equal(resourceOf(resources, DEPLOY_KEY).inputs.readOnly, false);
    assert.deepEqual(messages(await preview("prod", resources, overrides)), []);
  });

  it("accepts the program's private repositories and the provider's deprecated private: true", async () => {
    const overrides = {
      github: { owner: "acme-platform", infraRepository: "fleet-infra", appsRepository: "fleet-apps", createRepositories: true },
    };
    const resources = mutate(await resourceArgsForStack("staging", overrides), REPOSITORY, [
      { path: "visibility", value: undefined },
      { path: "private", value: true },
    ]);
    assert.deepEqual(messages(await preview("staging", resources, overrides)), []);
  });

  it("does not ask for Flux network policies when flux.networkPolicy is false", async () => {
    const overrides = { flux: { version: "v2.9.0", networkPolicy: false } };
    const resources = await resourceArgsForStack("prod", overrides);
    assert.equal(resources.filter((r) => r.type === NETWORK_POLICY).length, 0);
    const outcomes = await preview("prod", resources, overrides);
    assert.deepEqual(messages(outcomes), []);
    assert.equal(
      outcome(outcomes, "flux-network-policies", "(stack)").notApplicable,
      "aks-flux-gitops:flux.networkPolicy is false, or flux.installMode is operator (the operator creates them), for environment prod",
    );
  });

  it("reports every missing Flux network policy, each by name", async () => {
    const resources = (await resourceArgsForStack("dev")).filter((r) => r.type !== NETWORK_POLICY);
    const reported = messages(await preview("dev", resources), "flux-network-policies");
    assert.deepEqual(
      reported.map((m) => m.slice(0, m.indexOf(': presence in the stack is "missing"; '))),
      ["allow-egress", "allow-scraping", "allow-webhooks"].map((name) => `${NETWORK_POLICY} flux-system/${name}`),
    );
  });
});
