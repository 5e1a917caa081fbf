import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { objectId, type KubeObject } from "../../generators/kube/object";
import { RepositoryFiles, type RepositoryFilesArgs } from "../github/RepositoryFiles";
import type { PlannedSecret } from "./FluxBootstrap";
import { KubernetesObject } from "./KubernetesObject";

/** How long destroy waits for the FluxInstance to go, i.e. for the operator to uninstall Flux. */
export const fluxInstanceDeleteTimeout = "20m";

export interface FluxOperatorInstallArgs {
  /** The operator's install.yaml objects, Namespace first (then CRDs, RBAC, Service, Deployment). */
  readonly operatorObjects: readonly KubeObject[];
  /** The FluxInstance named `flux` in the operator's namespace. */
  readonly instance: KubeObject;
  /**
   * The FluxInstance's final content when it depends on values known only after deployment (the
   * workload identity's client id in its patches). Default: `instance` is final.
   */
  readonly instanceContent?: pulumi.Output<KubeObject>;
  /** The flux-system source Secret (the instance's `sync.pullSecret`), the apps source Secret, sops-age. */
  readonly secrets: readonly PlannedSecret[];
  readonly kubernetesProvider: k8s.Provider;
  /** `flux-instance.yaml` and its kustomization.yaml, and where to commit them. */
  readonly commit: Omit<RepositoryFilesArgs, "after">;
  /** Commits that must land before these files (the environment's wiring). Default: none. */
  readonly after?: pulumi.Input<pulumi.Resource>[];
  /** AKS mode: the cluster. Every in-cluster object is deleted with it instead of one by one. */
  readonly deletedWith?: pulumi.Resource;
}

/**
 * Installs the Flux Operator and a FluxInstance, from which the operator installs, upgrades and
 * syncs Flux (controlplaneio-fluxcd/flux-operator docs/api/v1/fluxinstance.md). Order: the files
 * are committed first (Git before the cluster, as FluxBootstrap does), then the operator's
 * Namespace, its CRDs, RBAC and Deployment, the Secrets, and last the FluxInstance, which needs
 * the CRD, a running operator and the `sync.pullSecret` Secret.
 *
 * The operator's CRDs are kept on delete: deleting the FluxInstance CRD would delete the instance
 * (and the operator would uninstall Flux), and ResourceSets would garbage-collect what they applied.
 * On a bring-your-own cluster, destroy deletes the FluxInstance first, and the operator uninstalls
 * Flux without touching the workloads Flux applied (docs/api/v1/fluxinstance.md, "kubectl delete").
 */
export class FluxOperatorInstall extends pulumi.ComponentResource {
  readonly commits: RepositoryFiles;
  readonly appliedObjects: pulumi.Resource[] = [];
  readonly instance: KubernetesObject;

  constructor(name: string, args: FluxOperatorInstallArgs, opts?: pulumi.ComponentResourceOptions) {
    super("aks-flux-gitops:flux:FluxOperatorInstall", name, {}, opts);
    const clusterOpts: pulumi.CustomResourceOptions = {
      parent: this,
      provider: args.kubernetesProvider,
      ...(args.deletedWith ? { deletedWith: args.deletedWith } : {}),
    };
    const apply = (
      obj: KubeObject,
      dependsOn: pulumi.Input<pulumi.Resource>[],
      extra: pulumi.CustomResourceOptions = {},
      content?: pulumi.Output<KubeObject>,
    ) => {
      const resource = new KubernetesObject(`${name}-${objectId(obj)}`, obj, { ...clusterOpts, ...extra, dependsOn }, content);
      this.appliedObjects.push(resource);
      return resource;
    };

    const [namespaceObject, ...rest] = args.operatorObjects;
    if (namespaceObject?.kind !== "Namespace") throw new Error("the Flux Operator's objects must start with their Namespace");
    this.commits = new RepositoryFiles(`${name}-files`, { ...args.commit, after: args.after }, { parent: this });
    const namespace = apply(namespaceObject, [this.commits]);
    const crds = rest.filter((o) => o.kind === "CustomResourceDefinition").map((o) => apply(o, [namespace], { retainOnDelete: true }));
    const operator = rest.filter((o) => o.kind !== "CustomResourceDefinition").map((o) => apply(o, [namespace, ...crds]));
    const secrets = args.secrets.map(({ shape, stringData, after }) => {
      const secret = new k8s.core.v1.Secret(
        `${name}-${objectId(shape)}`,
        { metadata: shape.metadata, type: shape.type as string | undefined, stringData: pulumi.secret(stringData) },
        { ...clusterOpts, dependsOn: [namespace, ...(after ?? [])] },
      );
      this.appliedObjects.push(secret);
      return secret;
    });
    // Deleting the instance waits for the operator's uninstall, which itself waits up to 5 minutes for
    // Flux's Deployments and 5 more for Flux's CRDs to go (flux-operator fluxinstance_uninstaller.go):
    // more than the provider's default 10 minutes, after which destroy would fail half way.
    this.instance = apply(
      args.instance,
      [...crds, ...operator, ...secrets, this.commits],
      { customTimeouts: { delete: fluxInstanceDeleteTimeout } },
      args.instanceContent,
    );
    this.registerOutputs({});
  }
}
