import assert from "node:assert/strict";
import { ContextResolver } from "../environment";
import { createPolicies } from "../policies";
import { engineEnvFor } from "./support/engineEnv";
import { mutate, resourceOf } from "./support/mutate";
import { PackProcess } from "./support/packProcess";
import { resourceArgsForStack } from "./support/resourceArgs";

/** Every policy of the pack with its enforcement level, as the engine lists them. */
const expectedPolicies: [string, string][] = [
  ["aks-entra-id-azure-rbac", "mandatory"],
  ["aks-local-accounts-disabled", "mandatory"],
  ["aks-local-accounts-disabled-development", "advisory"],
  ["aks-workload-identity", "mandatory"],
  ["aks-network-policy-engine", "mandatory"],
  ["aks-standard-tier", "mandatory"],
  ["aks-system-pool-zones", "mandatory"],
  ["aks-system-agent-pool-zones", "mandatory"],
  ["aks-api-server-access", "mandatory"],
  ["aks-auto-upgrade-channel", "mandatory"],
  ["keyvault-rbac-authorization", "mandatory"],
  ["keyvault-soft-delete", "mandatory"],
  ["keyvault-purge-protection", "mandatory"],
  ["keyvault-no-access-policies", "mandatory"],
  ["github-deploy-key-read-only", "mandatory"],
  ["github-repository-private", "mandatory"],
  ["github-webhook-signed-https", "mandatory"],
  ["kubernetes-secrets-in-flux-namespace", "mandatory"],
  ["flux-network-policies", "advisory"],
  ["environment-known", "advisory"],
  ["development-profile-override", "advisory"],
];

const CLUSTER = "azure-native:containerservice:ManagedCluster";

function descriptionOf(policy: string): string {
  const found = createPolicies(new ContextResolver({ note: "" })).find((p) => p.name === policy);
  assert.ok(found, policy);
  return found.description;
}

describe("the pack as the Pulumi CLI runs it (run-policy-pack, Analyzer gRPC on loopback)", function () {
  this.timeout(600_000);
  let prod: PackProcess | undefined;
  let unconfigured: PackProcess | undefined;

  before(async () => {
    // Type-checking the pack takes a few seconds; start both at once.
    const started = await Promise.allSettled([PackProcess.start(engineEnvFor("prod")), PackProcess.start({})]);
    [prod, unconfigured] = started.map((s) => (s.status === "fulfilled" ? s.value : undefined));
    const failed = started.find((s) => s.status === "rejected");
    if (failed !== undefined) throw failed.reason;
  });

  after(async () => {
    await Promise.all([prod?.stop(), unconfigured?.stop()]);
  });

  it("loads and lists every policy with its enforcement level", async () => {
    const info = await (prod as PackProcess).info();
    assert.equal(info.name, "aks-flux-gitops");
    assert.equal(info.version, "0.1.0");
    assert.deepEqual(info.policies, expectedPolicies);
    assert.deepEqual(
      createPolicies(new ContextResolver({ note: "" })).map((p) => [p.name, p.enforcementLevel]),
      expectedPolicies,
    );
  });

  it("judges a resource with the stack configuration the engine passed (prod: production profile)", async () => {
    const cluster = resourceOf(mutate(await resourceArgsForStack("prod"), CLUSTER, [{ path: "sku.tier", value: "Free" }]), CLUSTER);
    // The engine shows the policy's description above the message.
    assert.deepEqual(await (prod as PackProcess).analyze(cluster, "prod"), [
      {
        policy: "aks-standard-tier",
        enforcementLevel: "mandatory",
        message: `${descriptionOf("aks-standard-tier")}\n${CLUSTER} ${cluster.name}: sku.tier is "Free"; set aks-flux-gitops:cluster.skuTier to Standard (the production default): the Free tier has no API server uptime SLA and fewer API server resources`,
      },
    ]);
    for (const resource of await resourceArgsForStack("prod")) {
      assert.deepEqual(await (prod as PackProcess).analyze(resource, "prod"), [], resource.name);
    }
  });

  it("judges the whole stack at the end of a preview", async () => {
    const resources = (await resourceArgsForStack("prod")).filter(
      (r) => !(r.type.endsWith(":NetworkPolicy") && JSON.stringify(r.inputs.metadata ?? {}).includes('"allow-scraping"')),
    );
    const found = await (prod as PackProcess).analyzeStack(resources, "prod");
    assert.deepEqual(
      found.map((d) => [d.policy, d.enforcementLevel]),
      [["flux-network-policies", "advisory"]],
    );
    const [description, message] = found[0].message.split("\n");
    assert.equal(description, descriptionOf("flux-network-policies"));
    assert.match(
      message,
      /^kubernetes:networking\.k8s\.io\/v1:NetworkPolicy flux-system\/allow-scraping: presence in the stack is "missing"; /,
    );
  });

  it("falls back to policy pack configuration when started without a stack", async () => {
    const pack = unconfigured as PackProcess;
    const untagged = resourceOf(await resourceArgsForStack("dev"), CLUSTER);
    const cluster = { ...untagged, inputs: { ...untagged.inputs, tags: {} } };
    const before = await pack.analyze(cluster, "dev");
    assert.deepEqual(
      before.map((d) => d.policy),
      ["aks-standard-tier", "aks-system-pool-zones", "aks-api-server-access"],
    );
    const names = expectedPolicies.map(([name]) => name);
    await pack.configure(Object.fromEntries(names.map((name) => [name, { environment: "dev", profile: "development" }])));
    assert.deepEqual(await pack.analyze(cluster, "dev"), []);
  });
});
