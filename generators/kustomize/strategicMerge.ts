import { isJsonMap, PatchError, type JsonMap, type JsonValue } from "./patchTypes";

/**
 * The strategic merge patch subset kustomize (kyaml's merge2) applies that this
 * program supports: maps merge key by key, `null` deletes a key, lists of the
 * built-in kinds' associative fields (containers by name, env by name, ...) merge
 * item by item (patch items first in patch order, then the object's other items),
 * every other list is replaced. Directives (`$patch`, `$setElementOrder`,
 * `$retainKeys`, `$deleteFromPrimitiveList`) are refused when the patch is parsed.
 */
export function applyStrategicMerge(object: JsonMap, patch: JsonMap, where: string): JsonMap {
  const kind = `${object.apiVersion} ${object.kind}`;
  return mergeMap(structuredClone(object), patch, [], (path) => mergeKeyFor(kind, path), where);
}

type MergeKeyOf = (path: readonly string[]) => string | undefined;

function mergeMap(dest: JsonMap, patch: JsonMap, path: string[], mergeKeyOf: MergeKeyOf, where: string): JsonMap {
  for (const [key, value] of Object.entries(patch)) {
    const childPath = [...path, key];
    if (value === null) {
      delete dest[key];
      continue;
    }
    const existing = dest[key];
    if (isJsonMap(value) && isJsonMap(existing)) dest[key] = mergeMap(existing, value, childPath, mergeKeyOf, where);
    else if (Array.isArray(value) && Array.isArray(existing) && mergeKeyOf(childPath) !== undefined) {
      dest[key] = mergeList(existing, value, childPath, mergeKeyOf, where);
    } else dest[key] = withoutNulls(value);
  }
  return dest;
}

function mergeList(dest: JsonValue[], patch: JsonValue[], path: string[], mergeKeyOf: MergeKeyOf, where: string): JsonValue[] {
  const mergeKey = mergeKeyOf(path) as string;
  const keyOf = (item: JsonValue, side: string): JsonValue => {
    if (!isJsonMap(item) || item[mergeKey] === undefined || item[mergeKey] === null) {
      throw new PatchError("patch", `${where}: every item of ${path.join(".")} in the ${side} needs its merge key ${mergeKey}`);
    }
    return item[mergeKey];
  };
  const patchKeys = new Set(patch.map((item) => keyOf(item, "patch")));
  const merged = patch.map((item) => {
    const key = keyOf(item, "patch");
    const match = dest.find((old) => isJsonMap(old) && old[mergeKey] === key);
    return match === undefined ? withoutNulls(item) : mergeMap(structuredClone(match as JsonMap), item as JsonMap, path, mergeKeyOf, where);
  });
  return [...merged, ...dest.filter((old) => !(isJsonMap(old) && patchKeys.has(old[mergeKey])))];
}

function withoutNulls(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isJsonMap(value)) return value;
  const out: JsonMap = {};
  for (const [key, child] of Object.entries(value)) if (child !== null) out[key] = withoutNulls(child);
  return out;
}

/** Where a pod spec sits in each built-in workload kind. */
const POD_SPEC_PATHS: Readonly<Record<string, string>> = {
  "apps/v1 Deployment": "spec.template.spec",
  "apps/v1 StatefulSet": "spec.template.spec",
  "apps/v1 DaemonSet": "spec.template.spec",
  "apps/v1 ReplicaSet": "spec.template.spec",
  "batch/v1 Job": "spec.template.spec",
  "batch/v1 CronJob": "spec.jobTemplate.spec.template.spec",
  "v1 Pod": "spec",
};

/** patchMergeKey of the associative lists of a PodSpec (Kubernetes' OpenAPI), relative to the pod spec. */
const POD_SPEC_MERGE_KEYS: Readonly<Record<string, string>> = {
  containers: "name",
  initContainers: "name",
  ephemeralContainers: "name",
  volumes: "name",
  imagePullSecrets: "name",
  hostAliases: "ip",
};
const CONTAINER_MERGE_KEYS: Readonly<Record<string, string>> = {
  env: "name",
  ports: "containerPort",
  volumeMounts: "mountPath",
  volumeDevices: "devicePath",
};

/** Lists of other built-in kinds that merge by key. Lists of custom resources (Flux's kinds) are replaced, as kustomize does. */
const OTHER_MERGE_KEYS: Readonly<Record<string, string>> = {
  "v1 ServiceAccount secrets": "name",
  "v1 ServiceAccount imagePullSecrets": "name",
  "v1 Service spec.ports": "port",
};

export function mergeKeyFor(kind: string, path: readonly string[]): string | undefined {
  const dotted = path.join(".");
  const podSpec = POD_SPEC_PATHS[kind];
  if (podSpec !== undefined && dotted.startsWith(`${podSpec}.`)) {
    const rest = dotted.slice(podSpec.length + 1).split(".");
    if (rest.length === 1) return POD_SPEC_MERGE_KEYS[rest[0]];
    if (rest.length === 2 && ["containers", "initContainers", "ephemeralContainers"].includes(rest[0]))
      return CONTAINER_MERGE_KEYS[rest[1]];
    return undefined;
  }
  return OTHER_MERGE_KEYS[`${kind} ${dotted}`];
}
