import * as pulumi from "@pulumi/pulumi";
import type { KubeObject } from "../../generators/kube/object";

/** The Pulumi Kubernetes type token of an object: `kubernetes:<group/version>:<Kind>`, core group as `core/v1`. */
export function kubernetesTypeToken(object: Pick<KubeObject, "apiVersion" | "kind">): string {
  const groupVersion = object.apiVersion.includes("/") ? object.apiVersion : `core/${object.apiVersion}`;
  return `kubernetes:${groupVersion}:${object.kind}`;
}

/**
 * Any Kubernetes object from a generator, applied as the provider's own resource
 * type (so a Deployment is awaited like a Deployment), without a class per kind.
 */
export class KubernetesObject extends pulumi.CustomResource {
  /**
   * `content`, when given, is the object's final content known only after deployment
   * (same apiVersion, kind and top-level fields as `object`, which names the resource).
   */
  constructor(name: string, object: KubeObject, opts: pulumi.CustomResourceOptions, content?: pulumi.Output<KubeObject>) {
    const props: Record<string, pulumi.Input<unknown>> = { ...object };
    if (content !== undefined) {
      for (const key of Object.keys(object)) if (key !== "apiVersion" && key !== "kind") props[key] = content.apply((o) => o[key]);
    }
    super(kubernetesTypeToken(object), name, props, opts);
  }
}
