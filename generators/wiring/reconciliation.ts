import type { KubeObject } from "../kube/object";
import { sopsDecryption } from "../sops/sopsAgeSecret";
import { fluxPath } from "./layout";

/** How often the environment's Kustomizations reconcile, retry and wait for health. */
export const kustomizationTiming = { interval: "10m0s", retryInterval: "1m0s", timeout: "5m0s" } as const;

export const clusterSettingsName = "cluster-settings";

interface KustomizationOptions {
  readonly name: string;
  readonly namespace: string;
  readonly dir: string;
  readonly sourceName: string;
  readonly dependsOn?: readonly string[];
  /** Service account the Kustomization impersonates (multi-tenancy). Default: none (the controller's own). */
  readonly serviceAccountName?: string;
}

/** A Flux Kustomization for an environment's own content: prune, wait, SOPS decryption, cluster-settings substitution. */
export function environmentKustomization(options: KustomizationOptions): KubeObject {
  return {
    apiVersion: "kustomize.toolkit.fluxcd.io/v1",
    kind: "Kustomization",
    metadata: { name: options.name, namespace: options.namespace },
    spec: {
      ...(options.dependsOn && options.dependsOn.length > 0 ? { dependsOn: options.dependsOn.map((name) => ({ name })) } : {}),
      decryption: sopsDecryption(),
      interval: kustomizationTiming.interval,
      path: fluxPath(options.dir),
      postBuild: { substituteFrom: [{ kind: "ConfigMap", name: clusterSettingsName }] },
      prune: true,
      retryInterval: kustomizationTiming.retryInterval,
      ...(options.serviceAccountName === undefined ? {} : { serviceAccountName: options.serviceAccountName }),
      sourceRef: { kind: "GitRepository", name: options.sourceName },
      timeout: kustomizationTiming.timeout,
      wait: true,
    },
  };
}
