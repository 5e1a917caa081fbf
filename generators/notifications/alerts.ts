import type { KubeObject } from "../kube/object";

/**
 * Flux notification Providers and Alerts (notification.toolkit.fluxcd.io/v1beta3, the
 * version Flux v2.9 serves and stores) and the Secrets they read. Pure; secret values
 * come in as plain strings (Pulumi secrets resolved by the component, `<redacted>` in render).
 */

const apiVersion = "notification.toolkit.fluxcd.io/v1beta3";

export type ChatProviderType = "msteams" | "slack" | "generic";
export type EventSeverity = "info" | "error";

/** An object an Alert listens to (Flux's CrossNamespaceObjectReference); `name` may be `*`. */
export interface EventSource {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

export interface ProviderOptions {
  readonly name: string;
  readonly namespace: string;
  readonly type: ChatProviderType | "github";
  /** Secret (same namespace) with the credentials and, for chat providers, the `address`. */
  readonly secretName: string;
  /** For `github`: the repository's HTTPS URL. Chat addresses live in the Secret instead (they embed credentials). */
  readonly address?: string;
  /** Slack channel override. */
  readonly channel?: string;
  /** For `github`: the commit status context as a CEL expression. */
  readonly commitStatusExpr?: string;
}

export function providerObject(options: ProviderOptions): KubeObject {
  return {
    apiVersion,
    kind: "Provider",
    metadata: { name: options.name, namespace: options.namespace },
    spec: {
      type: options.type,
      ...(options.address !== undefined ? { address: options.address } : {}),
      ...(options.channel !== undefined ? { channel: options.channel } : {}),
      ...(options.commitStatusExpr !== undefined ? { commitStatusExpr: options.commitStatusExpr } : {}),
      secretRef: { name: options.secretName },
    },
  };
}

export interface AlertOptions {
  readonly name: string;
  readonly namespace: string;
  readonly providerName: string;
  readonly eventSeverity: EventSeverity;
  readonly eventSources: readonly EventSource[];
  /** Added to every event the provider sends (e.g. the environment), never overriding the event's own. */
  readonly eventMetadata?: Readonly<Record<string, string>>;
}

export function alertObject(options: AlertOptions): KubeObject {
  if (options.eventSources.length === 0) throw new Error(`Alert ${options.name}: needs at least one event source`);
  return {
    apiVersion,
    kind: "Alert",
    metadata: { name: options.name, namespace: options.namespace },
    spec: {
      ...(options.eventMetadata !== undefined ? { eventMetadata: { ...options.eventMetadata } } : {}),
      eventSeverity: options.eventSeverity,
      eventSources: options.eventSources.map((s) => ({
        kind: s.kind,
        name: s.name,
        ...(s.namespace !== undefined ? { namespace: s.namespace } : {}),
      })),
      providerRef: { name: options.providerName },
    },
  };
}

/**
 * How the github Provider authenticates: a GitHub App installation (keys as fluxcd/pkg
 * auth/githubapp reads them: githubAppID, githubAppInstallationID, githubAppPrivateKey,
 * githubAppBaseURL for GitHub Enterprise Server) or a token with commit-status write (`token`).
 */
export type GithubStatusCredentials =
  | { readonly kind: "app"; readonly appId: string; readonly installationId: string; readonly privateKey: string }
  | { readonly kind: "token"; readonly token: string };

/** The GitHub REST API base for an App on GitHub Enterprise Server; undefined on github.com. */
export function githubAppBaseUrl(hostname: string): string | undefined {
  return hostname === "github.com" ? undefined : `https://${hostname}/api/v3`;
}

export function githubStatusSecret(options: {
  name: string;
  namespace: string;
  hostname: string;
  credentials: GithubStatusCredentials;
}): KubeObject {
  const c = options.credentials;
  const baseUrl = githubAppBaseUrl(options.hostname);
  const stringData: Record<string, string> =
    c.kind === "token"
      ? { token: c.token }
      : {
          githubAppID: c.appId,
          githubAppInstallationID: c.installationId,
          githubAppPrivateKey: c.privateKey,
          ...(baseUrl !== undefined ? { githubAppBaseURL: baseUrl } : {}),
        };
  return { apiVersion: "v1", kind: "Secret", metadata: { name: options.name, namespace: options.namespace }, type: "Opaque", stringData };
}

/** A chat Provider's Secret: the webhook address under `address` (it overrides spec.address). */
export function chatAddressSecret(options: { name: string; namespace: string; address: string }): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: options.name, namespace: options.namespace },
    type: "Opaque",
    stringData: { address: options.address },
  };
}

/**
 * The commit status context per environment, e.g. `flux/prod/kustomization/apps`, so
 * each environment reports its own check on a commit (Flux's default context ends in a
 * Provider UID fragment nobody can read).
 */
export function commitStatusExpression(environment: string): string {
  if (!/^[a-z0-9-]+$/.test(environment)) throw new Error(`environment ${JSON.stringify(environment)} cannot be quoted in a CEL string`);
  return `('flux/${environment}/' + event.involvedObject.kind + '/' + event.involvedObject.name).lowerAscii()`;
}
