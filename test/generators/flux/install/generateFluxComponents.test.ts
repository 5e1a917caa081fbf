import { strict as assert } from "node:assert";
import { generateFluxComponents, type FluxComponents } from "../../../../generators/flux/install/generateFluxComponents";
import { defaultFluxInstallOptions, type FluxInstallOptions } from "../../../../generators/flux/install/options";
import type { KubeObject } from "../../../../generators/kube/object";
import { FIXTURE_VERSION, loadFixtureRelease } from "../../../../bench/fluxRelease";
import { objectChanges } from "./objectChanges";

const manifests = loadFixtureRelease();
const DEFAULTS: FluxInstallOptions = { ...defaultFluxInstallOptions, version: FIXTURE_VERSION };
const generate = (overrides: Partial<FluxInstallOptions> = {}): FluxComponents =>
  generateFluxComponents(manifests, { ...DEFAULTS, ...overrides });
const baseline = generate();

const SKH = ["source-controller", "kustomize-controller", "helm-controller"];
const ALL_FOUR = [...SKH, "notification-controller"];
const find = (objects: readonly KubeObject[], kind: string, name: string): KubeObject => {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  assert.ok(found, `${kind}/${name} not in output`);
  return found;
};
const podSpec = (objects: readonly KubeObject[], name: string): Record<string, unknown> =>
  ((find(objects, "Deployment", name).spec as Record<string, unknown>).template as Record<string, Record<string, unknown>>).spec;
const container = (objects: readonly KubeObject[], name: string): Record<string, unknown> =>
  (podSpec(objects, name).containers as Record<string, unknown>[])[0];

