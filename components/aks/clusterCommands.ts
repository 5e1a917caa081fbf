import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import type { AgentPoolSpec } from "../../generators/aks/managedClusterSpec";
import { kubernetesUpgradeScript, systemPoolScript } from "../../generators/aks/poolScripts";
import { defaultRbacWait, rbacWaitScript } from "../../generators/aks/rbacWaitScript";

const bash = ["/bin/bash", "-c"];

/**
 * Runs `az aks upgrade` when `cluster.kubernetesVersion` changes (the cluster and its
 * pools ignore their version fields, which AKS patches itself). On create it only
 * checks: the cluster was just created at that version.
 */
export function kubernetesUpgrade(
  name: string,
  clusterId: pulumi.Input<string>,
  version: string | undefined,
  opts: pulumi.CustomResourceOptions,
): command.local.Command {
  const script = kubernetesUpgradeScript();
  return new command.local.Command(
    `${name}-kubernetes-version`,
    {
      create: script,
      update: script,
      interpreter: bash,
      environment: { CLUSTER_ID: clusterId, KUBERNETES_VERSION: version ?? "" },
      triggers: [version ?? ""],
    },
    opts,
  );
}

/**
 * Keeps the inline system pool in step with the stack through per-pool operations
 * once the cluster exists (its `agentPoolProfiles` are ignoreChanges). Created as a
 * no-op, since the pool was just created inline with exactly these values; an update
 * (any of them changed) applies count and taints and refuses size or zone changes.
 */
export function systemPoolSync(
  name: string,
  clusterId: pulumi.Input<string>,
  pool: AgentPoolSpec,
  opts: pulumi.CustomResourceOptions,
): command.local.Command {
  const want = {
    WANT_VM_SIZE: pool.vmSize,
    WANT_COUNT: String(pool.count),
    WANT_ZONES: (pool.availabilityZones ?? []).join(","),
    WANT_TAINTS: (pool.nodeTaints ?? []).join(","),
  };
  return new command.local.Command(
    `${name}-system-pool`,
    {
      create: `echo "system pool created inline: ${pool.vmSize} x ${pool.count}"`,
      update: systemPoolScript(),
      interpreter: bash,
      environment: { ...want, POOL_ID: pulumi.interpolate`${clusterId}/agentPools/${pool.name}` },
      triggers: [want],
    },
    opts,
  );
}

/**
 * Waits (bounded) until the Kubernetes API grants the identity running pulumi up
 * what Flux's bootstrap needs; the Kubernetes provider depends on it. Runs again
 * only when the cluster is re-created.
 */
export function rbacReady(
  name: string,
  clusterName: string,
  clusterUid: pulumi.Input<string>,
  kubeconfig: pulumi.Input<string>,
  opts: pulumi.CustomResourceOptions,
): command.local.Command {
  return new command.local.Command(
    `${name}-rbac-ready`,
    {
      create: rbacWaitScript({ clusterName, ...defaultRbacWait }),
      interpreter: bash,
      environment: { KUBECONFIG_CONTENT: pulumi.secret(kubeconfig) },
      triggers: [clusterUid],
    },
    { ...opts, additionalSecretOutputs: ["stdout", "stderr"] },
  );
}
