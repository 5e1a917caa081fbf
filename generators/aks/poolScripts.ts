/**
 * Bash scripts for the cluster changes azure-native cannot make through the
 * ManagedCluster resource, run with the Azure CLI (`az`, logged in) by
 * `command.local.Command` resources of the AksCluster component.
 *
 * - Version upgrades: `kubernetesVersion` and `orchestratorVersion` are
 *   ignoreChanges (AKS patches them itself), so a version change of the stack runs
 *   `az aks upgrade`, which upgrades the control plane and then every pool (as
 *   Azure/terraform-azurerm-aks does with its kubernetes_version_keeper and
 *   aks_cluster_post_create update resource).
 * - The inline system pool: azure-native applies `agentPoolProfiles` changes as one
 *   ManagedCluster PUT that puts every pool into Scaling or is refused
 *   (pulumi/pulumi-azure-native#4264, won't fix; #2094, #2719), so the cluster
 *   ignores `agentPoolProfiles` after creation. Changes AKS can make to a pool in place
 *   (node count, taints: the `CriticalAddonsOnly` taint when a user pool is turned on)
 *   go through the per-pool operations; a VM size or zone change, which AKS cannot make
 *   to an existing pool, is refused with the procedure.
 *
 * Both read their inputs from the environment (never interpolated into the script).
 */

export function kubernetesUpgradeScript(): string {
  return [
    "set -euo pipefail",
    'if [ -z "$KUBERNETES_VERSION" ]; then',
    '  echo "cluster.kubernetesVersion is not set: AKS keeps the version it chose; nothing to upgrade"',
    "  exit 0",
    "fi",
    'current="$(az aks show --ids "$CLUSTER_ID" --query currentKubernetesVersion --output tsv)"',
    'case "$current" in',
    '  "$KUBERNETES_VERSION"|"$KUBERNETES_VERSION".*) echo "the cluster runs $current, which is $KUBERNETES_VERSION"; exit 0 ;;',
    "esac",
    'echo "upgrading the cluster from $current to $KUBERNETES_VERSION (control plane, then every node pool)"',
    'az aks upgrade --ids "$CLUSTER_ID" --kubernetes-version "$KUBERNETES_VERSION" --yes --output none',
    "",
  ].join("\n");
}

export function systemPoolScript(): string {
  const show = (query: string) => `"$(az aks nodepool show --ids "$POOL_ID" --query "${query}" --output tsv)"`;
  return [
    "set -euo pipefail",
    `vm_size=${show("vmSize")}`,
    `zones=${show("join(',', availabilityZones || \\`[]\\`)")}`,
    `count=${show("count")}`,
    `taints=${show("join(',', nodeTaints || \\`[]\\`)")}`,
    'if [ "$vm_size" != "$WANT_VM_SIZE" ] || [ "$zones" != "$WANT_ZONES" ]; then',
    '  echo "the system pool runs $vm_size in zones [${zones}] but the stack asks for $WANT_VM_SIZE in zones [${WANT_ZONES}]: AKS cannot change the VM size or zones of an existing pool, and the inline system pool is create-only (pulumi/pulumi-azure-native#4264). Replace it with per-pool operations (docs/aks.md, \\"Changing the system pool\\"): az aks nodepool add --mode System --name systemtmp ...; az aks nodepool delete --name system; az aks nodepool add --mode System --name system --node-vm-size $WANT_VM_SIZE ...; az aks nodepool delete --name systemtmp; then run pulumi up again." >&2',
    "  exit 1",
    "fi",
    'if [ "$taints" != "$WANT_TAINTS" ]; then',
    '  echo "system pool taints: [${taints}] -> [${WANT_TAINTS}]"',
    '  az aks nodepool update --ids "$POOL_ID" --node-taints "$WANT_TAINTS" --output none',
    "fi",
    'if [ "$count" != "$WANT_COUNT" ]; then',
    '  echo "system pool nodes: $count -> $WANT_COUNT"',
    '  az aks nodepool scale --ids "$POOL_ID" --node-count "$WANT_COUNT" --output none',
    "fi",
    'echo "the system pool matches the stack: $WANT_VM_SIZE x $WANT_COUNT, zones [${WANT_ZONES}], taints [${WANT_TAINTS}]"',
    "",
  ].join("\n");
}
