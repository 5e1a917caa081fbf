import { isMap, parseDocument, stringify } from "yaml";
import type { KubeloginMode } from "./clusterOptions";

/**
 * Turns the cluster-user kubeconfig AKS returns (`listClusterUserCredential`)
 * into one whose users authenticate with kubelogin's exec plugin in a chosen
 * login mode, the equivalent of `kubelogin convert-kubeconfig -l <mode>`.
 *
 * The arguments per mode follow kubelogin's converter (Azure/kubelogin,
 * pkg/internal/converter/convert.go) and its login-mode docs:
 * - `azurecli`: `get-token --login azurecli --server-id <id>`; the token comes from
 *   the `az login` session and its tenant (kubelogin ignores the kubeconfig's
 *   tenant in this mode on purpose, so none is written).
 * - `workloadidentity`: `... --tenant-id <tenant>`; the client id comes from
 *   `AZURE_CLIENT_ID`, the assertion from `AZURE_FEDERATED_TOKEN_FILE` or, in
 *   GitHub Actions, from the job's OIDC token (`permissions: id-token: write`).
 * - `spn`: `... --tenant-id <tenant>`; client id and secret or certificate from
 *   `AZURE_CLIENT_ID` + `AZURE_CLIENT_SECRET` (or `AAD_SERVICE_PRINCIPAL_*`), never
 *   written into the kubeconfig.
 * Every user's static credentials (certificates, tokens, auth-provider) are
 * dropped: the result carries no secret of its own.
 */

/** Application id of the "Azure Kubernetes Service AAD Server", the audience of every AKS Entra ID token. */
export const aksAadServerAppId = "6dae42f8-4368-4678-94ff-3960e28e3630";

export const kubeloginExecApiVersion = "client.authentication.k8s.io/v1beta1";

export interface KubeloginOptions {
  readonly mode: KubeloginMode;
  /** Default: `aksAadServerAppId`. */
  readonly serverId?: string;
  /** Entra ID tenant. Default: the `--tenant-id` of the input's kubelogin user, if any. Required for `spn`. */
  readonly tenantId?: string;
}

export interface KubeloginExec {
  readonly apiVersion: string;
  readonly command: "kubelogin";
  readonly args: string[];
  readonly installHint: string;
  readonly provideClusterInfo: false;
}

/** Shown by kubectl (and the Pulumi Kubernetes provider) when kubelogin is not on PATH. */
export function kubeloginInstallHint(mode: KubeloginMode): string {
  const lines = [
    "kubelogin is not installed. It is required to reach this AKS cluster, which uses Microsoft Entra ID.",
    "Install it with `az aks install-cli`, `brew install Azure/kubelogin/kubelogin`, or in GitHub Actions",
    "with the azure/use-kubelogin action; see https://azure.github.io/kubelogin/install.html.",
  ];
  if (mode === "azurecli") lines.push("Login mode azurecli: run `az login` first.");
  if (mode === "workloadidentity")
    lines.push("Login mode workloadidentity: set AZURE_CLIENT_ID (and AZURE_FEDERATED_TOKEN_FILE outside GitHub Actions).");
  if (mode === "spn") lines.push("Login mode spn: set AZURE_CLIENT_ID and AZURE_CLIENT_SECRET.");
  return `${lines.join("\n")}\n`;
}

/** The exec block for one login mode. */
export function kubeloginExec(options: KubeloginOptions & { environment?: string }): KubeloginExec {
  const serverId = options.serverId ?? aksAadServerAppId;
  const args = ["get-token", "--login", options.mode, "--server-id", serverId];
  // As kubelogin's converter: only spn carries the cloud environment (default AzurePublicCloud).
  if (options.environment !== undefined && options.mode === "spn") args.push("--environment", options.environment);
  if (options.mode === "spn" && options.tenantId === undefined) {
    throw new Error("kubelogin login mode spn needs the Entra ID tenant id (pass tenantId)");
  }
  if (options.mode !== "azurecli" && options.tenantId !== undefined) args.push("--tenant-id", options.tenantId);
  return {
    apiVersion: kubeloginExecApiVersion,
    command: "kubelogin",
    args,
    installHint: kubeloginInstallHint(options.mode),
    provideClusterInfo: false,
  };
}

/**
 * Rewrites every user of `kubeconfigYaml` to kubelogin exec in `options.mode`.
 * Throws an Error naming what is wrong (never quoting the input, which may hold
 * credentials) when the text is not a kubeconfig.
 */
