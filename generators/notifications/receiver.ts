import { createHash } from "node:crypto";
import type { KubeObject } from "../kube/object";

/**
 * Flux's webhook Receiver for GitHub and what exposes it. Pure: the token comes in
 * as a plain string (a Pulumi secret resolved by the component, `<redacted>` in render).
 */

/** The Service flux install creates in front of notification-controller's receiver port (http 80 -> http-webhook). */
export const webhookReceiverService = { name: "webhook-receiver", port: 80 } as const;

/** The ingress class of AKS's application routing add-on (managed NGINX). */
export const appRoutingIngressClass = "webapprouting.kubernetes.azure.com";

/** Annotation the application routing add-on reads to sync a Key Vault certificate into `keyvault-<ingress name>`. */
export const appRoutingKeyVaultCertAnnotation = "kubernetes.azure.com/tls-cert-keyvault-uri";

/**
 * The path notification-controller serves a Receiver on: `/hook/` + hex sha256 of
 * token + name + namespace, exactly as `Receiver.GetWebhookPath` computes it in
 * fluxcd/notification-controller api/v1/receiver_types.go (v1.9.1, the controller
 * Flux v2.9.0 ships). The receiver server looks the Receiver up by this exact request URI.
 */
export function receiverWebhookPath(token: string, name: string, namespace: string): string {
  return `/hook/${createHash("sha256")
    .update(token + name + namespace, "utf8")
    .digest("hex")}`;
}

/** The URL GitHub posts to: HTTPS on the receiver's host name, the path unchanged. */
export function receiverWebhookUrl(hostname: string, token: string, name: string, namespace: string): string {
  return `https://${hostname}${receiverWebhookPath(token, name, namespace)}`;
}

export interface GithubReceiverOptions {
  readonly name: string;
  readonly namespace: string;
  /** Secret (same namespace) holding the token under the key `token`. */
  readonly secretName: string;
  /** GitRepositories (same namespace) a push reconciles. */
  readonly gitRepositories: readonly string[];
}

/** A `github` Receiver (notification.toolkit.fluxcd.io/v1) for `ping` and `push` that reconciles the given GitRepositories. */
export function githubReceiver(options: GithubReceiverOptions): KubeObject {
  if (options.gitRepositories.length === 0) throw new Error(`Receiver ${options.name}: needs at least one GitRepository to reconcile`);
  return {
    apiVersion: "notification.toolkit.fluxcd.io/v1",
    kind: "Receiver",
    metadata: { name: options.name, namespace: options.namespace },
    spec: {
      type: "github",
      events: ["ping", "push"],
      resources: options.gitRepositories.map((name) => ({ apiVersion: "source.toolkit.fluxcd.io/v1", kind: "GitRepository", name })),
      secretRef: { name: options.secretName },
    },
  };
}

/** The Secret a Receiver validates payload signatures with (key `token`, as notification-controller reads it). */
export function receiverTokenSecret(options: { name: string; namespace: string; token: string }): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: options.name, namespace: options.namespace },
    type: "Opaque",
    stringData: { token: options.token },
  };
}

/** Where the receiver's TLS certificate comes from. */
export type ReceiverTls =
  /** A kubernetes.io/tls Secret in the Flux namespace that someone else keeps current (cert-manager, a pipeline). */
  | { readonly secretName: string }
  /** A Key Vault certificate the application routing add-on syncs (its identity needs Key Vault Certificate User). */
  | { readonly keyVaultCertificateUri: string };

export interface WebhookReceiverIngressOptions {
  readonly name: string;
  readonly namespace: string;
  readonly hostname: string;
  readonly ingressClassName: string;
  readonly tls: ReceiverTls;
}

/** The Secret name the Ingress's TLS section names for a certificate source. */
export function receiverTlsSecretName(ingressName: string, tls: ReceiverTls): string {
  // The add-on writes the synced certificate to `keyvault-<ingress name>` (Azure/aks-app-routing-operator pkg/controller/keyvault/spc/ingress.go).
  return "secretName" in tls ? tls.secretName : `keyvault-${ingressName}`;
}

/**
 * An Ingress exposing only `/hook/` of the `webhook-receiver` Service on the host
 * name over HTTPS. The path is passed through unchanged: the receiver matches the full request URI.
 */
export function webhookReceiverIngress(options: WebhookReceiverIngressOptions): KubeObject {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: {
      name: options.name,
      namespace: options.namespace,
      ...("keyVaultCertificateUri" in options.tls
        ? { annotations: { [appRoutingKeyVaultCertAnnotation]: options.tls.keyVaultCertificateUri } }
        : {}),
    },
    spec: {
      ingressClassName: options.ingressClassName,
      rules: [
        {
          host: options.hostname,
          http: {
            paths: [
              {
                path: "/hook/",
                pathType: "Prefix",
                backend: { service: { name: webhookReceiverService.name, port: { number: webhookReceiverService.port } } },
              },
            ],
          },
        },
      ],
      tls: [{ hosts: [options.hostname], secretName: receiverTlsSecretName(options.name, options.tls) }],
    },
  };
}
