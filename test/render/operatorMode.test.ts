import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import Ajv from "ajv";
import { parseAllDocuments } from "yaml";
import { renderEnvironment, type RenderedFile } from "../../render/renderEnvironment";
import {
  FIXTURE_OPERATOR_INSTALL,
  fluxInstanceSchema,
  loadOperatorManifests,
  requireSharedOperator,
  SHARED_OPERATOR_INSTALL,
} from "../support/sharedFluxOperator";
import { layouts, releaseForRender, stackConfig, writeTree } from "./renderSupport";
import { requireTool, runTool } from "../support/realTools";

/** Operator mode as a stack file writes it: the mode, nothing else changed. */
const operatorMode = (v: Record<string, any>) => (v.flux = { ...v.flux, installMode: "operator" });
const docs = (file: RenderedFile | undefined) => parseAllDocuments(file?.content ?? "").map((d) => d.toJS() as any);
/** The real operator install.yaml from ../shared when present, else the small fixture. */
const operatorManifests = () =>
  loadOperatorManifests(existsSync(SHARED_OPERATOR_INSTALL) ? SHARED_OPERATOR_INSTALL : FIXTURE_OPERATOR_INSTALL);

describe("render: flux.installMode operator", () => {
  for (const [layout, mutate] of Object.entries(layouts)) {
    for (const stack of ["dev", "prod"]) {
      describe(`${stack}, ${layout}`, () => {
        const cfg = stackConfig(stack, (v) => (mutate(v), operatorMode(v)));
        const rendered = renderEnvironment(cfg, operatorManifests());
        const byPath = new Map(rendered.map((f) => [f.path, f]));
        const fluxSystem = `repos/fleet-infra/clusters/${stack}/flux-system`;

        it("applies the operator's objects (its Deployment among them), the Secrets, then the FluxInstance last", () => {
          const cluster = rendered.filter((f) => f.path.startsWith("cluster/")).map((f) => f.path);
          for (const name of [
            "namespace-cluster-flux-system",
            "customresourcedefinition-cluster-fluxinstances.fluxcd.controlplane.io",
            "deployment-flux-system-flux-operator",
            "secret-flux-system-flux-system",
            "secret-flux-system-sops-age",
          ]) {
            assert.ok(cluster.includes(`cluster/${name}.yaml`), `${name} applied`);
          }
          assert.equal(cluster[0], "cluster/namespace-cluster-flux-system.yaml");
          assert.equal(cluster[cluster.length - 1], "cluster/fluxinstance-flux-system-flux.yaml");
          assert.ok(
            !cluster.some((p) => /gitrepository|kustomization-|deployment-flux-system-(source|kustomize)-controller/.test(p)),
            "no Flux controller or sync object of bootstrap mode",
          );
        });

        it("commits the same FluxInstance it applies, with its kustomization.yaml and no gotk-components.yaml or gotk-sync.yaml", () => {
          const committed = docs(byPath.get(`${fluxSystem}/flux-instance.yaml`));
          assert.deepEqual(committed, docs(byPath.get("cluster/fluxinstance-flux-system-flux.yaml")));
          assert.equal(
            byPath.get(`${fluxSystem}/kustomization.yaml`)?.content,
            "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- flux-instance.yaml\n",
          );
          assert.deepEqual(
            rendered
              .filter((f) => f.path.startsWith(`${fluxSystem}/`))
              .map((f) => f.path)
              .sort(),
            [`${fluxSystem}/flux-instance.yaml`, `${fluxSystem}/kustomization.yaml`],
          );
          assert.ok(!rendered.some((f) => /gotk-(components|sync)\.yaml$/.test(f.path)));
        });

        it("installs the stack's Flux on AKS (cluster.type azure) and syncs clusters/<env> of the infra repository over SSH with the flux-system Secret, pinned known_hosts included", () => {
          const [instance] = docs(byPath.get("cluster/fluxinstance-flux-system-flux.yaml"));
          assert.deepEqual(instance.metadata, {
            annotations: { "kustomize.toolkit.fluxcd.io/prune": "disabled" },
            name: "flux",
            namespace: "flux-system",
          });
          assert.deepEqual(instance.spec.distribution, { version: "2.9.0", registry: "ghcr.io/fluxcd" });
          assert.deepEqual(instance.spec.components, cfg.flux.components);
          assert.deepEqual(instance.spec.cluster, { type: "azure", multitenant: false, networkPolicy: true, domain: "cluster.local" });
          assert.deepEqual(instance.spec.sync, {
            kind: "GitRepository",
            url: "ssh://git@github.com/acme-platform/fleet-infra",
            ref: `refs/heads/${"branch" in cfg.flux.ref ? cfg.flux.ref.branch : ""}`,
            path: `clusters/${stack}`,
            pullSecret: "flux-system",
            interval: cfg.flux.interval,
          });
          const [secret] = docs(byPath.get("cluster/secret-flux-system-flux-system.yaml"));
          assert.deepEqual(Object.keys(secret.stringData).sort(), ["identity", "identity.pub", "known_hosts"]);
          assert.match(secret.stringData.known_hosts, /^github\.com ssh-ed25519 /m);
        });

        it("builds the committed flux-system directory with kubectl kustomize into exactly the FluxInstance", function () {
          requireTool(this, "kubectl");
          const dir = mkdtempSync(path.join(os.tmpdir(), "operator-kustomize-"));
          try {
            writeTree(dir, rendered);
            const built = parseAllDocuments(runTool("kubectl", ["kustomize", path.join(dir, fluxSystem)])).map((d) => d.toJS());
            assert.deepEqual(built, docs(byPath.get(`${fluxSystem}/flux-instance.yaml`)));
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        });

        it("leaves the wiring, layers, SOPS and apps files byte for byte as bootstrap mode writes them", () => {
          const bootstrap = renderEnvironment(stackConfig(stack, mutate), releaseForRender().manifests);
          const outsideFluxSystem = (files: readonly RenderedFile[]) =>
            files.filter((f) => f.path.startsWith("repos/") && !f.path.startsWith(`${fluxSystem}/`));
          assert.deepEqual(outsideFluxSystem(rendered), outsideFluxSystem(bootstrap));
          assert.ok(outsideFluxSystem(rendered).some((f) => f.path.endsWith("/.sops.yaml")));
          assert.ok(outsideFluxSystem(rendered).some((f) => f.path.endsWith(`clusters/${stack}/infrastructure.yaml`)));
        });
      });
    }
  }

  it("puts the stack's patches, workload identity and multi-tenancy into the instance (the operator applies them)", () => {
    const patch = {
      patch: "- op: add\n  path: /spec/template/spec/containers/0/args/-\n  value: --concurrent=10\n",
      target: { kind: "Deployment", name: "kustomize-controller" },
    };
    const cfg = stackConfig(
      "dev",
      (v) => (operatorMode(v), Object.assign(v.flux, { multitenant: true, patches: [patch], workloadIdentity: { enabled: true } })),
    );
    const [instance] = docs(
      renderEnvironment(cfg, operatorManifests()).find((f) => f.path === "cluster/fluxinstance-flux-system-flux.yaml"),
    );
    assert.equal(instance.spec.cluster.multitenant, true);
    const patches = instance.spec.kustomize.patches;
    assert.deepEqual(patches[patches.length - 1], patch, "flux.patches last, so the stack can adjust the program's");
    assert.match(patches[0].patch, /azure\.workload\.identity\/client-id: "<unknown until deploy: flux workload identity client id>"/);
    assert.ok(
      !patches.some((p: any) => /--no-cross-namespace-refs/.test(p.patch)),
      "the lockdown is the operator's cluster.multitenant, not a patch",
    );
  });

  it("follows a tag with refs/tags, a range of Flux versions, and a bring-your-own cluster as type kubernetes", () => {
    const byo = (v: Record<string, any>) => {
      v.cluster = { existingKubeconfig: { secure: "v1:encrypted-kubeconfig" } };
      v.sops = { keyVault: false };
      delete v.azure;
    };
    const cfg = stackConfig(
      "prod",
      (v) => (operatorMode(v), byo(v), Object.assign(v.flux, { version: "2.9.x", ref: { tag: "infra-v1.2.0" } })),
    );
    const [instance] = docs(
      renderEnvironment(cfg, operatorManifests()).find((f) => f.path === "cluster/fluxinstance-flux-system-flux.yaml"),
    );
    assert.equal(instance.spec.distribution.version, "2.9.x");
    assert.equal(instance.spec.sync.ref, "refs/tags/infra-v1.2.0");
    assert.equal(instance.spec.cluster.type, "kubernetes");
  });

  it("moves the operator, the instance and the Secrets to flux.namespace", () => {
    const cfg = stackConfig("dev", (v) => (operatorMode(v), (v.flux.namespace = "gitops-system")));
    const rendered = renderEnvironment(cfg, operatorManifests());
    const cluster = rendered.filter((f) => f.path.startsWith("cluster/")).map((f) => f.path);
    for (const name of [
      "namespace-cluster-gitops-system",
      "deployment-gitops-system-flux-operator",
      "secret-gitops-system-flux-system",
      "fluxinstance-gitops-system-flux",
    ]) {
      assert.ok(cluster.includes(`cluster/${name}.yaml`), name);
    }
    assert.ok(!cluster.some((p) => p.includes("-flux-system-") || p.endsWith("-cluster-flux-system.yaml")), cluster.join(", "));
    assert.ok(rendered.some((f) => f.path === "repos/fleet-infra/clusters/dev/gitops-system/flux-instance.yaml"));
  });

  it("validates the FluxInstance of every shipped stack and layout against the operator's CRD schema (../shared)", function () {
    requireSharedOperator(this);
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(fluxInstanceSchema(loadOperatorManifests(SHARED_OPERATOR_INSTALL).installYaml));
    const variants = [
      (_: any) => undefined,
      (v: any) => Object.assign(v.flux, { multitenant: true, workloadIdentity: { enabled: true }, version: "2.x" }),
    ];
    for (const stack of ["dev", "staging", "prod"]) {
      for (const variant of variants) {
        const cfg = stackConfig(stack, (v) => (operatorMode(v), variant(v)));
        for (const file of renderEnvironment(cfg, operatorManifests()).filter(
          (f) => f.path.endsWith("flux-instance.yaml") || f.path.startsWith("cluster/fluxinstance-"),
        )) {
          for (const instance of docs(file)) assert.ok(validate(instance), `${stack} ${file.path}: ${ajv.errorsText(validate.errors)}`);
        }
      }
    }
    assert.equal(
      validate({
        apiVersion: "fluxcd.controlplane.io/v1",
        kind: "FluxInstance",
        metadata: { name: "flux" },
        spec: { distribution: { version: "2.9.0", registry: "ghcr.io/fluxcd" }, cluster: { type: "aks" } },
      }),
      false,
      "the schema check can fail",
    );
  });
});
