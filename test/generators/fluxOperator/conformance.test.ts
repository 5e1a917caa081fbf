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
  fluxInstanceCelRules,
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

  it("passes the CRD's CEL rules (x-kubernetes-validations, read from the CRD and evaluated as written), and they can fail", function () {
    requireSharedOperator(this);
    const has = (o: any, k: string) => o !== null && o !== undefined && Object.prototype.hasOwnProperty.call(o, k);
    // Each rule of v0.58.1 as written in the CRD, in JavaScript; `self` is the object at the rule's path.
    const evaluators: Record<string, (self: any) => boolean> = {
      "self.metadata.name == 'flux'": (self) => self.metadata.name === "flux",
      "!has(self.sharding) || !has(self.sharding.storage) || self.sharding.storage != 'persistent' || has(self.storage)": (self) =>
        !has(self, "sharding") || !has(self.sharding, "storage") || self.sharding.storage !== "persistent" || has(self, "storage"),
      "(has(self.objectLevelWorkloadIdentity) && self.objectLevelWorkloadIdentity) || !has(self.multitenantWorkloadIdentity) || !self.multitenantWorkloadIdentity":
        (self) =>
          (has(self, "objectLevelWorkloadIdentity") && self.objectLevelWorkloadIdentity) ||
          !has(self, "multitenantWorkloadIdentity") ||
          !self.multitenantWorkloadIdentity,
      "!has(self.provider) || self.provider != 'gcp' || self.kind == 'OCIRepository' || self.kind == 'Bucket'": (self) =>
        !has(self, "provider") || self.provider !== "gcp" || self.kind === "OCIRepository" || self.kind === "Bucket",
      "!has(self.provider) || self.provider != 'github' || self.kind == 'GitRepository'": (self) =>
        !has(self, "provider") || self.provider !== "github" || self.kind === "GitRepository",
      // A transition rule (sync.name is immutable): the program never sets sync.name.
      "self == oldSelf": () => true,
    };
    const rules = fluxInstanceCelRules(readFileSync(SHARED_OPERATOR_INSTALL, "utf8"));
    assert.ok(rules.length >= 5, `${rules.length} rules`);
    const at = (object: any, path: string) => path.split(".").reduce((o, k) => (k === "" ? o : o?.[k]), object);
    const failing = (object: any) =>
      rules.filter(({ path, rule }) => {
        const evaluate = evaluators[rule];
        assert.ok(evaluate, `the CRD has a rule this test cannot evaluate yet: ${rule} (at ${path || "the root"})`);
        const self = at(object, path);
        return self !== undefined && !evaluate(self);
      });
    const variants = [options, { ...options, multitenant: false, clusterType: "kubernetes" as const, patches: [] }];
    for (const variant of variants) assert.deepEqual(failing(fluxInstanceObject(variant)), []);
    const renamed = fluxInstanceObject(options) as any;
    renamed.metadata.name = "other";
    assert.deepEqual(
      failing(renamed).map((r) => r.rule),
      ["self.metadata.name == 'flux'"],
    );
  });

  it("rejects fields the CRD does not list (the API server would prune them silently)", function () {
    requireSharedOperator(this);
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(fluxInstanceSchema(readFileSync(SHARED_OPERATOR_INSTALL, "utf8")));
    const misspelt = fluxInstanceObject(options) as any;
    misspelt.spec.sync.pullsecret = misspelt.spec.sync.pullSecret;
    delete misspelt.spec.sync.pullSecret;
    assert.equal(validate(misspelt), false);
    assert.match(ajv.errorsText(validate.errors), /must NOT have additional properties/);
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
