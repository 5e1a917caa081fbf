import assert from "node:assert/strict";
import { parse, parseAllDocuments } from "yaml";
import { clusterSettingsConfigMap } from "../../../generators/wiring/clusterSettings";
import { overlayEntryPoint, stackOwnedManifest } from "../../../generators/wiring/files";
import { environmentLayout, fluxPath } from "../../../generators/wiring/layout";
import { environmentKustomization } from "../../../generators/wiring/reconciliation";

describe("generators/wiring", () => {
  it("puts every path of an environment under its name, Flux's files under clusters/<env>/<flux namespace>", () => {
    const layout = environmentLayout("staging", "./apps/overlays/staging", "flux-system");
    assert.deepEqual(
      [layout.clusterDir, layout.fluxSystemDir, layout.infrastructureDir, layout.layerDir("platform"), layout.appsDir],
      [
        "clusters/staging",
        "clusters/staging/flux-system",
        "infrastructure/overlays/staging",
        "platform/overlays/staging",
        "apps/overlays/staging",
      ],
    );
    assert.equal(fluxPath("apps/overlays/staging"), "./apps/overlays/staging");
    assert.equal(fluxPath("./apps/overlays/staging"), "./apps/overlays/staging");
  });

  it("reconciles an environment's content with prune, wait, SOPS decryption and cluster-settings substitution, after its dependencies", () => {
    const kustomization = environmentKustomization({
      name: "apps",
      namespace: "flux-system",
      dir: "apps/overlays/dev",
      sourceName: "apps",
      dependsOn: ["infrastructure"],
      serviceAccountName: "apps-reconciler",
    });
    const spec = kustomization.spec as Record<string, any>;
    assert.deepEqual(spec.dependsOn, [{ name: "infrastructure" }]);
    assert.deepEqual([spec.path, spec.prune, spec.wait, spec.serviceAccountName], ["./apps/overlays/dev", true, true, "apps-reconciler"]);
    assert.deepEqual(spec.decryption, { provider: "sops", secretRef: { name: "sops-age" } });
    assert.deepEqual(spec.postBuild, { substituteFrom: [{ kind: "ConfigMap", name: "cluster-settings" }] });
    assert.deepEqual(spec.sourceRef, { kind: "GitRepository", name: "apps" });
    const first = environmentKustomization({
      name: "infrastructure",
      namespace: "flux-system",
      dir: "infrastructure/overlays/dev",
      sourceName: "flux-system",
    }).spec as Record<string, any>;
    assert.equal("dependsOn" in first || "serviceAccountName" in first, false);
  });

  it("exposes the cluster settings under their substitution variables", () => {
    const settings = {
      environment: "dev",
      clusterName: "aks-dev",
      resourceGroup: "rg-dev",
      region: "westeurope",
      subscriptionId: "sub",
      tenantId: "tenant",
      oidcIssuerUrl: "https://issuer/",
      keyVaultName: "kv",
      keyVaultUri: "https://kv/",
      sopsAgeRecipient: "age1x",
    };
    const configMap = clusterSettingsConfigMap("flux-system", settings);
    assert.deepEqual(configMap.metadata, { name: "cluster-settings", namespace: "flux-system" });
    assert.deepEqual(configMap.data, {
      ENVIRONMENT: "dev",
      CLUSTER_NAME: "aks-dev",
      RESOURCE_GROUP: "rg-dev",
      AZURE_REGION: "westeurope",
      AZURE_SUBSCRIPTION_ID: "sub",
      AZURE_TENANT_ID: "tenant",
      OIDC_ISSUER_URL: "https://issuer/",
      KEY_VAULT_NAME: "kv",
      KEY_VAULT_URI: "https://kv/",
      SOPS_AGE_RECIPIENT: "age1x",
    });
  });

  it("marks the stack's files as overwritten by the next up, and the team's entry points as theirs, an empty Kustomization", () => {
    const manifest = stackOwnedManifest("dev", [
      clusterSettingsConfigMap("flux-system", {
        environment: "dev",
        clusterName: "c",
        resourceGroup: "r",
        region: "x",
        subscriptionId: "s",
        tenantId: "t",
        oidcIssuerUrl: "o",
        keyVaultName: "k",
        keyVaultUri: "u",
        sopsAgeRecipient: "a",
      }),
    ]);
    assert.match(manifest, /^# Managed by aks-flux-gitops \(stack dev\): changes here are overwritten by the next pulumi up\.\n---\n/);
    assert.equal(parseAllDocuments(manifest)[0].toJS().kind, "ConfigMap");
    const entry = overlayEntryPoint({ environment: "dev", what: "apps" });
    assert.match(entry, /^# Entry point of the apps for the dev environment\.\n.*never overwritten/);
    assert.deepEqual(parse(entry), { apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization", resources: [] });
  });
});
