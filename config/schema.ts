import { z } from "zod";
import { parseGoDuration } from "../generators/flux/duration";
import { isValidIpv4 } from "./cidr";
import { azureRegions } from "./azureRegions";
import { notificationsSchema, receiverSchema } from "./notificationsSchema";
import { bool, ipv4Cidr, repositoryPath, secretString } from "./schemaPrimitives";
import { appsNamespacesSchema, fluxFeatureKeys, layersSchema } from "./schemaFluxFeatures";
import { isFluxSemverRange, semverRangeMessage } from "./semverRange";
import { installModeKeys } from "./fluxInstallMode";

/**
 * The shape of every key under the `aks-flux-gitops:` namespace, as written in a
 * stack file. Everything is optional here: defaults are applied per profile in
 * `resolve.ts`. Messages complete the sentence `<key>: <value> ...`.
 */

const guidPattern = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const gitBranchOrTag = /^(?!\/|.*\/\/|.*\.\.|.*@\{|.*\.lock$|.*\/$|.*\.$)[^\s~^:?*[\\\x00-\x1f\x7f]+$/;

/** Accepts integers and integer strings in [min, max]. */
const int = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : v),
    z
      .number({ error: `must be an integer from ${min} to ${max}` })
      .int({ error: `must be an integer from ${min} to ${max}` })
      .min(min, { error: `must be an integer from ${min} to ${max}` })
      .max(max, { error: `must be an integer from ${min} to ${max}` }),
  );

const oneOf = <T extends string>(values: readonly [T, ...T[]], hint = "") =>
  z.enum(values, { error: `must be one of ${values.join(", ")}${hint}` });

const str = (pattern: RegExp, message: string) => z.string({ error: message }).regex(pattern, { error: message });

const duration = () =>
  z.string({ error: "must be a Go duration such as 30s, 1m or 1h30m" }).refine(
    (v) => {
      const nanos = parseGoDuration(v);
      return nanos !== undefined && nanos >= 1e9;
    },
    { error: "must be a Go duration of at least 1s, such as 30s, 1m or 1h30m" },
  );

const guid = () => str(guidPattern, "must be an Entra ID object id (a GUID such as 5f0c1c1e-8d5a-4c9e-9a53-2d6f3b1f7a10)");

/** A GitHub repository name; "." and ".." would also escape render's output directory. */
const repositoryName = (example: string) =>
  z
    .string({ error: `must be a repository name (without owner), e.g. ${example}` })
    .regex(/^[A-Za-z0-9._-]{1,100}$/, { error: `must be a repository name (without owner), e.g. ${example}` })
    .refine((v) => v !== "." && v !== "..", {
      error: `is not a repository name GitHub allows (and would point outside the output directory); use a name such as ${example}`,
    })
    .refine((v) => !v.toLowerCase().endsWith(".git"), {
      error: `ends in .git, which GitHub drops from a repository's name (and .git alone is Git's own directory); write the name without it, e.g. ${example}`,
    });

const gitRef = () =>
  z
    .strictObject({
      branch: str(gitBranchOrTag, "must be a valid Git branch name, e.g. main").optional(),
      tag: str(gitBranchOrTag, "must be a valid Git tag, e.g. prod-v1.4.0").optional(),
      semver: z.string({ error: semverRangeMessage }).refine(isFluxSemverRange, { error: semverRangeMessage }).optional(),
      commit: str(/^[0-9a-f]{40}$/, "must be a full 40-character commit SHA").optional(),
    })
    .refine((ref) => Object.values(ref).filter((v) => v !== undefined).length === 1, {
      error: "must set exactly one of branch, tag, semver, commit",
    });

