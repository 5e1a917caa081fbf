import type { KubeObject } from "../kube/object";
import { PatchError, type PatchTarget } from "./patchTypes";

/** What a patch target selects on: an object's kind, apiVersion, name, namespace, labels and annotations. */
type Selectable = Pick<KubeObject, "apiVersion" | "kind" | "metadata">;

const TARGET_FIELDS = ["group", "version", "kind", "name", "namespace"] as const;

/** Anchored regular expressions as kustomize compiles them (`^(?:expr)$`); throws a PatchError for an invalid one. */
function anchored(field: string, expr: string): RegExp {
  try {
    return new RegExp(`^(?:${expr})$`);
  } catch {
    throw new PatchError("target", `target.${field}: ${JSON.stringify(expr)} is not a regular expression`);
  }
}

type Requirement = (labels: Readonly<Record<string, string>>) => boolean;

/** Kubernetes label selector syntax: `k=v`, `k==v`, `k!=v`, `k`, `!k`, `k in (a,b)`, `k notin (a,b)`, comma-separated. */
export function parseLabelSelector(field: string, text: string): Requirement[] {
  const parts = text.match(/[^,(]+(\([^)]*\))?/g) ?? [];
  return parts.map((raw) => {
    const part = raw.trim();
    let m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(part);
    if (m) {
      const [, key, op, list] = m;
      const values = new Set(list.split(",").map((v) => v.trim()));
      return op === "in" ? (l) => l[key] !== undefined && values.has(l[key]) : (l) => l[key] === undefined || !values.has(l[key]);
    }
    m = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/.exec(part);
    if (m) {
      const [, key, op, value] = m;
      return op === "!=" ? (l) => l[key] !== value : (l) => l[key] === value;
    }
    m = /^(!?)([\w./-]+)$/.exec(part);
    if (m) {
      const [, not, key] = m;
      return not ? (l) => l[key] === undefined : (l) => l[key] !== undefined;
    }
    throw new PatchError("target", `target.${field}: ${JSON.stringify(text)} is not a label selector (e.g. app=web,tier!=db)`);
  });
}

/** Checks every field of a target, so a bad regular expression is reported before anything is patched. */
export function compileTarget(target: PatchTarget): (object: Selectable) => boolean {
  const known = new Set<string>([...TARGET_FIELDS, "labelSelector", "annotationSelector"]);
  for (const key of Object.keys(target)) {
    if (!known.has(key)) throw new PatchError("target", `target.${key} is not a target field; use ${[...known].join(", ")}`);
  }
  const regexes = TARGET_FIELDS.filter((f) => target[f] !== undefined).map((f) => [f, anchored(f, target[f] as string)] as const);
  const labels = target.labelSelector === undefined ? [] : parseLabelSelector("labelSelector", target.labelSelector);
  const annotations = target.annotationSelector === undefined ? [] : parseLabelSelector("annotationSelector", target.annotationSelector);
  return (object) => {
    const slash = object.apiVersion.indexOf("/");
    const values: Record<(typeof TARGET_FIELDS)[number], string> = {
      group: slash < 0 ? "" : object.apiVersion.slice(0, slash),
      version: slash < 0 ? object.apiVersion : object.apiVersion.slice(slash + 1),
      kind: object.kind,
      name: object.metadata.name,
      namespace: object.metadata.namespace ?? "",
    };
    return (
      regexes.every(([field, regex]) => regex.test(values[field])) &&
      labels.every((r) => r(object.metadata.labels ?? {})) &&
      annotations.every((r) => r(object.metadata.annotations ?? {}))
    );
  };
}
