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
  constructor(name: string, object: KubeObject, opts: pulumi.CustomResourceOptions) {
    super(kubernetesTypeToken(object), name, { ...object }, opts);
  }
}
