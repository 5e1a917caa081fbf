/** Bad flux.installMode, flux.operator.* values, and options operator mode cannot honour (config/fluxInstallMode.ts). */
type Mutation = (values: Record<string, any>) => void;

/** Operator mode; `manifests: undefined` keeps the program harness's local Flux manifests (a bootstrap-only key) out. */
const operator =
  (extra: Record<string, unknown> = {}) =>
  (v: Record<string, any>) =>
    Object.assign(v.flux, { installMode: "operator", manifests: undefined, ...extra });

export const operatorModeCases: ReadonlyArray<{ name: string; stack?: string; mutate: Mutation; expect: RegExp }> = [
  {
    name: "an unknown install mode",
    mutate: (v) => (v.flux.installMode = "helm"),
    expect: /^aks-flux-gitops:flux\.installMode: "helm" must be one of bootstrap, operator$/,
  },
  {
    name: "an operator version without the v",
    mutate: operator({ operator: { version: "0.58.1" } }),
    expect:
      /^aks-flux-gitops:flux\.operator\.version: "0\.58\.1" must look like vX\.Y\.Z, e\.g\. v0\.58\.1 \(a Flux Operator release tag\)$/,
  },
  {
    name: "an empty operator manifests path",
    mutate: operator({ operator: { manifests: "" } }),
    expect: /^aks-flux-gitops:flux\.operator\.manifests: "" must be a path to the operator's install\.yaml or a directory holding it$/,
  },
  {
    name: "operator keys in bootstrap mode",
    mutate: (v) => (v.flux.operator = { version: "v0.58.1" }),
    expect:
      /^aks-flux-gitops:flux\.operator: \{"version":"v0\.58\.1"\} is only used with flux\.installMode: operator; remove it, or set flux\.installMode: operator/,
  },
  {
    name: "a Flux version range in bootstrap mode",
    mutate: (v) => (v.flux.version = "2.9.x"),
    expect: /^aks-flux-gitops:flux\.version: "2\.9\.x" must look like vX\.Y\.Z, e\.g\. v2\.9\.4$/,
  },
  {
    name: "a Flux version that is neither a version nor a range in operator mode",
    mutate: operator({ version: "latest" }),
    expect:
      /^aks-flux-gitops:flux\.version: "latest" must be a Flux version vX\.Y\.Z, e\.g\. v2\.9\.4, or \(in operator mode\) a semver range the operator upgrades within, e\.g\. 2\.9\.x$/,
  },
  {
    name: "local Flux manifests in operator mode",
    mutate: operator({ manifests: "./flux-manifests" }),
    expect:
      /^aks-flux-gitops:flux\.manifests: "\.\/flux-manifests" cannot be honoured with flux\.installMode: operator: the operator installs Flux from the manifests inside its own image; remove it \(flux\.operator\.manifests takes/,
  },
  {
    name: "a Flux manifests digest in operator mode",
    mutate: operator({ manifestsSha256: "a".repeat(64) }),
    expect:
      /^aks-flux-gitops:flux\.manifestsSha256: "a{64}" cannot be honoured with flux\.installMode: operator: it pins Flux's manifests\.tar\.gz/,
  },
  {
    name: "a debug log level in operator mode",
    mutate: operator({ logLevel: "debug" }),
    expect:
      /^aks-flux-gitops:flux\.logLevel: "debug" cannot be honoured with flux\.installMode: operator: the operator always starts the controllers with --log-level=info .*; remove it, or use flux\.installMode: bootstrap$/,
  },
  {
    name: "watching only Flux's namespace in operator mode",
    mutate: operator({ watchAllNamespaces: false }),
    expect:
      /^aks-flux-gitops:flux\.watchAllNamespaces: false cannot be honoured with flux\.installMode: operator: the operator always starts the controllers with --watch-all-namespaces=true/,
  },
  {
    name: "toleration keys in operator mode",
    mutate: operator({ tolerationKeys: ["CriticalAddonsOnly"] }),
    expect:
      /^aks-flux-gitops:flux\.tolerationKeys: \["CriticalAddonsOnly"\] cannot be honoured with flux\.installMode: operator: the FluxInstance has no tolerations field; add them with flux\.patches/,
  },
  {
    name: "pruning CRDs in operator mode",
    mutate: operator({ pruneCrdsOnRemoval: true }),
    expect:
      /^aks-flux-gitops:flux\.pruneCrdsOnRemoval: true cannot be honoured with flux\.installMode: operator: the operator, not the program, manages Flux's CRDs/,
  },
  {
    name: "a semver range as the infra ref in operator mode",
    mutate: operator({ ref: { semver: ">=1.0.0" } }),
    expect:
      /^aks-flux-gitops:flux\.ref: \{"semver":">=1\.0\.0"\} cannot be honoured with flux\.installMode: operator: the FluxInstance's sync\.ref is a Git reference name .*; use branch or tag/,
  },
  {
    name: "a commit as the infra ref in operator mode",
    mutate: operator({ ref: { commit: "0123456789abcdef0123456789abcdef01234567" } }),
    expect:
      /^aks-flux-gitops:flux\.ref: \{"commit":"0123456789abcdef0123456789abcdef01234567"\} cannot be honoured with flux\.installMode: operator/,
  },
  {
    name: "an install mode switch acknowledgement that is not a boolean",
    mutate: (v) => (v.flux.allowInstallModeSwitch = "yes"),
    expect: /^aks-flux-gitops:flux\.allowInstallModeSwitch: "yes" must be true or false$/,
  },
];