export function kubeloginKubeconfig(kubeconfigYaml: string, options: KubeloginOptions): string {
  const config = parseKubeconfig(kubeconfigYaml);
  const users = config.users as Array<{ name: string; user?: Record<string, unknown> }>;
  const rewritten = users.map((entry) => {
    const found = existingAzureSettings(entry.user);
    const exec = kubeloginExec({
      mode: options.mode,
      serverId: options.serverId ?? found.serverId,
      tenantId: options.tenantId ?? found.tenantId,
      environment: found.environment,
    });
    return { name: entry.name, user: { exec } };
  });
  return stringify({ ...config, users: rewritten });
}

/**
 * The kubeconfig text from `listManagedClusterUserCredentials`: the `clusterUser`
 * entry (or the only one), base64-decoded.
 */
export function userKubeconfigFromCredentials(kubeconfigs: readonly { name: string; value: string }[]): string {
  const entry = kubeconfigs.find((k) => k.name === "clusterUser") ?? (kubeconfigs.length === 1 ? kubeconfigs[0] : undefined);
  if (entry === undefined) {
    throw new Error(`AKS returned ${kubeconfigs.length} user kubeconfigs and none named clusterUser; cannot pick one`);
  }
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(entry.value.replace(/\s+/g, ""))) {
    throw new Error(`AKS user kubeconfig ${entry.name} is not base64`);
  }
  return Buffer.from(entry.value, "base64").toString("utf8");
}

function parseKubeconfig(text: string): Record<string, unknown> {
  const document = parseDocument(text, { prettyErrors: false });
  if (document.errors.length > 0) {
    // Position only: the error's own message quotes the text, which may hold credentials.
    const first = document.errors[0];
    const before = text.slice(0, first.pos[0]).split("\n");
    throw new Error(
      `kubeconfig is not valid YAML (${first.code} at line ${before.length}, column ${before[before.length - 1].length + 1})`,
    );
  }
  if (!isMap(document.contents))
    throw new Error("kubeconfig is not a YAML mapping (expected apiVersion, kind: Config, clusters, contexts, users)");
  const config = document.toJS() as Record<string, unknown>;
  if (config.kind !== undefined && config.kind !== "Config")
    throw new Error(`kubeconfig has kind ${JSON.stringify(config.kind)}, expected Config`);
  requireNamedList(
    config,
    "clusters",
    (item) => typeof (item.cluster as Record<string, unknown> | undefined)?.server === "string",
    "cluster.server",
  );
  requireNamedList(
    config,
    "contexts",
    (item) => typeof (item.context as Record<string, unknown> | undefined)?.cluster === "string",
    "context.cluster",
  );
  requireNamedList(config, "users", () => true, "");
  return config;
}

function requireNamedList(
  config: Record<string, unknown>,
  key: string,
  valid: (item: Record<string, unknown>) => boolean,
  field: string,
): void {
  const list = config[key];
  if (!Array.isArray(list) || list.length === 0) throw new Error(`kubeconfig has no ${key}`);
  list.forEach((item: unknown, i) => {
    if (item === null || typeof item !== "object" || typeof (item as Record<string, unknown>).name !== "string") {
      throw new Error(`kubeconfig ${key}[${i}] has no name`);
    }
    if (!valid(item as Record<string, unknown>)) throw new Error(`kubeconfig ${key}[${i}] has no ${field}`);
  });
}

/** Server id, tenant and cloud environment the input user already names (exec args or the legacy azure auth-provider). */
function existingAzureSettings(user: Record<string, unknown> | undefined): { serverId?: string; tenantId?: string; environment?: string } {
  const exec = user?.exec as { args?: unknown } | undefined;
  if (exec && Array.isArray(exec.args)) {
    const args = exec.args.filter((a): a is string => typeof a === "string");
    const after = (flag: string) => {
      const i = args.indexOf(flag);
      return i >= 0 && i + 1 < args.length ? args[i + 1] : undefined;
    };
    return { serverId: after("--server-id"), tenantId: after("--tenant-id"), environment: after("--environment") };
  }
  const provider = user?.["auth-provider"] as { name?: unknown; config?: Record<string, unknown> } | undefined;
  if (provider?.name === "azure" && provider.config) {
    const text = (key: string) => (typeof provider.config?.[key] === "string" ? (provider.config[key] as string) : undefined);
    return { serverId: text("apiserver-id"), tenantId: text("tenant-id"), environment: text("environment") };
  }
  return {};
}
