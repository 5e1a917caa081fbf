import type { KubeObject } from "../../../../generators/kube/object";

const idOf = (obj: KubeObject): string => `${obj.kind}/${obj.metadata.name}`;

/** Every leaf path that differs between two object lists matched by kind and name ("Deployment/x: spec.replicas"). */
export function objectChanges(
  before: readonly KubeObject[],
  after: readonly KubeObject[],
): { added: string[]; removed: string[]; changed: string[] } {
  const beforeById = new Map(before.map((o) => [idOf(o), o]));
  const afterById = new Map(after.map((o) => [idOf(o), o]));
  const changed: string[] = [];
  for (const [id, obj] of afterById) {
    const old = beforeById.get(id);
    if (old !== undefined) collect(old, obj, "", (path) => changed.push(`${id}: ${path}`));
  }
  return {
    added: [...afterById.keys()].filter((id) => !beforeById.has(id)),
    removed: [...beforeById.keys()].filter((id) => !afterById.has(id)),
    changed: changed.sort(),
  };
}

function collect(a: unknown, b: unknown, path: string, report: (path: string) => void): void {
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((item, i) => collect(item, b[i], `${path}[${i}]`, report));
  } else if (isObject(a) && isObject(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)]))
      collect(a[key], b[key], path === "" ? key : `${path}.${key}`, report);
  } else if (JSON.stringify(a) !== JSON.stringify(b)) {
    report(path);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
