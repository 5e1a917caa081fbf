import { isAmbiguousPlainScalar } from "../../yaml/goYamlResolve";

/** Controllers `flux install` installs when `--components` is not given. */
export const FLUX_DEFAULT_COMPONENTS = ["source-controller", "kustomize-controller", "helm-controller", "notification-controller"] as const;
/** Controllers Flux accepts in `--components-extra`. */
export const FLUX_EXTRA_COMPONENTS = ["image-reflector-controller", "image-automation-controller", "source-watcher"] as const;
/** Controllers Flux cannot bootstrap without. */
export const FLUX_REQUIRED_COMPONENTS = ["source-controller", "kustomize-controller"] as const;
export const FLUX_LOG_LEVELS = ["debug", "info", "error"] as const;

export type FluxComponent = (typeof FLUX_DEFAULT_COMPONENTS)[number] | (typeof FLUX_EXTRA_COMPONENTS)[number];
export type FluxLogLevel = (typeof FLUX_LOG_LEVELS)[number];

/**
 * How the documents are ordered. `legacy`: kustomize's legacy sort (Namespace,
 * ResourceQuota, CRDs, ServiceAccounts, RBAC, Services, Deployments, the rest), what
 * `kustomize build`/`kubectl kustomize` print. `fifo`: input order (namespace,
 * policies, rbac, then each component's file), what the flux CLI's embedded
 * kustomize prints (it runs krusty without a reorder option).
 */
export type FluxResourceOrder = "legacy" | "fifo";

/** The options of Flux's install overlay (`flux install`/`flux bootstrap` flags). */
export interface FluxInstallOptions {
  /** Flux release, e.g. `v2.9.0`: the header and the `app.kubernetes.io/version` label. Must equal the manifests' version. No default. */
  readonly version: string;
  /** Namespace of every namespaced object, the rbac name suffix and the `app.kubernetes.io/instance` label. Default `flux-system`. */
  readonly namespace: string;
  /**
   * Controllers to install, in output order: Flux's `--components` followed by
   * `--components-extra`, merged as the CLI does. Default: the four default controllers.
   */
  readonly components: readonly string[];
  /** Registry the controller images are renamed to (`<registry>/<component>`); "" keeps the release's `fluxcd/<component>` images. Default `ghcr.io/fluxcd`. */
  readonly registry: string;
  /** Secret added to every controller's `imagePullSecrets`; "" for none. Default "". */
  readonly imagePullSecret: string;
  /** `--watch-all-namespaces` of every controller. Default true. */
  readonly watchAllNamespaces: boolean;
  /** Include the release's `policies.yaml` (NetworkPolicies). Default true. */
  readonly networkPolicy: boolean;
  /** `--log-level` of every controller: debug, info or error. Default `info`. */
  readonly logLevel: FluxLogLevel;
  /** Cluster DNS domain used in the events and storage addresses. Default `cluster.local`. */
  readonly clusterDomain: string;
  /** Taint keys every controller tolerates (`operator: Exists`). Default none. */
  readonly tolerationKeys: readonly string[];
  /** Document order; see FluxResourceOrder. Default `fifo`, what `flux install`/`flux bootstrap` write. */
  readonly resourceOrder?: FluxResourceOrder;
}

/** Flux's defaults (`install.MakeDefaultOptions`), without a version: the manifests decide it. */
export const defaultFluxInstallOptions: Readonly<Omit<FluxInstallOptions, "version">> = Object.freeze({
  namespace: "flux-system",
  components: Object.freeze([...FLUX_DEFAULT_COMPONENTS]),
  registry: "ghcr.io/fluxcd",
  imagePullSecret: "",
  watchAllNamespaces: true,
  networkPolicy: true,
  logLevel: "info",
  clusterDomain: "cluster.local",
  tolerationKeys: Object.freeze([]),
  resourceOrder: "fifo",
});

