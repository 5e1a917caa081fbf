import type { FluxInstallOptions } from "./options";
import {
  childObject,
  describeObject,
  gvkOf,
  isJsonObject,
  type JsonObject,
  type MutableKubeObject,
  type OverlayResource,
} from "./resourceModel";

const NOTIFICATION_CONTROLLER = "notification-controller";
const ARGS_PATH = "/spec/template/spec/containers/0/args";

/** Flux's `--events-addr`: the notification-controller's full DNS name, or "" when it is not installed. */
export function eventsAddress(options: Pick<FluxInstallOptions, "components" | "clusterDomain">): string {
  return options.components.includes(NOTIFICATION_CONTROLLER)
    ? `http://${NOTIFICATION_CONTROLLER}.$(RUNTIME_NAMESPACE).svc.${options.clusterDomain}./`
    : "";
}

/** The overlay's `patches:` in order: node-selector.yaml on every Deployment, each component's args, source-watcher's feature gate. */
export function applyDeploymentPatches(resources: readonly OverlayResource[], options: FluxInstallOptions): void {
  const deployments = resources.map((r) => r.object).filter((obj) => obj.kind === "Deployment");
  for (const deployment of deployments) applyNodeSelectorPatch(deployment, options);
  for (const component of options.components) {
    const replacements = argReplacements(component, options);
    for (const deployment of deployments) {
      const { group, version } = gvkOf(deployment);
      if (group !== "apps" || version !== "v1" || deployment.metadata.name !== component) continue;
      const args = containerArgs(deployment);
      for (const [index, value] of replacements) {
        if (index >= args.length)
          throw new Error(
            `${describeObject(deployment)}: Flux's overlay replaces ${ARGS_PATH}/${index}, which the release manifest does not have`,
          );
        args[index] = value;
      }
    }
  }
  if (options.components.includes("source-watcher")) {
    for (const deployment of deployments) {
      if (deployment.metadata.name === "kustomize-controller" || deployment.metadata.name === "helm-controller") {
        containerArgs(deployment).push("--feature-gates=ExternalArtifact=true");
      }
    }
  }
}

/** Strategic merge of node-selector.yaml: nodeSelector merged, imagePullSecrets merged by name, tolerations replaced. */
function applyNodeSelectorPatch(deployment: MutableKubeObject, options: FluxInstallOptions): void {
  const where = describeObject(deployment);
  const podSpec = childObject(childObject(childObject(deployment, "spec", where), "template", where), "spec", where);
  childObject(podSpec, "nodeSelector", where)["kubernetes.io/os"] = "linux";
  if (options.imagePullSecret !== "") {
    podSpec.imagePullSecrets = mergeListByName(podSpec.imagePullSecrets, [{ name: options.imagePullSecret }], `${where}: imagePullSecrets`);
  }
  if (options.tolerationKeys.length > 0) {
    podSpec.tolerations = options.tolerationKeys.map((key) => ({ key, operator: "Exists" }));
  }
}

/** kyaml's merge of an associative list (merge key `name`, new items first): patch items in patch order, then the rest. */
function mergeListByName(existing: unknown, patch: readonly JsonObject[], where: string): JsonObject[] {
  if (existing === undefined || existing === null) return patch.map((item) => ({ ...item }));
  if (!Array.isArray(existing) || !existing.every(isJsonObject)) throw new Error(`${where} is not a list of objects`);
  const patchNames = new Set(patch.map((item) => item.name));
  const merged = patch.map((item) => ({ ...existing.find((old) => old.name === item.name), ...item }));
  return [...merged, ...existing.filter((old) => !patchNames.has(old.name))];
}

/** The JSON6902 replacements Flux's kustomization template writes for one component, by args index. */
function argReplacements(component: string, options: FluxInstallOptions): [number, string][] {
  const watch = `--watch-all-namespaces=${options.watchAllNamespaces}`;
  const logLevel = `--log-level=${options.logLevel}`;
  if (component === NOTIFICATION_CONTROLLER)
    return [
      [0, watch],
      [1, logLevel],
    ];
  const common: [number, string][] = [
    [0, `--events-addr=${eventsAddress(options)}`],
    [1, watch],
    [2, logLevel],
  ];
  if (component === "source-controller" || component === "source-watcher") {
    return [...common, [6, `--storage-adv-addr=${component}.$(RUNTIME_NAMESPACE).svc.${options.clusterDomain}.`]];
  }
  return common;
}

function containerArgs(deployment: MutableKubeObject): unknown[] {
  const spec = deployment.spec;
  const template = isJsonObject(spec) ? spec.template : undefined;
  const podSpec = isJsonObject(template) ? template.spec : undefined;
  const containers = isJsonObject(podSpec) ? podSpec.containers : undefined;
  const first = Array.isArray(containers) ? containers[0] : undefined;
  const args = isJsonObject(first) ? first.args : undefined;
  if (!Array.isArray(args))
    throw new Error(`${describeObject(deployment)}: Flux's overlay patches ${ARGS_PATH}, which the release manifest does not have`);
  return args;
}
