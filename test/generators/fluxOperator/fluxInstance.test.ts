import assert from "node:assert/strict";
import {
  fluxInstanceObject,
  generateFluxInstanceFile,
  generateFluxInstanceKustomization,
  operatorSyncRef,
  type FluxInstanceOptions,
} from "../../../generators/fluxOperator/fluxInstance";
import { parseYamlDocuments } from "../../../generators/yaml/parseYaml";

const options: FluxInstanceOptions = {
  namespace: "flux-system",
  version: "2.9.0",
  registry: "ghcr.io/fluxcd",
  imagePullSecret: "",
  components: ["source-controller", "kustomize-controller", "helm-controller", "notification-controller"],
  clusterType: "azure",
  networkPolicy: true,
  clusterDomain: "cluster.local",
  multitenant: false,
  sync: {
    url: "ssh://git@github.com/acme/fleet-infra",
    ref: { branch: "main" },
    path: "clusters/dev",
    interval: "1m0s",
    pullSecret: "flux-system",
  },
  patches: [],
};

const expectedFile = `# header
---
apiVersion: fluxcd.controlplane.io/v1
kind: FluxInstance
metadata:
  annotations:
    kustomize.toolkit.fluxcd.io/prune: disabled
  name: flux
  namespace: flux-system
spec:
  cluster:
    domain: cluster.local
    multitenant: false
    networkPolicy: true
    type: azure
  components:
  - source-controller
  - kustomize-controller
  - helm-controller
  - notification-controller
  distribution:
    registry: ghcr.io/fluxcd
    version: 2.9.0
  sync:
    interval: 1m0s
    kind: GitRepository
    path: clusters/dev
    pullSecret: flux-system
    ref: refs/heads/main
    url: ssh://git@github.com/acme/fleet-infra
`;

// controlplaneio-fluxcd/flux-operator v0.58.1 api/v1/fluxinstance_types.go and docs/guides/instance/instance-sync.md.
describe("generators/fluxOperator: the FluxInstance", () => {
  it("writes the instance named flux with distribution, components, cluster and an SSH GitRepository sync, byte for byte", () => {
    assert.equal(generateFluxInstanceFile(fluxInstanceObject(options), "# header\n"), expectedFile);
  });

  it("is deterministic: equal options give equal bytes, and reading the file back gives the object", () => {
    const a = generateFluxInstanceFile(fluxInstanceObject(options), "");
    const b = generateFluxInstanceFile(fluxInstanceObject(structuredClone(options)), "");
    assert.equal(a, b);
    assert.deepEqual(parseYamlDocuments(a), [fluxInstanceObject(options)]);
  });

  it("turns branches and tags into the Git reference names the operator's GitRepository ref.name takes", () => {
    assert.equal(operatorSyncRef({ branch: "release/2026" }), "refs/heads/release/2026");
    assert.equal(operatorSyncRef({ tag: "prod-v1.4.0" }), "refs/tags/prod-v1.4.0");
  });

  it("rejects a semver range or a commit as sync ref (the operator's sync.ref is a reference name)", () => {
    assert.throws(() => operatorSyncRef({ semver: ">=1.0.0" }), /a semver range has none \(use a branch or a tag\)/);
    assert.throws(() => operatorSyncRef({ commit: "a".repeat(40) }), /a commit has none/);
  });

  it("strips a leading ./ from the sync path, as the operator's Kustomization path takes it", () => {
    const instance = fluxInstanceObject({ ...options, sync: { ...options.sync, path: "./clusters/dev" } }) as any;
    assert.equal(instance.spec.sync.path, "clusters/dev");
  });

  it("carries a range, the image pull secret, multitenancy, the network policy and the cluster type as given", () => {
    const instance = fluxInstanceObject({
      ...options,
      version: "2.9.x",
      imagePullSecret: "regcred",
      multitenant: true,
      networkPolicy: false,
      clusterType: "kubernetes",
      clusterDomain: "k8s.example",
    }) as any;
    assert.deepEqual(instance.spec.distribution, { version: "2.9.x", registry: "ghcr.io/fluxcd", imagePullSecret: "regcred" });
    assert.deepEqual(instance.spec.cluster, { type: "kubernetes", multitenant: true, networkPolicy: false, domain: "k8s.example" });
  });

  it("writes kustomize.patches only when there are patches, each with its target when it has one", () => {
    assert.equal((fluxInstanceObject(options) as any).spec.kustomize, undefined);
    const patches = [
      {
        patch: "- op: add\n  path: /spec/template/spec/containers/0/args/-\n  value: --concurrent=10\n",
        target: { kind: "Deployment", name: "kustomize-controller" },
      },
      { patch: "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: source-controller\n" },
    ];
    const instance = fluxInstanceObject({ ...options, patches }) as any;
    assert.deepEqual(instance.spec.kustomize, { patches });
    assert.match(generateFluxInstanceFile(instance, ""), /kustomize:\n    patches:\n    - patch: \|\n        - op: add\n/);
  });

  it("commits a kustomization.yaml that lists only the instance (no gotk-sync objects to fight the operator over)", () => {
    assert.equal(
      generateFluxInstanceKustomization(),
      "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- flux-instance.yaml\n",
    );
  });
});
