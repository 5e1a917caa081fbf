import * as path from "node:path";
import { stringify } from "yaml";
import { run } from "./processes";
import type { WorkRepo } from "./repos";

/**
 * What a team puts in the overlays (the entry points render creates once and hands over):
 * only ConfigMaps, Secrets and Namespaces, since no workload can run without a kubelet.
 * The infrastructure overlay creates the namespace the apps live in, so applying apps
 * before infrastructure would fail.
 */
export const appsNamespace = "e2e-apps";

export function writeInfrastructure(repo: WorkRepo, overlay: string): void {
  repo.write(
    path.join(overlay, "namespace.yaml"),
    stringify({
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: appsNamespace, labels: { "e2e.aks-flux-gitops/cluster": "${CLUSTER_NAME}" } },
    }),
  );
  repo.write(
    path.join(overlay, "kustomization.yaml"),
    stringify({ apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization", resources: ["namespace.yaml"] }),
  );
}

export interface AppsRelease {
  readonly release: string;
  readonly password: string;
}

/**
 * The apps overlay of one release: a ConfigMap that uses cluster-settings variables and a
 * Secret encrypted by the real sops with the overlay's rendered .sops.yaml (sops finds it
 * from the working directory, as a person running `sops --encrypt` there would).
 */
export function writeApps(repo: WorkRepo, overlay: string, release: AppsRelease, sopsPath: string): void {
  repo.write(
    path.join(overlay, "settings.yaml"),
    stringify({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "app-settings", namespace: appsNamespace },
      data: { cluster: "${CLUSTER_NAME}", environment: "${ENVIRONMENT}", region: "${AZURE_REGION}", release: release.release },
    }),
  );
  const secretFile = path.join(overlay, "credentials.yaml");
  repo.write(
    secretFile,
    stringify({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "app-credentials", namespace: appsNamespace },
      type: "Opaque",
      stringData: { password: release.password },
    }),
  );
  run(sopsPath, ["--encrypt", "--in-place", "credentials.yaml"], { cwd: path.join(repo.dir, overlay) });
  repo.write(
    path.join(overlay, "kustomization.yaml"),
    stringify({ apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization", resources: ["settings.yaml", "credentials.yaml"] }),
  );
}
