import type { RecordedResource } from "./resourceArgs";

/** One change to a resource's inputs: a dotted path (`agentPoolProfiles.0.availabilityZones`) and a value; undefined deletes. */
export interface Mutation {
  readonly path: string;
  readonly value: unknown;
}

/**
 * Which resource of a type: its index among the resources of that type (0 when any will do),
 * or the inputs that single it out, as dotted paths and values (`{ "metadata.name":
 * "allow-egress" }`, `{ repository: "fleet-apps" }`); those must match exactly one resource,
 * so a test does not depend on the order the program registers resources in.
 */
export type Selector = number | Readonly<Record<string, unknown>>;

/** A copy of `resources` where the resource of `type` that `which` selects has `mutations` applied. */
export function mutate(
  resources: readonly RecordedResource[],
  type: string,
  mutations: readonly Mutation[],
  which: Selector = 0,
): RecordedResource[] {
  const target = resourceOf(resources, type, which);
  return resources.map((resource) => {
    if (resource !== target) return resource;
    const inputs = structuredClone(resource.inputs);
    for (const { path, value } of mutations) setPath(inputs, path, value);
    return { ...resource, inputs };
  });
}

/** The resource of `type` that `which` selects (throws when there is none, or a match is ambiguous). */
export function resourceOf(resources: readonly RecordedResource[], type: string, which: Selector = 0): RecordedResource {
  const ofType = resources.filter((r) => r.type === type);
  if (typeof which === "number") {
    const resource = ofType[which];
    if (resource === undefined) throw new Error(`no resource #${which} of type ${type}`);
    return resource;
  }
  const matching = ofType.filter((r) => Object.entries(which).every(([path, value]) => getPath(r.inputs, path) === value));
  if (matching.length !== 1) {
    throw new Error(
      `${matching.length} resources of type ${type} match ${JSON.stringify(which)}: ${matching.map((r) => r.name).join(", ") || "none"}`,
    );
  }
  return matching[0];
}

/** The value at a dotted path, undefined when any step is missing. */
function getPath(target: unknown, path: string): unknown {
  let current = target;
  for (const key of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Sets (or with undefined, deletes) a dotted path, creating objects on the way. */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let current: Record<string, unknown> = target;
  for (const key of keys.slice(0, -1)) {
    const next = current[key];
    if (next === null || typeof next !== "object") current[key] = {};
    current = current[key] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1];
  if (value === undefined) delete current[last];
  else current[last] = value;
}
