import assert from "node:assert/strict";
import { createPolicies } from "../policies";
import { engineEnvFor, resolverFor, resolverForStack } from "./support/engineEnv";
import { mutate, resourceOf, type Mutation, type Selector } from "./support/mutate";
import { messages, validateAll, type Outcome } from "./support/policyHarness";
import { resourceArgsForStack, stacks, type ConfigOverrides, type RecordedResource, type StackName } from "./support/resourceArgs";

const CLUSTER = "azure-native:containerservice:ManagedCluster";
const VAULT = "azure-native:keyvault:Vault";
const AGENT_POOL = "azure-native:containerservice:AgentPool";
const DEPLOY_KEY = "github:index/repositoryDeployKey:RepositoryDeployKey";
const REPOSITORY = "github:index/repository:Repository";
const SECRET = "kubernetes:core/v1:Secret";
const NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
/** The Flux source Secret (the infrastructure repository's SSH key), by its Kubernetes name. */
const FLUX_SOURCE_SECRET = { "metadata.name": "flux-system" };

const production: StackName[] = ["staging", "prod"];

/** What `pulumi preview --policy-pack policy` reports for `stack`, as the engine would start the pack. */
async function preview(stack: string, resources: readonly RecordedResource[], overrides?: ConfigOverrides): Promise<Outcome[]> {
  return validateAll(createPolicies(resolverForStack(stack, overrides)), resources, {}, stack);
}

function violationsOf(outcomes: readonly Outcome[]): { policy: string; enforcementLevel: string; message: string }[] {
  return outcomes.flatMap((o) => o.violations.map((message) => ({ policy: o.policy, enforcementLevel: o.enforcementLevel, message })));
}

function outcome(outcomes: readonly Outcome[], policy: string, resource: string): Outcome {
  const found = outcomes.find((o) => o.policy === policy && o.resource === resource);
  assert.ok(found, `no outcome of ${policy} for ${resource}`);
  return found;
}

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

interface Case {
  readonly title: string;
  readonly stacks: readonly StackName[];
  readonly type: string;
  /** Which resource of `type` to mutate (default: the first one, when any of them will do). */
  readonly which?: Selector;
  readonly mutations: readonly Mutation[];
  /** Stack config overrides (namespace keys without the prefix), applied before the mutation. */
  readonly overrides?: ConfigOverrides;
  readonly policy: string;
  readonly enforcementLevel?: "mandatory" | "advisory";
  readonly message: (stack: StackName, name: string) => string;
}

