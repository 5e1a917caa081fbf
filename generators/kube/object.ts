/** A plain Kubernetes object as generators produce it: JSON-compatible values only. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
  } & Readonly<Record<string, unknown>>;
  readonly [field: string]: unknown;
}

/** Stable identity of an object, used for resource names and render file names. */
export function objectId(obj: Pick<KubeObject, "kind" | "metadata">): string {
  const ns = obj.metadata.namespace ?? "cluster";
  return `${obj.kind.toLowerCase()}-${ns}-${obj.metadata.name}`;
}
