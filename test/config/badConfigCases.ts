import { badClusterConfigCases } from "./badClusterConfigCases";
import { fluxFeatureCases } from "./fluxFeatureCases";
import { operatorModeCases } from "./operatorModeCases";

/** Malformed stack configurations, as mutations of the real stack files, with the message each must produce. */
export type Mutation = (values: Record<string, any>) => void;
export interface BadConfigCase {
  readonly name: string;
  readonly stack?: string;
  readonly mutate: Mutation;
  readonly expect: RegExp;
}

/** Each case: a mutation of the real dev or prod stack file and what the one-line message must say. */
export const badConfigCases: readonly BadConfigCase[] = [
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
  ...badClusterConfigCases,
  ...fluxFeatureCases,
  ...operatorModeCases,
];
