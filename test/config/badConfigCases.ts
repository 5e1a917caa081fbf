import { fluxFeatureCases } from "./fluxFeatureCases";

/** Malformed stack configurations, as mutations of the real stack files, with the message each must produce. */
export type Mutation = (values: Record<string, any>) => void;

/** Each case: a mutation of the real dev or prod stack file and what the one-line message must say. */
export const badConfigCases: ReadonlyArray<{ name: string; stack?: string; mutate: Mutation; expect: RegExp }> = [
  {
    name: "a Flux version without the v",
    mutate: (v) => (v.flux.version = "2.9"),
    expect: /^aks-flux-gitops:flux\.version: "2\.9" must look like vX\.Y\.Z, e\.g\. v2\.9\.4$/,
  },
  {
    name: "a misspelt key",
    mutate: (v) => (v.flux.verison = "v2.9.0"),
    expect: /^aks-flux-gitops:flux\.verison: "v2\.9\.0" is not a known key; did you mean flux\.version\?$/,
  },
  {
    name: "an unknown top-level key",
    mutate: (v) => (v.clusters = {}),
    expect: /^aks-flux-gitops:clusters: \{\} is not a known key; did you mean cluster\?$/,
  },
  {
    name: "an environment name with capitals",
    mutate: (v) => (v.environment = "Dev"),
    expect: /^aks-flux-gitops:environment: "Dev" must be 2-12 characters/,
  },
  {
    name: "an environment name too long",
    mutate: (v) => (v.environment = "development01"),
    expect: /^aks-flux-gitops:environment: "development01" must be 2-12/,
  },
  {
    name: "an unknown profile",
    mutate: (v) => (v.profile = "prod"),
    expect: /^aks-flux-gitops:profile: "prod" must be one of development, production$/,
  },
  {
    name: "a misspelt Azure region",
    mutate: (v) => (v.azure.location = "westeurop"),
    expect: /^aks-flux-gitops:azure\.location: "westeurop" is not an Azure region name/,
  },
  {
    name: "a missing Azure region",
    mutate: (v) => delete v.azure.location,
    expect: /^aks-flux-gitops:azure\.location: \(missing\) is required; set it with `pulumi config set --path azure\.location westeurope`$/,
  },
  {
    name: "a missing GitHub owner",
    mutate: (v) => delete v.github.owner,
    expect: /^aks-flux-gitops:github\.owner: \(missing\) is required/,
  },
  {
    name: "a repository name with the owner",
    mutate: (v) => (v.github.infraRepository = "acme/fleet-infra"),
    expect: /^aks-flux-gitops:github\.infraRepository: "acme\/fleet-infra" must be a repository name \(without owner\)/,
  },
  {
    name: "GitHub Enterprise without known hosts",
    mutate: (v) => (v.github.hostname = "github.acme.example"),
    expect:
      /^aks-flux-gitops:github\.knownHosts: \(missing\) is required for GitHub Enterprise Server host github\.acme\.example: .*ssh-keyscan github\.acme\.example/,
  },
  {
    name: "known hosts for another host",
    mutate: (v) =>
      Object.assign(v.github, {
        hostname: "github.acme.example",
        knownHosts: "gitlab.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl",
      }),
    expect:
      /^aks-flux-gitops:github\.knownHosts: .* must be known_hosts lines .* for github\.acme\.example: no line names github\.acme\.example; use `ssh-keyscan github\.acme\.example`/,
  },
  {
    name: "a truncated host key",
    mutate: (v) =>
      Object.assign(v.github, {
        hostname: "github.acme.example",
        knownHosts: "github.acme.example ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMq",
      }),
    expect: /^aks-flux-gitops:github\.knownHosts: .* for github\.acme\.example: line 1: the ssh-ed25519 key is truncated/,
  },
  {
    name: "an unknown host key type",
    mutate: (v) => Object.assign(v.github, { hostname: "github.acme.example", knownHosts: "github.acme.example ssh-bogus AAAA" }),
    expect: /^aks-flux-gitops:github\.knownHosts: .* line 1 has the unknown key type "ssh-bogus"/,
  },
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
    name: "age key generations listed oldest first (going back)",
    mutate: (v) => (v.sops.ageKeyGenerations = [0, 1]),
    expect:
      /^aks-flux-gitops:sops\.ageKeyGenerations: \[0,1\] must list the current \(newest\) generation first .* going back to an older key is refused/,
  },
  {
    name: "an age key generation that contradicts the list",
    mutate: (v) => Object.assign(v.sops, { ageKeyGeneration: 1, ageKeyGenerations: [2, 1] }),
    expect: /^aks-flux-gitops:sops\.ageKeyGeneration: 1 differs from the first \(current\) entry of sops\.ageKeyGenerations \(2\)/,
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
    expect: /^aks-flux-gitops:cluster\.authorizedIpRanges\[0\]: "203\.0\.113\.7\/24" must be an IPv4 CIDR/,
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
  {
    name: "a boolean as a word",
    mutate: (v) => (v.flux.networkPolicy = "yes"),
    expect: /^aks-flux-gitops:flux\.networkPolicy: "yes" must be true or false$/,
  },
  {
    name: "an unknown Flux extra component",
    mutate: (v) => (v.flux.componentsExtra = ["image-updater"]),
    expect:
      /^aks-flux-gitops:flux\.componentsExtra\[0\]: "image-updater" is not a Flux extra component; allowed: image-reflector-controller, image-automation-controller, source-watcher$/,
  },
  {
    name: "components without source-controller",
    mutate: (v) => (v.flux.components = ["kustomize-controller"]),
    expect: /^aks-flux-gitops:flux\.components: \["kustomize-controller"\] must include source-controller/,
  },
  {
    name: "an extra listed as a default component",
    mutate: (v) => (v.flux.components = ["source-controller", "kustomize-controller", "source-watcher"]),
    expect:
      /^aks-flux-gitops:flux\.components\[2\]: "source-watcher" is not a Flux default component; list it in flux\.componentsExtra instead$/,
  },
  {
    name: "image automation without the reflector",
    mutate: (v) => (v.flux.componentsExtra = ["image-automation-controller"]),
    expect: /includes image-automation-controller without image-reflector-controller/,
  },
  {
    name: "an unknown log level",
    mutate: (v) => (v.flux.logLevel = "warn"),
    expect: /^aks-flux-gitops:flux\.logLevel: "warn" must be one of debug, info, error$/,
  },
  {
    name: "an interval that is not a duration",
    mutate: (v) => (v.flux.interval = "every minute"),
    expect: /^aks-flux-gitops:flux\.interval: "every minute" must be a Go duration/,
  },
  {
    name: "an interval below one second",
    mutate: (v) => (v.apps.interval = "500ms"),
    expect: /^aks-flux-gitops:apps\.interval: "500ms" must be a Go duration of at least 1s/,
  },
  {
    name: "an unknown SSH key algorithm",
    mutate: (v) => (v.flux.sshKeyAlgorithm = "dsa"),
    expect: /^aks-flux-gitops:flux\.sshKeyAlgorithm: "dsa" must be one of ecdsa-p384, ed25519, rsa-4096$/,
  },
  {
    name: "a Flux namespace that is not a DNS label",
    mutate: (v) => (v.flux.namespace = "Flux_System"),
    expect: /^aks-flux-gitops:flux\.namespace: "Flux_System" must be a Kubernetes namespace name/,
  },
  {
    name: "commit statuses without credentials",
    mutate: (v) => (v.notifications = { commitStatus: true }),
    expect: /^aks-flux-gitops:notifications\.commitStatus: true needs credentials that may write commit statuses \(never the deploy key\)/,
  },
  {
    name: "a webhook receiver without a certificate",
    mutate: (v) => (v.flux.receiver = { hostname: "flux-dev.example.com" }),
    expect: /^aks-flux-gitops:flux\.receiver\.tls: \(missing\) must set exactly one of secretName/,
  },
  {
    name: "an apps ref with two kinds",
    mutate: (v) => (v.apps.ref = { branch: "main", tag: "v1.0.0" }),
    expect: /^aks-flux-gitops:apps\.ref: \{"branch":"main","tag":"v1\.0\.0"\} must set exactly one of branch, tag, semver, commit$/,
  },
  {
    name: "a semver range over environment-prefixed tags (Flux reads tags as versions)",
    mutate: (v) => (v.apps.ref = { semver: ">=staging-v1.5.0" }),
    expect:
      /^aks-flux-gitops:apps\.ref\.semver: ">=staging-v1\.5\.0" must be a semver range Flux can compare tags with, .*environment-prefixed tags such as staging-v1\.5\.0 never match a range; pin those with tag: instead/,
  },
  {
    name: "a semver range that is not one",
    mutate: (v) => (v.flux.ref = { semver: "latest" }),
    expect: /^aks-flux-gitops:flux\.ref\.semver: "latest" must be a semver range Flux can compare tags with/,
  },
  {
    name: "an apps ref with a short commit",
    mutate: (v) => (v.apps.ref = { commit: "abc123" }),
    expect: /^aks-flux-gitops:apps\.ref\.commit: "abc123" must be a full 40-character commit SHA$/,
  },
  {
    name: "an apps path outside the environment",
    mutate: (v) => (v.apps.path = "./apps/overlays/prod"),
    expect: /^aks-flux-gitops:apps\.path: "\.\/apps\/overlays\/prod" must contain the environment name \(dev\) as a directory/,
  },
  {
    name: "soft delete retention below 7 days",
    mutate: (v) => (v.sops.softDeleteRetentionDays = 3),
    expect: /^aks-flux-gitops:sops\.softDeleteRetentionDays: 3 must be an integer from 7 to 90$/,
  },
  {
    name: "a malformed decrypter object id",
    mutate: (v) => (v.sops.decrypterObjectIds = ["0d9e8f7a"]),
    expect: /^aks-flux-gitops:sops\.decrypterObjectIds\[0\]: "0d9e8f7a" must be an Entra ID object id/,
  },
  {
    name: "a Key Vault name too long",
    mutate: (v) => (v.sops.keyVaultName = "kv-this-name-is-far-too-long"),
    expect: /^aks-flux-gitops:sops\.keyVaultName: "kv-this-name-is-far-too-long" must be 3-24 letters/,
  },
  {
    name: "a section that is not an object",
    mutate: (v) => (v.sops = "on"),
    expect: /^aks-flux-gitops:sops: "on" must be a map of keys \(a YAML object\)$/,
  },
  ...fluxFeatureCases,
];
