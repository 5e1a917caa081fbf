import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { fluxUninstallScript } from "../../generators/flux/uninstallScript";
import { objectId, type KubeObject } from "../../generators/kube/object";
import { RepositoryFiles, type RepositoryFilesArgs } from "../github/RepositoryFiles";
import { KubernetesObject } from "./KubernetesObject";

/** A Secret whose identity (namespace, name, keys) is known from config and whose values are secret. */
export interface PlannedSecret {
  readonly shape: KubeObject;
  /** The Secret's `stringData`. */
  readonly stringData: pulumi.Output<Record<string, string>>;
  /** Resources the Secret waits for (a source Secret: its GitHub deploy key). Default: none. */
  readonly after?: readonly pulumi.Resource[];
}

export interface FluxBootstrapArgs {
  /** gotk-components objects in Flux's order (Namespace first, CRDs, then controllers). */
  readonly componentObjects: readonly KubeObject[];
  /** The flux-system GitRepository and Kustomization. */
  readonly syncObjects: readonly KubeObject[];
  /**
   * The final content of the objects (componentObjects then syncObjects, same order)
   * when some depend on values known only after deployment, and the ids (objectId) of
   * those. Default: none, every object is final as given.
   */
  readonly deployTimeContent?: { readonly objects: pulumi.Output<readonly KubeObject[]>; readonly ids: ReadonlySet<string> };
  /** flux-system source Secret, apps source Secret, sops-age. */
  readonly secrets: readonly PlannedSecret[];
  readonly kubernetesProvider: k8s.Provider;
  /** The flux-system files to commit, and where. */
  readonly commit: Omit<RepositoryFilesArgs, "after">;
  /** Commits that must land before Flux's own files (the environment's wiring). Default: none. */
  readonly after?: pulumi.Input<pulumi.Resource>[];
  /**
   * AKS mode: the cluster. Every in-cluster object is deleted with it instead of one
   * by one, so destroy never waits on finalizers.
   */
  readonly deletedWith?: pulumi.Resource;
  /**
   * Delete a component's CRDs from the cluster when the component is removed from the
   * plan (`flux.pruneCrdsOnRemoval`). False: the CRDs are `retainOnDelete`, because deleting
   * a CRD makes Kubernetes delete every object of its kind (every HelmRelease, say).
   */
  readonly pruneCrdsOnRemoval: boolean;
  /**
   * Bring-your-own cluster: on destroy, uninstall Flux as `flux uninstall` does (workloads
   * keep running) with kubectl and this kubeconfig, instead of deleting objects one by one.
   */
  readonly uninstallWithKubeconfig?: pulumi.Output<string>;
}

/**
 * Installs Flux in the cluster and commits its bootstrap files, as `flux bootstrap github` does:
 * components, source Secret and sync objects applied in an order that lets Flux start cleanly,
 * and `clusters/<env>/flux-system/` committed so Flux manages itself from Git.
 */
export class FluxBootstrap extends pulumi.ComponentResource {
  readonly commits: RepositoryFiles;
  readonly appliedObjects: pulumi.Resource[] = [];

  constructor(name: string, args: FluxBootstrapArgs, opts?: pulumi.ComponentResourceOptions) {
    super("aks-flux-gitops:flux:FluxBootstrap", name, {}, opts);
    const byo = args.uninstallWithKubeconfig !== undefined;
    const clusterOpts: pulumi.CustomResourceOptions = {
      parent: this,
      provider: args.kubernetesProvider,
      ...(args.deletedWith ? { deletedWith: args.deletedWith } : {}),
      // In a bring-your-own cluster the uninstall script removes Flux; Pulumi must not
      // delete objects one by one (a deleted Kustomization would prune the workloads).
      ...(byo ? { retainOnDelete: true } : {}),
    };
    const allObjects = [...args.componentObjects, ...args.syncObjects];
    const apply = (obj: KubeObject, dependsOn: pulumi.Input<pulumi.Resource>[]) => {
      const id = objectId(obj);
      const late = args.deployTimeContent;
      const index = allObjects.indexOf(obj);
      const content = late !== undefined && late.ids.has(id) ? late.objects.apply((all) => all[index]) : undefined;
      const resource = new KubernetesObject(`${name}-${id}`, obj, { ...clusterOpts, dependsOn }, content);
      this.appliedObjects.push(resource);
      return resource;
    };

    const [namespaceObject, ...rest] = args.componentObjects;
    if (namespaceObject?.kind !== "Namespace") throw new Error("Flux components must start with their Namespace");
    // One owner per phase (docs/flux.md, "Upgrading Flux"): Git first, then the cluster. The
    // flux-system files are committed before anything is applied, so by the time Pulumi applies a
    // new version, Git already holds it and Flux's own reconciliations converge on the same bytes;
    // Flux never re-applies an older revision after Pulumi's apply because that revision is gone.
    this.commits = new RepositoryFiles(`${name}-files`, { ...args.commit, after: args.after }, { parent: this });
    const namespace = apply(namespaceObject, [this.commits]);
    const crdOpts = args.pruneCrdsOnRemoval ? {} : { retainOnDelete: true };
    const crds = rest
      .filter((o) => o.kind === "CustomResourceDefinition")
      .map((o) => {
        const crd = new KubernetesObject(`${name}-${objectId(o)}`, o, { ...clusterOpts, ...crdOpts, dependsOn: [namespace] });
        this.appliedObjects.push(crd);
        return crd;
      });
    const controllers = rest.filter((o) => o.kind !== "CustomResourceDefinition").map((o) => apply(o, [namespace]));
    const secrets = args.secrets.map(({ shape, stringData, after }) => {
      const secret = new k8s.core.v1.Secret(
        `${name}-${objectId(shape)}`,
        { metadata: shape.metadata, type: shape.type as string | undefined, stringData: pulumi.secret(stringData) },
        { ...clusterOpts, dependsOn: [namespace, ...(after ?? [])] },
      );
      this.appliedObjects.push(secret);
      return secret;
    });

    const sync = args.syncObjects.map((o) => apply(o, [...crds, ...secrets, ...controllers, this.commits]));

    if (byo) {
      new command.local.Command(
        `${name}-uninstall-on-destroy`,
        {
          delete: fluxUninstallScript(namespaceObject.metadata.name, "KUBECONFIG_CONTENT"),
          interpreter: ["/bin/bash", "-c"],
          environment: { KUBECONFIG_CONTENT: pulumi.secret(args.uninstallWithKubeconfig as pulumi.Output<string>) },
        },
        { parent: this, dependsOn: [...sync, this.commits], additionalSecretOutputs: ["stdout", "stderr"] },
      );
    }
    this.registerOutputs({});
  }
}