describe("generateFluxComponents on the fixture release: each option flips exactly what Flux's overlay flips", () => {
  const flips: [string, Partial<FluxInstallOptions>, string[]][] = [
    [
      "tolerationKeys adds tolerations to every Deployment",
      { tolerationKeys: ["node.kubernetes.io/dedicated-to-flux", "CriticalAddonsOnly"] },
      ALL_FOUR.map((d) => `Deployment/${d}: spec.template.spec.tolerations`),
    ],
    [
      "imagePullSecret adds a pull secret to every Deployment",
      { imagePullSecret: "regcred" },
      ALL_FOUR.map((d) => `Deployment/${d}: spec.template.spec.imagePullSecrets`),
    ],
    [
      "logLevel changes the --log-level arg",
      { logLevel: "debug" },
      [
        ...SKH.map((d) => `Deployment/${d}: spec.template.spec.containers[0].args[2]`),
        "Deployment/notification-controller: spec.template.spec.containers[0].args[1]",
      ],
    ],
    [
      "watchAllNamespaces changes the --watch-all-namespaces arg",
      { watchAllNamespaces: false },
      [
        ...SKH.map((d) => `Deployment/${d}: spec.template.spec.containers[0].args[1]`),
        "Deployment/notification-controller: spec.template.spec.containers[0].args[0]",
      ],
    ],
    [
      "clusterDomain changes the events and storage addresses",
      { clusterDomain: "corp.internal" },
      [
        ...SKH.map((d) => `Deployment/${d}: spec.template.spec.containers[0].args[0]`),
        "Deployment/source-controller: spec.template.spec.containers[0].args[6]",
      ],
    ],
    [
      "registry changes the controller images",
      { registry: "registry.example.com:5000/mirror" },
      [
        ...ALL_FOUR.map((d) => `Deployment/${d}: spec.template.spec.containers[0].image`),
        "Deployment/source-controller: spec.template.spec.initContainers[0].image",
      ],
    ],
    [
      "an empty registry keeps the release's images",
      { registry: "" },
      [
        ...ALL_FOUR.map((d) => `Deployment/${d}: spec.template.spec.containers[0].image`),
        "Deployment/source-controller: spec.template.spec.initContainers[0].image",
      ],
    ],
  ];
  for (const [what, overrides, changedPaths] of flips) {
    it(what, () => {
      assert.deepEqual(objectChanges(baseline.objects, generate(overrides).objects), {
        added: [],
        removed: [],
        changed: [...changedPaths].sort(),
      });
    });
  }

  it("writes the flipped values as Flux does", () => {
    const out = generate({
      tolerationKeys: ["a.example.com/b", "c"],
      imagePullSecret: "regcred",
      logLevel: "error",
      watchAllNamespaces: false,
      clusterDomain: "corp.internal",
      registry: "registry.example.com:5000/mirror",
    }).objects;
    assert.deepEqual(podSpec(out, "helm-controller").tolerations, [
      { key: "a.example.com/b", operator: "Exists" },
      { key: "c", operator: "Exists" },
    ]);
    assert.deepEqual(podSpec(out, "helm-controller").imagePullSecrets, [{ name: "regcred" }]);
    assert.deepEqual((container(out, "source-controller").args as string[]).slice(0, 3), [
      "--events-addr=http://notification-controller.$(RUNTIME_NAMESPACE).svc.corp.internal./",
      "--watch-all-namespaces=false",
      "--log-level=error",
    ]);
    assert.equal(
      (container(out, "source-controller").args as string[])[6],
      "--storage-adv-addr=source-controller.$(RUNTIME_NAMESPACE).svc.corp.internal.",
    );
    assert.deepEqual(container(out, "notification-controller").args, [
      "--watch-all-namespaces=false",
      "--log-level=error",
      "--log-encoding=json",
      "--enable-leader-election",
    ]);
    assert.equal(container(out, "source-controller").image, "registry.example.com:5000/mirror/source-controller:v1.0.0-fixture");
    assert.equal(
      (podSpec(out, "source-controller").initContainers as Record<string, unknown>[])[0].image,
      `registry.example.com:5000/mirror/source-controller@sha256:${"0123456789abcdef".repeat(4)}`,
    );
    assert.equal(container(generate({ registry: "" }).objects, "helm-controller").image, "fluxcd/helm-controller:v1.0.0-fixture");
  });

  it("networkPolicy: false removes exactly the NetworkPolicies", () => {
    assert.deepEqual(objectChanges(baseline.objects, generate({ networkPolicy: false }).objects), {
      added: [],
      removed: ["NetworkPolicy/allow-egress", "NetworkPolicy/allow-scraping", "NetworkPolicy/allow-webhooks"],
      changed: [],
    });
  });

  it("source-watcher adds its objects and the ExternalArtifact feature gate to kustomize- and helm-controller", () => {
    const out = generate({ components: [...DEFAULTS.components, "source-watcher"] });
    assert.deepEqual(objectChanges(baseline.objects, out.objects), {
      added: [
        "CustomResourceDefinition/artifactgenerators.source.extensions.fluxcd.io",
        "ServiceAccount/source-watcher",
        "Service/source-watcher",
        "Deployment/source-watcher",
      ],
      removed: [],
      changed: [
        "Deployment/helm-controller: spec.template.spec.containers[0].args",
        "Deployment/kustomize-controller: spec.template.spec.containers[0].args",
      ],
    });
    assert.equal((container(out.objects, "kustomize-controller").args as string[]).at(-1), "--feature-gates=ExternalArtifact=true");
    assert.deepEqual(
      (container(out.objects, "source-watcher").args as string[]).filter((_, i) => [0, 1, 2, 6].includes(i)),
      [
        "--events-addr=http://notification-controller.$(RUNTIME_NAMESPACE).svc.cluster.local./",
        "--watch-all-namespaces=true",
        "--log-level=info",
        "--storage-adv-addr=source-watcher.$(RUNTIME_NAMESPACE).svc.cluster.local.",
      ],
    );
  });

  it("without notification-controller, removes its objects and empties --events-addr", () => {
    const out = generate({ components: SKH });
    const changes = objectChanges(baseline.objects, out.objects);
    assert.deepEqual(changes.removed, [
      "CustomResourceDefinition/alerts.notification.toolkit.fluxcd.io",
      "ServiceAccount/notification-controller",
      "Service/notification-controller",
      "Service/webhook-receiver",
      "Deployment/notification-controller",
    ]);
    assert.deepEqual(changes.changed, SKH.map((d) => `Deployment/${d}: spec.template.spec.containers[0].args[0]`).sort());
    assert.equal((container(out.objects, "helm-controller").args as string[])[0], "--events-addr=");
  });

  it("merges a pull secret before the release's own, replaces tolerations and keeps other node selectors", () => {
    const extras = { components: [...DEFAULTS.components, "image-reflector-controller"] };
    const spec = podSpec(
      generate({ ...extras, imagePullSecret: "regcred", tolerationKeys: ["flux"] }).objects,
      "image-reflector-controller",
    );
    assert.deepEqual(spec.imagePullSecrets, [{ name: "regcred" }, { name: "release-pull-secret" }]);
    assert.deepEqual(spec.tolerations, [{ key: "flux", operator: "Exists" }]);
    assert.deepEqual(spec.nodeSelector, { "kubernetes.io/os": "linux", "node.example.com/pool": "system" });
    assert.deepEqual(podSpec(generate(extras).objects, "image-reflector-controller").tolerations, [
      { effect: "NoSchedule", key: "release-toleration", operator: "Exists" },
    ]);
  });

  it("renames image volume references too, as the kustomize in the flux CLI (api v0.21) does", () => {
    const text = manifests.files["helm-controller.yaml"].replace(
      "      serviceAccountName: helm-controller\n",
      "      serviceAccountName: helm-controller\n      volumes:\n      - image:\n          reference: fluxcd/helm-controller:v1.0.0-fixture\n        name: charts\n",
    );
    const out = generateFluxComponents(
      { ...manifests, files: { ...manifests.files, "helm-controller.yaml": text } },
      { ...DEFAULTS, registry: "mirror.example.com" },
    );
    assert.deepEqual(podSpec(out.objects, "helm-controller").volumes, [
      { image: { reference: "mirror.example.com/helm-controller:v1.0.0-fixture" }, name: "charts" },
    ]);
  });
});
