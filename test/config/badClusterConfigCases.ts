import type { BadConfigCase } from "./badConfigCases";

/** The cluster's and Azure's malformed settings (part of badConfigCases): versions, tiers, pools, zones, network, access. */
export const badClusterConfigCases: readonly BadConfigCase[] = [
  {
    name: "a malformed Kubernetes version",
    mutate: (v) => (v.cluster.kubernetesVersion = "v1.33"),
    expect: /^aks-flux-gitops:cluster\.kubernetesVersion: "v1\.33" must look like 1\.NN or 1\.NN\.P/,
  },
  {
    name: "a patch version with the patch upgrade channel",
    mutate: (v) => (v.cluster.kubernetesVersion = "1.34.2"),
    expect:
      /^aks-flux-gitops:cluster\.kubernetesVersion: "1\.34\.2" pins a patch version, but cluster\.upgradeChannel "patch" lets AKS move the cluster: use 1\.34/,
  },
  {
    name: "Kubernetes 1.33, out of AKS support since July 2026",
    mutate: (v) => (v.cluster.kubernetesVersion = "1.33"),
    expect:
      /^aks-flux-gitops:cluster\.kubernetesVersion: "1\.33" is out of AKS community support \(1\.33 reached its AKS end of life in July 2026; supported: 1\.34 and newer\): remove cluster\.kubernetesVersion/,
  },
  {
    name: "long-term support without the Premium tier",
    mutate: (v) => (v.cluster.supportPlan = "AKSLongTermSupport"),
    expect: /^aks-flux-gitops:cluster\.supportPlan: "AKSLongTermSupport" needs cluster\.skuTier Premium \(it is Free\)/,
  },
  {
    name: "zones in a region without availability zones",
    stack: "prod",
    mutate: (v) => (v.azure.location = "northcentralus"),
    expect: /^aks-flux-gitops:cluster\.zones: \["1","2","3"\] cannot be used in northcentralus: the region has no availability zones/,
  },
  {
    name: "an unknown sku tier",
    mutate: (v) => (v.cluster.skuTier = "Basic"),
    expect: /^aks-flux-gitops:cluster\.skuTier: "Basic" must be one of Free, Standard, Premium$/,
  },
  {
    name: "a VM size that is not one",
    mutate: (v) => (v.cluster.systemPool.vmSize = "D4s_v5"),
    expect: /^aks-flux-gitops:cluster\.systemPool\.vmSize: "D4s_v5" must be an Azure VM size such as Standard_D4ads_v5$/,
  },
  {
    name: "a node count as words",
    mutate: (v) => (v.cluster.systemPool.count = "three"),
    expect: /^aks-flux-gitops:cluster\.systemPool\.count: "three" must be an integer from 1 to 100$/,
  },
  {
    name: "a zero node count",
    mutate: (v) => (v.cluster.systemPool.count = 0),
    expect: /^aks-flux-gitops:cluster\.systemPool\.count: 0 must be an integer from 1 to 100$/,
  },
  {
    name: "an autoscaler minimum above its maximum",
    stack: "prod",
    mutate: (v) => Object.assign(v.cluster.userPool, { minCount: 12, maxCount: 10 }),
    expect: /^aks-flux-gitops:cluster\.userPool\.minCount: 12 must not exceed cluster\.userPool\.maxCount \(10\)$/,
  },
  {
    name: "a zone outside 1-3",
    stack: "prod",
    mutate: (v) => (v.cluster.zones = ["1", "4"]),
    expect: /^aks-flux-gitops:cluster\.zones\[1\]: "4" must be one of 1, 2, 3 \(availability zones\)$/,
  },
  {
    name: "zones that are not a list",
    stack: "prod",
    mutate: (v) => (v.cluster.zones = "1,2,3"),
    expect: /^aks-flux-gitops:cluster\.zones: "1,2,3" must be a list of availability zones/,
  },
  {
    name: "a malformed admin group id",
    mutate: (v) => (v.cluster.adminGroupObjectIds = ["platform-admins"]),
    expect: /^aks-flux-gitops:cluster\.adminGroupObjectIds\[0\]: "platform-admins" must be an Entra ID object id/,
  },
  {
    name: "a malformed CIDR",
    stack: "prod",
    mutate: (v) => (v.cluster.authorizedIpRanges = ["203.0.113.0/33"]),
    expect: /^aks-flux-gitops:cluster\.authorizedIpRanges\[0\]: "203\.0\.113\.0\/33" must be an IPv4 CIDR such as 203\.0\.113\.0\/24$/,
  },
  {
    name: "a CIDR with host bits set",
    stack: "prod",
    mutate: (v) => (v.cluster.authorizedIpRanges = ["203.0.113.7/24"]),
    expect:
      /^aks-flux-gitops:cluster\.authorizedIpRanges\[0\]: "203\.0\.113\.7\/24" has host bits set: the network of 203\.0\.113\.7\/24 is 203\.0\.113\.0\/24; write that$/,
  },
  {
    name: "an address without a prefix where a CIDR belongs",
    mutate: (v) => (v.cluster.network = { podCidr: "10.244.0.0" }),
    expect:
      /^aks-flux-gitops:cluster\.network\.podCidr: "10\.244\.0\.0" is an address without a prefix length: add one, as in 10\.244\.0\.0\/16 \(10\.244\.0\.0\/32 is that one address\)$/,
  },
  {
    name: "an IPv6 range as an authorized range",
    stack: "prod",
    mutate: (v) => (v.cluster.authorizedIpRanges = ["2603:1020::/48"]),
    expect:
      /^aks-flux-gitops:cluster\.authorizedIpRanges\[0\]: "2603:1020::\/48" is an IPv6 range; this key takes IPv4 CIDRs such as 203\.0\.113\.0\/24$/,
  },
  {
    name: "overlapping pod and service CIDRs",
    mutate: (v) => (v.cluster.network = { podCidr: "10.0.0.0/8", serviceCidr: "10.0.0.0/16", dnsServiceIp: "10.0.0.10" }),
    expect: /^aks-flux-gitops:cluster\.network\.serviceCidr: "10\.0\.0\.0\/16" overlaps cluster\.network\.podCidr \(10\.0\.0\.0\/8\)/,
  },
  {
    name: "a DNS service IP outside the service CIDR",
    mutate: (v) => (v.cluster.network = { dnsServiceIp: "10.1.0.10" }),
    expect:
      /^aks-flux-gitops:cluster\.network\.dnsServiceIp: "10\.1\.0\.10" must be a host address inside cluster\.network\.serviceCidr \(10\.0\.0\.0\/16\)/,
  },
  {
    name: "a private cluster with authorized ranges",
    stack: "prod",
    mutate: (v) => (v.cluster.privateCluster = true),
    expect: /^aks-flux-gitops:cluster\.authorizedIpRanges: \["52\.174\.0\.0\/24"\] cannot be combined with cluster\.privateCluster: true/,
  },
  {
    name: "an unknown upgrade channel",
    mutate: (v) => (v.cluster.upgradeChannel = "weekly"),
    expect: /^aks-flux-gitops:cluster\.upgradeChannel: "weekly" must be one of none, patch, node-image/,
  },
  {
    name: "the stable upgrade channel",
    mutate: (v) => (v.cluster.upgradeChannel = "stable"),
    expect: /stable and rapid upgrade minor versions behind Pulumi's back/,
  },
  {
    name: "an unknown node OS channel",
    mutate: (v) => (v.cluster.nodeOsUpgradeChannel = "Weekly"),
    expect: /^aks-flux-gitops:cluster\.nodeOsUpgradeChannel: "Weekly" must be one of None, Unmanaged, NodeImage, SecurityPatch$/,
  },
  {
    name: "a maintenance window shorter than 4 hours",
    mutate: (v) => (v.cluster.maintenanceWindow = { durationHours: 2 }),
    expect: /^aks-flux-gitops:cluster\.maintenanceWindow\.durationHours: 2 must be an integer from 4 to 24$/,
  },
  {
    name: "a maintenance start time in 12-hour form",
    mutate: (v) => (v.cluster.maintenanceWindow = { startTime: "2am" }),
    expect: /^aks-flux-gitops:cluster\.maintenanceWindow\.startTime: "2am" must be a time HH:MM, e\.g\. 02:00$/,
  },
  {
    name: "local accounts in production",
    stack: "prod",
    mutate: (v) => (v.cluster.allowLocalAccounts = true),
    expect: /^aks-flux-gitops:cluster\.allowLocalAccounts: true is only allowed in a development environment/,
  },
  {
    name: "a kubeconfig that is not a secret string",
    mutate: (v) => (v.cluster.existingKubeconfig = 42),
    expect: /^aks-flux-gitops:cluster\.existingKubeconfig: <secret> must be set with `pulumi config set --secret --path <key> <value>`$/,
  },
];
