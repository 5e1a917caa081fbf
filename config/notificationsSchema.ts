import { z } from "zod";
import { bool, secretString } from "./schemaPrimitives";

/**
 * `flux.receiver` (push-triggered sync) and `notifications` (commit status, chat), as
 * written in a stack file. Required fields and cross-field rules are checked in
 * `resolveNotifications.ts` so their messages can name the fix.
 */

const hostname = /^(?=.{1,253}$)([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,}$/;
const kubernetesName = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const dnsLabel = /^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** An unversioned or versioned Key Vault certificate URI, as the application routing add-on parses it. */
const keyVaultCertificateUri =
  /^https:\/\/[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]\.vault\.(azure\.net|azure\.cn|usgovcloudapi\.net)\/certificates\/[a-zA-Z0-9-]{1,127}(\/[0-9a-f]{32})?$/;

const str = (pattern: RegExp, message: string) => z.string({ error: message }).regex(pattern, { error: message });

/** A positive integer id (GitHub App id, installation id), as a number or a string of digits. */
const numericId = (what: string) =>
  z.preprocess(
    (v) => (typeof v === "number" && Number.isSafeInteger(v) ? String(v) : v),
    str(/^[1-9][0-9]{0,18}$/, `must be the numeric ${what}, e.g. 123456`),
  );

/** Kinds whose events an Alert may listen to (notification-controller v1beta3 Alert CRD). */
export const alertSourceKinds = [
  "Bucket",
  "GitRepository",
  "Kustomization",
  "HelmRelease",
  "HelmChart",
  "HelmRepository",
  "ImageRepository",
  "ImagePolicy",
  "ImageUpdateAutomation",
  "OCIRepository",
  "ArtifactGenerator",
  "ExternalArtifact",
] as const;

export const receiverSchema = () =>
  z.strictObject({
    hostname: str(hostname, "must be a DNS host name such as flux-dev.example.com (GitHub must reach it over HTTPS)").optional(),
    ingressClassName: str(kubernetesName, "must be an IngressClass name such as webapprouting.kubernetes.azure.com").optional(),
    tls: z
      .strictObject({
        secretName: str(kubernetesName, "must be the name of a kubernetes.io/tls Secret in the Flux namespace").optional(),
        keyVaultCertificateUri: str(
          keyVaultCertificateUri,
          "must be a Key Vault certificate URI such as https://my-vault.vault.azure.net/certificates/flux-webhook",
        ).optional(),
      })
      .optional(),
    tokenRotation: z
      .preprocess(
        (v) => (typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v),
        z
          .number({ error: "must be an integer from 0 to 1000000" })
          .int({ error: "must be an integer from 0 to 1000000" })
          .min(0, { error: "must be an integer from 0 to 1000000" })
          .max(1_000_000, { error: "must be an integer from 0 to 1000000" }),
      )
      .optional(),
  });

export const notificationsSchema = () =>
  z.strictObject({
    commitStatus: bool().optional(),
    githubApp: z
      .strictObject({
        id: numericId("GitHub App id").optional(),
        installationId: numericId("installation id of the App on the repositories' owner").optional(),
        privateKey: secretString().optional(),
      })
      .optional(),
    githubToken: secretString().optional(),
    chat: z
      .strictObject({
        type: z.enum(["msteams", "slack", "generic"], { error: "must be one of msteams, slack, generic" }).optional(),
        address: secretString().optional(),
        channel: z.string().min(1, { error: "must not be empty" }).max(2048, { error: "must be at most 2048 characters" }).optional(),
        eventSeverity: z.enum(["info", "error"], { error: "must be one of info, error" }).optional(),
        eventSources: z
          .array(
            z.strictObject({
              kind: z.enum(alertSourceKinds, { error: `must be one of ${alertSourceKinds.join(", ")}` }),
              name: z.string().min(1, { error: "must be an object name or *" }).max(253, { error: "must be at most 253 characters" }),
              namespace: str(dnsLabel, "must be a Kubernetes namespace name").optional(),
            }),
            { error: "must be a list of {kind, name, namespace} objects" },
          )
          .min(1, { error: "must list at least one source (leave it out for the environment's Kustomizations and GitRepositories)" })
          .optional(),
      })
      .optional(),
  });
