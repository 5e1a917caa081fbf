import assert from "node:assert/strict";
import { createPolicies } from "../policies";
import { engineEnvFor, resolverFor } from "./support/engineEnv";
import { mutate, resourceOf } from "./support/mutate";
import { messages, validateAll } from "./support/policyHarness";
import { CLUSTER, FLUX_SOURCE_SECRET, NETWORK_POLICY, SECRET, VAULT, outcome, preview, violationsOf } from "./support/policyPreview";
import { resourceArgsForStack } from "./support/resourceArgs";

describe("the environment decides how strict the pack is", () => {
  it("treats prod as development when its stack opts into the development profile, and says so", async () => {
    const overrides = { profile: "development" };
    const resources = mutate(await resourceArgsForStack("prod"), CLUSTER, [{ path: "sku.tier", value: "Free" }]);
    const outcomes = await preview("prod", resources, overrides);
    assert.deepEqual(violationsOf(outcomes), [
      {
        policy: "development-profile-override",
        enforcementLevel: "advisory",
        message: `pulumi:pulumi:Stack aks-flux-gitops-prod: aks-flux-gitops:profile is "development"; remove it unless environment "prod" is disposable: the development profile drops the Standard tier, zone, API server, auto-upgrade and purge-protection policies and makes local accounts advisory`,
      },
    ]);
  });

  it("falls back to the environment tag, and says it guessed", async () => {
    const resources = mutate(await resourceArgsForStack("dev"), CLUSTER, [{ path: "disableLocalAccounts", value: false }]);
    const outcomes = await validateAll(createPolicies(resolverFor({})), resources);
    assert.deepEqual(
      violationsOf(outcomes).map((v) => [v.policy, v.enforcementLevel]),
      [
        ["aks-local-accounts-disabled-development", "advisory"],
        ["environment-known", "advisory"],
      ],
    );
    assert.match(
      messages(outcomes, "environment-known")[0],
      /^pulumi:pulumi:Stack aks-flux-gitops-dev: the environment the policies assumed is "dev \(development profile, from the resource's environment tag \(dev\); no stack name in the environment/,
    );
  });

  it("judges with the production profile when nothing is known", async () => {
    const resources = (await resourceArgsForStack("dev")).map((r) => ({ ...r, inputs: { ...r.inputs, tags: undefined } }));
    const outcomes = await validateAll(createPolicies(resolverFor({})), resources);
    // Which policies fire, not in which order (that follows the order resources are registered in).
    assert.deepEqual(
      [...new Set(violationsOf(outcomes).map((v) => v.policy))].sort(),
      ["aks-standard-tier", "aks-system-pool-zones", "aks-api-server-access", "keyvault-purge-protection", "environment-known"].sort(),
    );
  });

  it("uses the policy pack configuration when the engine passes no stack", async () => {
    const config = Object.fromEntries(createPolicies(resolverFor({})).map((p) => [p.name, { environment: "dev", profile: "development" }]));
    const outcomes = await validateAll(createPolicies(resolverFor({})), await resourceArgsForStack("dev"), config);
    assert.deepEqual(violationsOf(outcomes), []);
  });

  it("judges a staging stack started by the engine without PULUMI_CONFIG from its stack file", async () => {
    const { PULUMI_CONFIG: _omitted, ...env } = engineEnvFor("staging");
    const resources = mutate(await resourceArgsForStack("staging"), VAULT, [
      { path: "properties.enablePurgeProtection", value: undefined },
    ]);
    const outcomes = await validateAll(createPolicies(resolverFor(env)), resources);
    assert.deepEqual(
      violationsOf(outcomes).map((v) => v.policy),
      ["keyvault-purge-protection"],
    );
  });
});

describe("values as the engine sends them", () => {
  // The engine's own marker for an unknown string (see @pulumi/policy proxy.ts).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { unknownStringValue } = require("@pulumi/policy/proxy") as { unknownStringValue: unknown };

  it("leaves a resource policy unable to judge an unknown value (the engine reports that as advisory)", async () => {
    const recorded = await resourceArgsForStack("prod");
    const resources = mutate(recorded, SECRET, [{ path: "metadata.namespace", value: unknownStringValue }], FLUX_SOURCE_SECRET);
    const outcomes = await preview("prod", resources);
    assert.deepEqual(messages(outcomes), []);
    assert.match(
      outcome(outcomes, "kubernetes-secrets-in-flux-namespace", resourceOf(recorded, SECRET, FLUX_SOURCE_SECRET).name).unknown ?? "",
      /metadata\.namespace/,
    );
  });

  it("judges secret values by their plain value, as the analyzer unwraps them", async () => {
    const secret = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "default" };
    const recorded = await resourceArgsForStack("prod");
    const resources = mutate(recorded, SECRET, [{ path: "metadata.namespace", value: secret }], FLUX_SOURCE_SECRET);
    assert.deepEqual(
      messages(await preview("prod", resources)).map((m) => m.split(";")[0]),
      [`${SECRET} ${resourceOf(recorded, SECRET, FLUX_SOURCE_SECRET).name}: metadata.namespace is "default"`],
    );
  });

  it("counts a Flux network policy whose namespace is still unknown as present", async () => {
    const resources = mutate(await resourceArgsForStack("prod"), NETWORK_POLICY, [
      { path: "metadata.namespace", value: unknownStringValue },
    ]);
    const outcomes = await preview("prod", resources);
    assert.deepEqual(messages(outcomes), []);
  });
});