const cases: Case[] = [
  // AKS: Entra ID with Azure RBAC
  {
    title: "rejects a cluster without Entra ID integration",
    stacks,
    type: CLUSTER,
    mutations: [{ path: "aadProfile", value: undefined }],
    policy: "aks-entra-id-azure-rbac",
    message: (_s, n) =>
      `${CLUSTER} ${n}: aadProfile is unset; set aadProfile to { managed: true, enableAzureRBAC: true } (the AksCluster component does) so sign-in goes through Entra ID and cluster.adminGroupObjectIds get access through Azure RBAC`,
  },
  {
    title: "rejects legacy (unmanaged) Entra ID integration",
    stacks: ["prod"],
    type: CLUSTER,
    mutations: [{ path: "aadProfile.managed", value: false }],
    policy: "aks-entra-id-azure-rbac",
    message: (_s, n) =>
      `${CLUSTER} ${n}: aadProfile.managed is false; set aadProfile.managed to true (managed Entra ID integration, as the AksCluster component sets it)`,
  },
  {
    title: "rejects Entra ID without Azure RBAC",
    stacks,
    type: CLUSTER,
    mutations: [{ path: "aadProfile.enableAzureRBAC", value: false }],
    policy: "aks-entra-id-azure-rbac",
    message: (_s, n) =>
      `${CLUSTER} ${n}: aadProfile.enableAzureRBAC is false; set aadProfile.enableAzureRBAC to true so Kubernetes authorization goes through Azure role assignments instead of in-cluster RoleBindings nobody reviews`,
  },
  // AKS: local accounts (advisory in dev)
  {
    title: "rejects local accounts in a production-profile environment",
    stacks: production,
    type: CLUSTER,
    mutations: [{ path: "disableLocalAccounts", value: false }],
    policy: "aks-local-accounts-disabled",
    message: (_s, n) =>
      `${CLUSTER} ${n}: disableLocalAccounts is false; remove aks-flux-gitops:cluster.allowLocalAccounts (local accounts are only allowed in a development environment) so every kubeconfig comes from Entra ID through kubelogin`,
  },
  {
    title: "warns about local accounts in dev (advisory)",
    stacks: ["dev"],
    type: CLUSTER,
    mutations: [{ path: "disableLocalAccounts", value: false }],
    policy: "aks-local-accounts-disabled-development",
    enforcementLevel: "advisory",
    message: (_s, n) =>
      `${CLUSTER} ${n}: disableLocalAccounts is false; set aks-flux-gitops:cluster.allowLocalAccounts to false (the default) unless this development environment really needs the static admin kubeconfig; it bypasses Entra ID and cannot be revoked per user`,
  },
  {
    title: "rejects local accounts left unset (Azure enables them) in prod",
    stacks: ["prod"],
    type: CLUSTER,
    mutations: [{ path: "disableLocalAccounts", value: undefined }],
    policy: "aks-local-accounts-disabled",
    message: (_s, n) =>
      `${CLUSTER} ${n}: disableLocalAccounts is unset; remove aks-flux-gitops:cluster.allowLocalAccounts (local accounts are only allowed in a development environment) so every kubeconfig comes from Entra ID through kubelogin`,
  },
  // AKS: OIDC issuer and workload identity
  {
    title: "rejects a cluster without the OIDC issuer",
    stacks,
    type: CLUSTER,
    mutations: [{ path: "oidcIssuerProfile.enabled", value: false }],
    policy: "aks-workload-identity",
    message: (_s, n) =>
      `${CLUSTER} ${n}: oidcIssuerProfile.enabled is false; set oidcIssuerProfile.enabled to true (the AksCluster component does): workload identity federation needs the cluster's OIDC issuer`,
  },
  {
    title: "rejects a cluster without workload identity",
    stacks,
    type: CLUSTER,
    mutations: [{ path: "securityProfile", value: undefined }],
    policy: "aks-workload-identity",
    message: (_s, n) =>
      `${CLUSTER} ${n}: securityProfile.workloadIdentity.enabled is unset; set securityProfile.workloadIdentity.enabled to true so workloads get Entra ID tokens through federated credentials instead of stored secrets`,
  },
  // AKS: network policy engine
  {
    title: "rejects a cluster without a network policy engine",
    stacks,
    type: CLUSTER,
    mutations: [{ path: "networkProfile.networkPolicy", value: "none" }],
    policy: "aks-network-policy-engine",
    message: (_s, n) =>
      `${CLUSTER} ${n}: networkProfile.networkPolicy is "none"; set networkProfile.networkPolicy to "cilium" (with networkDataplane "cilium", as the AksCluster component does; azure, calico, cilium are engines): without one every NetworkPolicy is silently ignored`,
  },
  {
    title: "rejects a cluster whose network policy engine is unset",
    stacks: ["dev"],
    type: CLUSTER,
    mutations: [{ path: "networkProfile.networkPolicy", value: undefined }],
    policy: "aks-network-policy-engine",
    message: (_s, n) =>
      `${CLUSTER} ${n}: networkProfile.networkPolicy is unset; set networkProfile.networkPolicy to "cilium" (with networkDataplane "cilium", as the AksCluster component does; azure, calico, cilium are engines): without one every NetworkPolicy is silently ignored`,
  },
  // AKS: production-profile rules
  {
    title: "rejects the Free tier in staging and prod",
    stacks: production,
    type: CLUSTER,
    mutations: [{ path: "sku.tier", value: "Free" }],
    policy: "aks-standard-tier",
    message: (_s, n) =>
      `${CLUSTER} ${n}: sku.tier is "Free"; set aks-flux-gitops:cluster.skuTier to Standard (the production default): the Free tier has no API server uptime SLA and fewer API server resources`,
  },
  {
    title: "rejects a system pool without zones in staging and prod",
    stacks: production,
    type: CLUSTER,
    mutations: [{ path: "agentPoolProfiles.0.availabilityZones", value: [] }],
    policy: "aks-system-pool-zones",
    message: (_s, n) =>
      `${CLUSTER} ${n}: agentPoolProfiles[name=system].availabilityZones is []; set aks-flux-gitops:cluster.zones to ["1", "2", "3"] (the production default) so the system pool, and with it CoreDNS and Flux, survives the loss of a zone`,
  },
  {
    title: "rejects a separately added system node pool without zones in staging and prod",
    stacks: production,
    type: AGENT_POOL,
    mutations: [
      { path: "mode", value: "System" },
      { path: "availabilityZones", value: [] },
    ],
    policy: "aks-system-agent-pool-zones",
    message: (_s, n) =>
      `${AGENT_POOL} ${n}: availabilityZones is []; set aks-flux-gitops:cluster.zones to ["1", "2", "3"] (the production default): a system pool in one zone takes CoreDNS and Flux down with that zone`,
  },
  {
    title: "rejects a cluster without a System-mode pool in prod",
    stacks: ["prod"],
    type: CLUSTER,
    // The cluster's agentPoolProfiles hold only the system pool (the user pool is a separate AgentPool resource).
    mutations: [{ path: "agentPoolProfiles.0.mode", value: "User" }],
    policy: "aks-system-pool-zones",
    message: (_s, n) =>
      `${CLUSTER} ${n}: agentPoolProfiles is [{"name":"system","mode":"User"}]; add a node pool with mode "System" (the AksCluster component's system pool) spread over aks-flux-gitops:cluster.zones`,
  },
  {
    title: "rejects a public API server without authorized ranges in staging and prod",
    stacks: production,
    type: CLUSTER,
    mutations: [{ path: "apiServerAccessProfile", value: undefined }],
    policy: "aks-api-server-access",
    message: (_s, n) =>
      `${CLUSTER} ${n}: apiServerAccessProfile.authorizedIPRanges is unset; set aks-flux-gitops:cluster.authorizedIpRanges to your corporate and CI egress ranges, or aks-flux-gitops:cluster.privateCluster to true: the API server is otherwise reachable from the whole internet`,
  },
  {
    title: "rejects authorized ranges that admit the whole internet",
    stacks: ["prod"],
    type: CLUSTER,
    mutations: [{ path: "apiServerAccessProfile.authorizedIPRanges", value: ["203.0.113.0/24", "0.0.0.0/0"] }],
    policy: "aks-api-server-access",
    message: (_s, n) =>
      `${CLUSTER} ${n}: apiServerAccessProfile.authorizedIPRanges is ["203.0.113.0/24","0.0.0.0/0"]; remove 0.0.0.0/0 from aks-flux-gitops:cluster.authorizedIpRanges: a range broader than /8 lets (nearly) every address reach the API server; list your egress ranges`,
  },
  {
    title: "rejects the auto-upgrade channel none in staging and prod",
    stacks: production,
    type: CLUSTER,
    mutations: [{ path: "autoUpgradeProfile.upgradeChannel", value: "none" }],
    policy: "aks-auto-upgrade-channel",
    message: (_s, n) =>
      `${CLUSTER} ${n}: autoUpgradeProfile.upgradeChannel is "none"; set aks-flux-gitops:cluster.upgradeChannel to patch (the default) or node-image so the cluster receives security patches in its maintenance window`,
  },
  // Key Vault
  {
    title: "rejects a vault without RBAC authorization",
    stacks,
    type: VAULT,
    mutations: [{ path: "properties.enableRbacAuthorization", value: false }],
    policy: "keyvault-rbac-authorization",
    message: (_s, n) =>
      `${VAULT} ${n}: properties.enableRbacAuthorization is false; set properties.enableRbacAuthorization to true (the SopsAgeKey component does) and grant access with role assignments to aks-flux-gitops:sops.decrypterObjectIds`,
  },
  {
    title: "rejects a vault with soft delete off",
    stacks,
    type: VAULT,
    mutations: [{ path: "properties.enableSoftDelete", value: false }],
    policy: "keyvault-soft-delete",
    message: (_s, n) =>
      `${VAULT} ${n}: properties.enableSoftDelete is false; set properties.enableSoftDelete to true (or leave it unset, Azure's default): without it a deleted age key, and every secret encrypted to it, is gone at once`,
  },
  {
    title: "rejects a vault without purge protection in staging and prod",
    stacks: production,
    type: VAULT,
    mutations: [{ path: "properties.enablePurgeProtection", value: undefined }],
    policy: "keyvault-purge-protection",
    message: (_s, n) =>
      `${VAULT} ${n}: properties.enablePurgeProtection is unset; set aks-flux-gitops:sops.purgeProtection to true (the production default) so nobody can purge the vault and its age key before the soft-delete retention ends`,
  },
  {
    title: "rejects a vault with access policies",
    stacks,
    type: VAULT,
    mutations: [{ path: "properties.accessPolicies", value: [{ tenantId: "t", objectId: "o", permissions: { secrets: ["get"] } }] }],
    policy: "keyvault-no-access-policies",
    message: (_s, n) =>
      `${VAULT} ${n}: properties.accessPolicies is [{"objectId":"o","permissions":{"secrets":["get"]},"tenantId":"t"}]; remove the access policies and grant Key Vault Secrets User (or Officer) role assignments instead: access policies grant access outside Azure RBAC as soon as RBAC authorization is switched off, and mislead reviewers while it is on`,
  },
  // GitHub
  {
    title: "rejects a writable deploy key without image automation",
    stacks,
    type: DEPLOY_KEY,
    mutations: [{ path: "readOnly", value: false }],
    policy: "github-deploy-key-read-only",
    message: (s, n) =>
      `${DEPLOY_KEY} ${n}: readOnly is false; set readOnly to true: Flux only reads, and environment ${s} runs no image-automation controller (add image-automation-controller to aks-flux-gitops:flux.componentsExtra if it really must push)`,
  },
  {
    title: "rejects a writable apps deploy key even with image automation",
    stacks: ["prod"],
    type: DEPLOY_KEY,
    which: { repository: "fleet-apps" },
    overrides: { flux: { version: "v2.9.0", componentsExtra: ["image-reflector-controller", "image-automation-controller"] } },
    mutations: [{ path: "readOnly", value: false }],
    policy: "github-deploy-key-read-only",
    message: (_s, n) =>
      `${DEPLOY_KEY} ${n}: readOnly is false; set readOnly to true for repository fleet-apps: image automation pushes only to "fleet-infra" (aks-flux-gitops:flux.imageUpdateAutomation.repository)`,
  },
  {
    title: "rejects a public repository created by the program",
    stacks,
    type: REPOSITORY,
    overrides: {
      github: { owner: "acme-platform", infraRepository: "fleet-infra", appsRepository: "fleet-apps", createRepositories: true },
    },
    mutations: [{ path: "visibility", value: "public" }],
    policy: "github-repository-private",
    message: (_s, n) =>
      `${REPOSITORY} ${n}: visibility is "public"; set visibility to "private" (the program does when aks-flux-gitops:github.createRepositories is true): the fleet repositories describe the clusters and hold their SOPS-encrypted secrets`,
  },
  {
    title: "rejects a repository whose visibility is left to the provider's default (public)",
    stacks: ["dev"],
    type: REPOSITORY,
    which: { name: "fleet-apps" },
    overrides: {
      github: { owner: "acme-platform", infraRepository: "fleet-infra", appsRepository: "fleet-apps", createRepositories: true },
    },
    mutations: [{ path: "visibility", value: undefined }],
    policy: "github-repository-private",
    message: (_s, n) =>
      `${REPOSITORY} ${n}: visibility is unset; set visibility to "private" (the program does when aks-flux-gitops:github.createRepositories is true): the fleet repositories describe the clusters and hold their SOPS-encrypted secrets`,
  },
  // Kubernetes
  {
    title: "rejects a Secret outside the Flux namespace",
    stacks,
    type: SECRET,
    mutations: [{ path: "metadata.namespace", value: "default" }],
    policy: "kubernetes-secrets-in-flux-namespace",
    message: (_s, n) =>
      `${SECRET} ${n}: metadata.namespace is "default"; create the Secret in the Flux namespace "flux-system" (aks-flux-gitops:flux.namespace), or commit it SOPS-encrypted to Git for Flux to apply: a Secret the program creates elsewhere sits in Pulumi state and outside the GitOps review`,
  },
  {
    title: "rejects a Secret in the default Flux namespace when flux.namespace is another",
    stacks: ["staging"],
    type: SECRET,
    which: { "metadata.name": "sops-age" },
    overrides: { flux: { version: "v2.9.0", namespace: "gitops" } },
    mutations: [{ path: "metadata.namespace", value: "flux-system" }],
    policy: "kubernetes-secrets-in-flux-namespace",
    message: (_s, n) =>
      `${SECRET} ${n}: metadata.namespace is "flux-system"; create the Secret in the Flux namespace "gitops" (aks-flux-gitops:flux.namespace), or commit it SOPS-encrypted to Git for Flux to apply: a Secret the program creates elsewhere sits in Pulumi state and outside the GitOps review`,
  },
  {
    title: "rejects a Secret without a namespace (the provider's default)",
    stacks: ["prod"],
    type: SECRET,
    mutations: [{ path: "metadata.namespace", value: undefined }],
    policy: "kubernetes-secrets-in-flux-namespace",
    message: (_s, n) =>
      `${SECRET} ${n}: metadata.namespace is unset; create the Secret in the Flux namespace "flux-system" (aks-flux-gitops:flux.namespace), or commit it SOPS-encrypted to Git for Flux to apply: a Secret the program creates elsewhere sits in Pulumi state and outside the GitOps review`,
  },
  {
    title: "warns when a Flux network policy is missing (advisory)",
    stacks,
    type: NETWORK_POLICY,
    which: { "metadata.name": "allow-egress" },
    mutations: [{ path: "metadata.name", value: "renamed" }],
    policy: "flux-network-policies",
    enforcementLevel: "advisory",
    message: () =>
      `${NETWORK_POLICY} flux-system/allow-egress: presence in the stack is "missing"; keep Flux's network policies (the FluxBootstrap component creates them from the release manifests while aks-flux-gitops:flux.networkPolicy is true), or set aks-flux-gitops:flux.networkPolicy to false to opt out explicitly; it is the policy that admits ingress to the Flux controllers only from their own namespace; without it every pod in the cluster can reach them`,
  },
  {
    title: "warns when a Flux network policy sits in another namespace (advisory)",
    stacks: ["prod"],
    type: NETWORK_POLICY,
    which: { "metadata.name": "allow-webhooks" },
    mutations: [{ path: "metadata.namespace", value: "default" }],
    policy: "flux-network-policies",
    enforcementLevel: "advisory",
    message: () =>
      `${NETWORK_POLICY} flux-system/allow-webhooks: presence in the stack is "missing"; keep Flux's network policies (the FluxBootstrap component creates them from the release manifests while aks-flux-gitops:flux.networkPolicy is true), or set aks-flux-gitops:flux.networkPolicy to false to opt out explicitly; without it the set differs from Flux's and notification-controller's webhook receiver is unreachable`,
  },
];

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
      "aks-flux-gitops:flux.networkPolicy is false for environment prod",
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
