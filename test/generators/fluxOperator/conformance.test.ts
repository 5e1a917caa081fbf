import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import Ajv from "ajv";
import { fluxInstanceObject, type FluxInstanceOptions } from "../../../generators/fluxOperator/fluxInstance";
import { operatorImageVersion, operatorInstallObjects } from "../../../generators/fluxOperator/operatorObjects";
import { readReleaseLock } from "../../../release/releaseLock";
import { OPERATOR_LOCK_FILE, resolveOperatorManifests } from "../../../release/operatorRelease";
import {
  fluxInstanceSchema,
  loadOperatorManifests,
  requireSharedOperator,
  SHARED_OPERATOR_INSTALL,
} from "../../support/sharedFluxOperator";

const options: FluxInstanceOptions = {
  namespace: "flux-system",
  version: "2.9.0",
  registry: "ghcr.io/fluxcd",
  imagePullSecret: "",
  components: [
    "source-controller",
    "kustomize-controller",
    "helm-controller",
    "notification-controller",
    "image-reflector-controller",
    "image-automation-controller",
    "source-watcher",
  ],
  clusterType: "azure",
  networkPolicy: true,
  clusterDomain: "cluster.local",
  multitenant: true,
  sync: {
    url: "ssh://git@github.com/acme/fleet-infra",
    ref: { tag: "infra-v1.0.0" },
    path: "clusters/prod",
    interval: "1m0s",
    pullSecret: "flux-system",
  },
  patches: [
    {
      patch: "- op: add\n  path: /spec/template/spec/containers/0/args/-\n  value: --concurrent=10\n",
      target: { kind: "Deployment", name: "kustomize-controller" },
    },
  ],
};

/** Against the Flux Operator v0.58.1 release's install.yaml in ../shared (reference data; skipped without it). */
describe("generators/fluxOperator conformance with the Flux Operator v0.58.1 install.yaml (../shared)", () => {
  it("validates FluxInstances against the CRD's openAPIV3Schema (fluxinstances.fluxcd.controlplane.io), and the check can fail", function () {
    requireSharedOperator(this);
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(fluxInstanceSchema(readFileSync(SHARED_OPERATOR_INSTALL, "utf8")));
    for (const variant of [
      options,
      { ...options, version: "2.x", imagePullSecret: "regcred", patches: [], multitenant: false, clusterType: "kubernetes" as const },
    ]) {
      const instance = fluxInstanceObject(variant);
      assert.ok(validate(instance), ajv.errorsText(validate.errors));
    }
    const bad = fluxInstanceObject(options) as any;
    bad.spec.sync.kind = "HelmRepository";
    assert.equal(validate(bad), false);
  });

  it("reads the real install.yaml: Namespace, the four CRDs, the operator's Deployment of v0.58.1, in apply order", function () {
    requireSharedOperator(this);
    const objects = operatorInstallObjects(loadOperatorManifests(SHARED_OPERATOR_INSTALL), { namespace: "flux-system" });
    assert.equal(objects[0].kind, "Namespace");
    const crds = objects.filter((o) => o.kind === "CustomResourceDefinition").map((o) => o.metadata.name);
    assert.deepEqual(crds.sort(), [
      "fluxinstances.fluxcd.controlplane.io",
      "fluxreports.fluxcd.controlplane.io",
      "resourcesetinputproviders.fluxcd.controlplane.io",
      "resourcesets.fluxcd.controlplane.io",
    ]);
    assert.deepEqual(
      objects.slice(1, 5).map((o) => o.kind),
      Array(4).fill("CustomResourceDefinition"),
    );
    assert.equal(operatorImageVersion(objects), "v0.58.1");
    const moved = operatorInstallObjects(loadOperatorManifests(SHARED_OPERATOR_INSTALL), { namespace: "gitops" });
    assert.ok(
      !JSON.stringify(moved.filter((o) => o.kind !== "CustomResourceDefinition")).includes("flux-system"),
      "nothing but CRDs mentions flux-system once moved",
    );
  });

  it("locks v0.58.1 at the digest of the reference copy, which resolves as a local copy", async function () {
    requireSharedOperator(this);
    const digest = createHash("sha256").update(readFileSync(SHARED_OPERATOR_INSTALL)).digest("hex");
    assert.equal(readReleaseLock(OPERATOR_LOCK_FILE).releases["v0.58.1"].sha256, digest);
    const resolved = await resolveOperatorManifests({
      version: "v0.58.1",
      cacheDir: "/nonexistent",
      localPath: path.dirname(SHARED_OPERATOR_INSTALL),
    });
    assert.equal(resolved.installYaml, readFileSync(SHARED_OPERATOR_INSTALL, "utf8"));
  });
});