const VERSION = /^v\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const DNS_LABEL = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*$/;
const REGISTRY = /^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]+)?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const QUALIFIED_NAME =
  /^(?:[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const KNOWN_COMPONENTS: readonly string[] = [...FLUX_DEFAULT_COMPONENTS, ...FLUX_EXTRA_COMPONENTS];

const quote = (value: unknown): string => JSON.stringify(value) ?? String(value);

/** Every problem with `options`, each naming the option, the value and what is allowed; empty when valid. */
export function validateFluxInstallOptions(options: FluxInstallOptions): string[] {
  const problems: string[] = [];
  const add = (option: string, value: unknown, rule: string): void => {
    problems.push(`${option}: ${quote(value)} ${rule}`);
  };
  if (typeof options.version !== "string" || !VERSION.test(options.version)) {
    add("version", options.version, "is not a Flux release version (expected v<major>.<minor>.<patch>, e.g. v2.9.0)");
  }
  checkName(
    add,
    "namespace",
    options.namespace,
    DNS_LABEL,
    63,
    "a Kubernetes namespace name (lowercase letters, digits and '-', at most 63 characters)",
  );
  checkComponents(add, options.components);
  if (typeof options.registry !== "string" || (options.registry !== "" && !REGISTRY.test(options.registry))) {
    add(
      "registry",
      options.registry,
      `is not an image registry path (host[:port][/path], no trailing '/'), nor "" to keep the release's images`,
    );
  }
  if (options.imagePullSecret !== "") {
    checkName(
      add,
      "imagePullSecret",
      options.imagePullSecret,
      DNS_SUBDOMAIN,
      253,
      `a Secret name (lowercase DNS subdomain), nor "" for none`,
    );
  }
  for (const flag of ["watchAllNamespaces", "networkPolicy"] as const) {
    if (typeof options[flag] !== "boolean") add(flag, options[flag], "must be true or false");
  }
  if (!(FLUX_LOG_LEVELS as readonly unknown[]).includes(options.logLevel)) {
    add("logLevel", options.logLevel, `is not a supported log level, must be one of: ${FLUX_LOG_LEVELS.join(", ")}`);
  }
  checkName(add, "clusterDomain", options.clusterDomain, DNS_SUBDOMAIN, 253, "a DNS domain (lowercase letters, digits, '-' and '.')");
  if (!Array.isArray(options.tolerationKeys)) add("tolerationKeys", options.tolerationKeys, "must be a list of taint keys");
  else {
    options.tolerationKeys.forEach((key, i) => {
      if (typeof key !== "string" || !QUALIFIED_NAME.test(key) || key.length > 316) {
        add(`tolerationKeys[${i}]`, key, "is not a taint key ([prefix/]name, e.g. node.kubernetes.io/dedicated-to-flux)");
      }
    });
  }
  if (options.resourceOrder !== undefined && options.resourceOrder !== "legacy" && options.resourceOrder !== "fifo") {
    add("resourceOrder", options.resourceOrder, "must be legacy or fifo");
  }
  return problems;
}

/** Names Flux's templates write unquoted into YAML must also stay strings there ("true", "123" would not). */
function checkName(
  add: (o: string, v: unknown, r: string) => void,
  option: string,
  value: unknown,
  pattern: RegExp,
  max: number,
  what: string,
): void {
  if (typeof value !== "string" || value.length > max || !pattern.test(value)) add(option, value, `is not ${what}`);
  else if (isAmbiguousPlainScalar(value))
    add(option, value, "would be read as a number, boolean or null in Flux's generated YAML; choose another name");
}

function checkComponents(add: (o: string, v: unknown, r: string) => void, components: readonly string[]): void {
  if (!Array.isArray(components)) return add("components", components, "must be a list of Flux controllers");
  components.forEach((name, i) => {
    if (!KNOWN_COMPONENTS.includes(name)) add(`components[${i}]`, name, `is not a Flux component; allowed: ${KNOWN_COMPONENTS.join(", ")}`);
    else if (components.indexOf(name) !== i) add(`components[${i}]`, name, "is listed twice");
  });
  for (const required of FLUX_REQUIRED_COMPONENTS) {
    if (!components.includes(required)) add("components", components, `must include ${required} (Flux cannot bootstrap without it)`);
  }
}

export function assertValidFluxInstallOptions(options: FluxInstallOptions): void {
  const problems = validateFluxInstallOptions(options);
  if (problems.length > 0) throw new Error(`invalid Flux install options:\n  - ${problems.join("\n  - ")}`);
}
