import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { FluxInstallOptions } from "../generators/flux/install/options";
import type { ReleaseManifests } from "../generators/flux/install/releaseManifests";

/**
 * Writes the directory `flux install` builds: the release files plus the overlay
 * files rendered exactly as pkg/manifestgen/install's Go templates render them
 * (kustomization.yaml, labels.yaml, namespace.yaml, node-selector.yaml,
 * roles/kustomization.yaml and roles/rbac.yaml with Flux's namespace rewrite).
 */
export function writeFluxOverlay(dir: string, manifests: ReleaseManifests, options: FluxInstallOptions): void {
  mkdirSync(path.join(dir, "roles"), { recursive: true });
  for (const [name, text] of Object.entries(manifests.files)) writeFileSync(path.join(dir, name), text);
  const ns = options.namespace;
  writeFileSync(path.join(dir, "namespace.yaml"), namespaceYaml(ns));
  writeFileSync(path.join(dir, "labels.yaml"), labelsYaml(ns, options.version));
  writeFileSync(path.join(dir, "node-selector.yaml"), nodeSelectorYaml(options));
  writeFileSync(path.join(dir, "kustomization.yaml"), kustomizationYaml(options));
  writeFileSync(
    path.join(dir, "roles/kustomization.yaml"),
    `---\napiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: ${ns}\nresources:\n  - rbac.yaml\nnameSuffix: -${ns}\n`,
  );
  const rbac = manifests.files["rbac.yaml"];
  writeFileSync(path.join(dir, "roles/rbac.yaml"), ns === "flux-system" ? rbac : rbac.split("flux-system").join(ns));
}

/** Writes the overlay to a fresh temp dir, runs `fn`, and removes the dir. */
export function withFluxOverlay<T>(manifests: ReleaseManifests, options: FluxInstallOptions, fn: (dir: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), "flux-overlay-"));
  try {
    writeFluxOverlay(dir, manifests, options);
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function namespaceYaml(ns: string): string {
  return `---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n  labels:\n    pod-security.kubernetes.io/warn: restricted\n    pod-security.kubernetes.io/warn-version: latest\n`;
}

function labelsYaml(ns: string, version: string): string {
  return (
    `---\napiVersion: builtin\nkind: LabelTransformer\nmetadata:\n  name: labels\nlabels:\n  app.kubernetes.io/instance: ${ns}\n` +
    `  app.kubernetes.io/version: "${version}"\n  app.kubernetes.io/part-of: flux\nfieldSpecs:\n  - path: metadata/labels\n    create: true\n` +
    `  - kind: Deployment\n    path: spec/template/metadata/labels\n    create: true\n`
  );
}

function nodeSelectorYaml(options: FluxInstallOptions): string {
  let out = `---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: all\nspec:\n  template:\n    spec:\n      nodeSelector:\n        kubernetes.io/os: linux`;
  if (options.imagePullSecret !== "") out += `\n      imagePullSecrets:\n       - name: ${options.imagePullSecret}`;
  out += "\n";
  if (options.tolerationKeys.length > 0) {
    out += "\n      tolerations:";
    for (const key of options.tolerationKeys) out += `\n       - key: "${key}"\n         operator: "Exists"`;
  }
  return `${out}\n`;
}

const replace = (index: number | string, value: string): string =>
  `\n    - op: replace\n      path: /spec/template/spec/containers/0/args/${index}\n      value: ${value}`;

function kustomizationYaml(options: FluxInstallOptions): string {
  const { components, namespace, registry, logLevel, watchAllNamespaces, clusterDomain } = options;
  // manifests.go: the events address is set only when notification-controller is installed.
  const eventsAddr = components.includes("notification-controller")
    ? `http://notification-controller.$(RUNTIME_NAMESPACE).svc.${clusterDomain}./`
    : "";
  let out = `---\napiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: ${namespace}\n\ntransformers:\n  - labels.yaml\n\nresources:\n  - namespace.yaml`;
  if (options.networkPolicy) out += "\n  - policies.yaml";
  out += "\n  - roles";
  for (const c of components) out += `\n  - ${c}.yaml`;
  out += "\n\npatches:\n- path: node-selector.yaml\n  target:\n    kind: Deployment";
  for (const c of components) {
    out += `\n- target:\n    group: apps\n    version: v1\n    kind: Deployment\n    name: ${c}\n  patch: |-`;
    const watch = `--watch-all-namespaces=${watchAllNamespaces}`;
    if (c === "notification-controller") {
      out += replace(0, watch) + replace(1, `--log-level=${logLevel}`);
      continue;
    }
    out += replace(0, `--events-addr=${eventsAddr}`) + replace(1, watch) + replace(2, `--log-level=${logLevel}`);
    if (c === "source-controller" || c === "source-watcher") {
      out += replace(6, `--storage-adv-addr=${c}.$(RUNTIME_NAMESPACE).svc.${clusterDomain}.`);
    }
  }
  for (const c of components) {
    if (c !== "source-watcher") continue;
    out +=
      '\n- target:\n    kind: Deployment\n    name: "(kustomize-controller|helm-controller)"\n  patch: |-' +
      "\n    - op: add\n      path: /spec/template/spec/containers/0/args/-\n      value: --feature-gates=ExternalArtifact=true";
  }
  if (registry !== "") {
    out += "\nimages:";
    for (const c of components) out += `\n  - name: fluxcd/${c}\n    newName: ${registry}/${c}`;
  }
  return `${out}\n`;
}