export const rawConfigSchema = z.strictObject({
  environment: str(
    /^(?=.{2,12}$)(?!.*--)[a-z0-9]([a-z0-9-]*[a-z0-9])?$/,
    "must be 2-12 characters of lower-case a-z, 0-9 and single hyphens, starting and ending with a letter or digit",
  ).optional(),
  profile: oneOf(["development", "production"]).optional(),
  protect: bool().optional(),
  azure: z
    .strictObject({
      location: z
        .string({ error: "must be an Azure region name such as westeurope" })
        .refine((v) => azureRegions.has(v), {
          error:
            "is not an Azure region name (use the lower-case name `az account list-locations -o table` prints, e.g. westeurope, eastus2)",
        })
        .optional(),
      existingResourceGroupName: str(/^[-\w._()]{1,89}[-\w_()]$/, "must be an Azure resource group name (1-90 characters)").optional(),
      tags: z.record(z.string(), z.string({ error: "must be a map of string tags" })).optional(),
      deployerObjectIds: z
        .array(guid(), { error: "must be a list of Entra ID object ids (the CI identities and the group of people who run pulumi up)" })
        .optional(),
    })
    .optional(),
  github: z
    .strictObject({
      owner: str(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, "must be a GitHub user or organisation name").optional(),
      infraRepository: repositoryName("fleet-infra").optional(),
      appsRepository: repositoryName("fleet-apps").optional(),
      branch: str(gitBranchOrTag, "must be a valid Git branch name, e.g. main").optional(),
      hostname: str(
        /^(?=.{1,253}$)([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,}$/,
        "must be a host name such as github.com or github.example.com",
      ).optional(),
      sshHostname: str(
        /^(?=.{1,253}(:|$))(([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,}|((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d))(:([1-9]\d{0,3}|[1-5]\d{4}|6[0-4]\d{3}|65[0-4]\d{2}|655[0-2]\d|6553[0-5]))?$/,
        "must be a host name or IPv4 address with an optional port, such as ssh.github.example.com or ssh.github.example.com:2222",
      ).optional(),
      knownHosts: z.string({ error: "must be known_hosts lines (`ssh-keyscan <host>` output, verified out of band)" }).optional(),
      createRepositories: bool().optional(),
      commitAuthor: z
        .strictObject({
          name: z.string().min(1, { error: "must not be empty" }).optional(),
          email: str(/^[^\s@]+@[^\s@]+$/, "must be an e-mail address").optional(),
        })
        .optional(),
    })
    .optional(),
  cluster: z
    .strictObject({
      name: str(/^[a-zA-Z0-9]([-_a-zA-Z0-9]{0,61}[a-zA-Z0-9])?$/, "must be 1-63 letters, digits, hyphens or underscores").optional(),
      kubernetesVersion: str(
        /^1\.\d{2}(\.\d+)?$/,
        "must look like 1.NN or 1.NN.P, e.g. 1.34 (or leave it unset for the region's default)",
      ).optional(),
      skuTier: oneOf(["Free", "Standard", "Premium"]).optional(),
      supportPlan: oneOf(["KubernetesOfficial", "AKSLongTermSupport"]).optional(),
      systemPool: z
        .strictObject({
          vmSize: str(
            /^Standard_[A-Z]{1,3}\d+(-\d+)?[a-z]*(_[A-Za-z]?\d*[a-z]*)*$/,
            "must be an Azure VM size such as Standard_D4ads_v5",
          ).optional(),
          count: int(1, 100).optional(),
        })
        .optional(),
      userPool: z
        .strictObject({
          enabled: bool().optional(),
          vmSize: str(
            /^Standard_[A-Z]{1,3}\d+(-\d+)?[a-z]*(_[A-Za-z]?\d*[a-z]*)*$/,
            "must be an Azure VM size such as Standard_D4ads_v5",
          ).optional(),
          minCount: int(0, 1000).optional(),
          maxCount: int(1, 1000).optional(),
        })
        .optional(),
      zones: z
        .array(
          z.preprocess((v) => (typeof v === "number" ? String(v) : v), oneOf(["1", "2", "3"], " (availability zones)")),
          { error: 'must be a list of availability zones, e.g. ["1", "2", "3"]' },
        )
        .optional(),
      adminGroupObjectIds: z.array(guid(), { error: "must be a list of Entra ID group object ids" }).optional(),
      authorizedIpRanges: z
        .array(ipv4Cidr("203.0.113.0/24"), {
          error: "must be a list of IPv4 CIDRs",
        })
        .optional(),
      privateCluster: bool().optional(),
      allowLocalAccounts: bool().optional(),
      network: z
        .strictObject({
          podCidr: ipv4Cidr("10.244.0.0/16").optional(),
          serviceCidr: ipv4Cidr("10.0.0.0/16").optional(),
          dnsServiceIp: z.string().refine(isValidIpv4, { error: "must be an IPv4 address such as 10.0.0.10" }).optional(),
        })
        .optional(),
      upgradeChannel: z
        .string()
        .refine((v) => ["none", "patch", "node-image"].includes(v), {
          error:
            "must be one of none, patch, node-image (stable and rapid upgrade minor versions behind Pulumi's back: raise cluster.kubernetesVersion in a reviewed change instead)",
        })
        .optional(),
      nodeOsUpgradeChannel: oneOf(["None", "Unmanaged", "NodeImage", "SecurityPatch"]).optional(),
      maintenanceWindow: z
        .strictObject({
          dayOfWeek: oneOf(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]).optional(),
          startTime: str(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time HH:MM, e.g. 02:00").optional(),
          durationHours: int(4, 24).optional(),
          utcOffset: str(/^[+-](0\d|1[0-4]):[0-5]\d$/, "must be an offset like +00:00 or -05:00").optional(),
        })
        .optional(),
      monitoring: bool().optional(),
      azurePolicy: bool().optional(),
      kubeloginMode: oneOf(["azurecli", "workloadidentity", "spn"]).optional(),
      existingKubeconfig: secretString().optional(),
    })
    .optional(),
  flux: z
    .strictObject({
      // vX.Y.Z, or (operator mode) a range: checked per install mode in fluxInstallMode.ts.
      version: z.string({ error: "must look like vX.Y.Z, e.g. v2.9.4" }).min(1, { error: "must look like vX.Y.Z, e.g. v2.9.4" }).optional(),
      namespace: z
        .string()
        .refine((v) => v.length <= 63 && dnsLabel.test(v), { error: "must be a Kubernetes namespace name (DNS label)" })
        .optional(),
      components: z.array(z.string(), { error: "must be a list of Flux controller names" }).optional(),
      componentsExtra: z.array(z.string(), { error: "must be a list of Flux controller names" }).optional(),
      watchAllNamespaces: bool().optional(),
      networkPolicy: bool().optional(),
      clusterDomain: str(
        /^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)*[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
        "must be a DNS domain such as cluster.local",
      ).optional(),
      logLevel: oneOf(["debug", "info", "error"]).optional(),
      registry: str(
        /^[a-z0-9]([-a-z0-9.:]*[a-z0-9])?(\/[a-z0-9._-]+)*$/,
        "must be an image registry path such as ghcr.io/fluxcd",
      ).optional(),
      imagePullSecret: z
        .string()
        .refine((v) => v === "" || (v.length <= 253 && /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(v)), {
          error: "must be a Kubernetes Secret name",
        })
        .optional(),
      tolerationKeys: z.array(z.string().min(1), { error: "must be a list of taint keys" }).optional(),
      pruneCrdsOnRemoval: bool().optional(),
      interval: duration().optional(),
      sshKeyAlgorithm: oneOf(["ecdsa-p384", "ed25519", "rsa-4096"]).optional(),
      deployKeyRotation: int(0, 1_000_000).optional(),
      ref: gitRef().optional(),
      manifests: z.string().min(1, { error: "must be a path to a directory or manifests.tar.gz" }).optional(),
      manifestsSha256: str(/^[0-9a-f]{64}$/, "must be a lower-case hex sha256").optional(),
      receiver: receiverSchema().optional(),
      ...fluxFeatureKeys,
      ...installModeKeys,
    })
    .optional(),
  apps: z
    .strictObject({
      ref: gitRef().optional(),
      interval: duration().optional(),
      path: repositoryPath("./apps/overlays/prod").optional(),
      namespaces: appsNamespacesSchema,
    })
    .optional(),
  layers: layersSchema,
  sops: z
    .strictObject({
      decrypterObjectIds: z.array(guid(), { error: "must be a list of Entra ID object ids" }).optional(),
      purgeProtection: bool().optional(),
      softDeleteRetentionDays: int(7, 90).optional(),
      keyVaultName: str(
        /^(?=.{3,24}$)(?!.*--)[a-zA-Z][a-zA-Z0-9-]*[a-zA-Z0-9]$/,
        "must be 3-24 letters, digits and single hyphens, starting with a letter",
      ).optional(),
      ageKeyGeneration: int(0, 1000).optional(),
      keepPreviousAgeKey: bool().optional(),
      ageKeyGenerations: z.array(int(0, 1000), { error: "must be a list of age key generations, current first, e.g. [2, 1]" }).optional(),
      recoverSoftDeletedVault: bool().optional(),
      keyVault: bool().optional(),
    })
    .optional(),
  notifications: notificationsSchema().optional(),
});

export type RawConfig = z.infer<typeof rawConfigSchema>;

/** Top-level keys of the namespace whose values are objects (JSON in `pulumi.runtime.allConfig()`). */
export const objectKeys: ReadonlySet<string> = new Set(["azure", "github", "cluster", "flux", "apps", "layers", "sops", "notifications"]);
