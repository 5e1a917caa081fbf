import assert from "node:assert/strict";
import { ConfigError } from "../../config/errors";
import { defaultCacheDir, valuesFromEngine } from "../../config/sources";
import { minimalValues, resolveStack, resolveValues, stackNames } from "./fixtures";
import { githubDotComKnownHosts } from "../../generators/ssh/githubHostKeys";
import { byoKubeconfig } from "../support/byoKubeconfig";

describe("config: the shipped stack files", () => {
  for (const stack of stackNames) {
    it(`${stack} is valid and frozen`, () => {
      const cfg = resolveStack(stack);
      assert.equal(cfg.environment, stack);
      assert.ok(Object.isFrozen(cfg) && Object.isFrozen(cfg.cluster) && Object.isFrozen(cfg.cluster.zones));
      assert.throws(() => ((cfg.flux as { version: string }).version = "v0.0.1"), TypeError);
    });
  }

  it("dev is the cheapest sensible cluster following main every minute", () => {
    const cfg = resolveStack("dev");
    assert.equal(cfg.profile, "development");
    assert.equal(cfg.cluster.skuTier, "Free");
    assert.deepEqual(cfg.cluster.systemPool, { vmSize: "Standard_D2ads_v5", count: 1 });
    assert.equal(cfg.cluster.userPool, undefined);
    assert.deepEqual(cfg.cluster.zones, []);
    assert.deepEqual(cfg.apps.ref, { branch: "main" });
    assert.equal(cfg.apps.interval, "1m0s");
    assert.equal(cfg.sops.purgeProtection, false);
  });

  for (const stack of ["staging", "prod"]) {
    it(`${stack} is production-shaped and pins apps to a tag`, () => {
      const cfg = resolveStack(stack);
      assert.equal(cfg.profile, "production");
      assert.equal(cfg.cluster.skuTier, "Standard");
      assert.deepEqual(cfg.cluster.zones, ["1", "2", "3"]);
      assert.ok(cfg.cluster.userPool && cfg.cluster.userPool.minCount < cfg.cluster.userPool.maxCount);
      assert.ok("tag" in cfg.apps.ref && cfg.apps.ref.tag.startsWith(`${stack}-v`));
      assert.equal(cfg.sops.purgeProtection, true);
      assert.equal(cfg.cluster.monitoring, true);
    });
  }

  it("two-repository layout with pinned GitHub host keys", () => {
    const cfg = resolveStack("dev");
    assert.equal(cfg.github.monorepo, false);
    assert.equal(cfg.github.knownHosts, githubDotComKnownHosts(), "GitHub's published keys shipped with the program");
    assert.equal(cfg.github.knownHosts.split("\n").filter(Boolean).length, 3);
  });
});

describe("config: defaults for a new environment", () => {
  it("a new stack (qa) needs no code: production profile, safe defaults", () => {
    const cfg = resolveValues("qa", minimalValues());
    assert.equal(cfg.environment, "qa");
    assert.equal(cfg.profile, "production");
    assert.equal(cfg.cluster.skuTier, "Standard");
    assert.equal(cfg.cluster.allowLocalAccounts, false);
    assert.equal(cfg.sops.purgeProtection, true);
    assert.equal(cfg.apps.path, "./apps/overlays/qa");
    assert.equal(cfg.azure.resourceGroupName, "rg-aks-flux-gitops-qa");
    assert.equal(cfg.cluster.name, "aks-qa");
  });

  it("a development profile can be chosen explicitly", () => {
    const cfg = resolveValues("sandbox", { ...minimalValues(), environment: "sandbox", profile: "development" });
    assert.equal(cfg.cluster.skuTier, "Free");
    assert.equal(cfg.sops.softDeleteRetentionDays, 7);
  });

  it("no apps repository means a monorepo, and flux follows github.branch", () => {
    const cfg = resolveValues("qa", { ...minimalValues(), github: { owner: "acme", infraRepository: "fleet", branch: "trunk" } });
    assert.equal(cfg.github.monorepo, true);
    assert.equal(cfg.github.appsRepository, "fleet");
    assert.deepEqual(cfg.flux.ref, { branch: "trunk" });
    assert.deepEqual(cfg.apps.ref, { branch: "trunk" });
  });

  it("durations are written the way Flux writes them", () => {
    const cfg = resolveValues("qa", { ...minimalValues(), flux: { interval: "90s" }, apps: { interval: "1h" } });
    assert.equal(cfg.flux.interval, "1m30s");
    assert.equal(cfg.apps.interval, "1h0m0s");
  });

  it("image automation makes the infra key read-write and merges components as flux does", () => {
    const cfg = resolveValues("qa", {
      ...minimalValues(),
      flux: { componentsExtra: ["image-reflector-controller", "image-automation-controller"] },
    });
    assert.equal(cfg.flux.imageAutomation, true);
    assert.deepEqual(cfg.flux.components.slice(-2), ["image-reflector-controller", "image-automation-controller"]);
  });

  it("an existing kubeconfig switches to bring-your-own mode and stays secret", () => {
    const cfg = resolveValues(
      "qa",
      { ...minimalValues(), cluster: { existingKubeconfig: byoKubeconfig("token-xyz") } },
      new Set(["cluster"]),
    );
    assert.equal(cfg.cluster.mode, "existing");
    assert.equal(cfg.cluster.existingKubeconfig?.reveal()?.includes("token-xyz"), true);
    assert.doesNotMatch(JSON.stringify(cfg), /token-xyz/);
    assert.doesNotMatch(String(cfg.cluster.existingKubeconfig), /token-xyz/);
  });

  it("an encrypted kubeconfig in a stack file is known to be set without being readable", () => {
    const cfg = resolveValues("qa", { ...minimalValues(), cluster: { existingKubeconfig: { secure: "v1:abc" } } });
    assert.equal(cfg.cluster.mode, "existing");
    assert.equal(cfg.cluster.existingKubeconfig?.reveal(), undefined);
  });

  it("rejects a stack name that cannot be an environment name unless one is set", () => {
    assert.throws(
      () => resolveValues("Prod_EU", minimalValues()),
      (e: unknown) => e instanceof ConfigError && /aks-flux-gitops:environment: "Prod_EU" \(the stack name/.test(e.message),
    );
    assert.equal(resolveValues("Prod_EU", { ...minimalValues(), environment: "prod-eu" }).environment, "prod-eu");
  });
});

describe("config: sources", () => {
  it("reads the engine's config: objects as JSON, other namespaces ignored", () => {
    const values = valuesFromEngine({
      "aks-flux-gitops:github": '{"owner":"acme","infraRepository":"fleet"}',
      "aks-flux-gitops:environment": "qa",
      "azure-native:location": "westeurope",
    });
    assert.deepEqual(values, { github: { owner: "acme", infraRepository: "fleet" }, environment: "qa" });
  });

  it("caches under XDG_CACHE_HOME when set, else ~/.cache", () => {
    assert.equal(defaultCacheDir({ XDG_CACHE_HOME: "/x/cache" }), "/x/cache/aks-flux-gitops");
    assert.match(defaultCacheDir({}), /\/\.cache\/aks-flux-gitops$/);
  });
});
