import { z } from "zod";
import { repositoryPath } from "./schemaPrimitives";

/**
 * Schema parts of the Flux features users configure on top of the bootstrap:
 * `flux.patches`, `flux.multitenant`, `flux.workloadIdentity`,
 * `flux.imageUpdateAutomation`, `layers` and `apps.namespaces`.
 */

const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const label = (what: string) =>
  z.string({ error: `must be ${what} (a DNS label: lower-case letters, digits and -)` }).refine((v) => v.length <= 63 && dnsLabel.test(v), {
    error: `must be ${what} (a DNS label: lower-case letters, digits and -, at most 63 characters)`,
  });

const selectorField = () => z.string({ error: "must be a string (kustomize matches it as an anchored regular expression)" }).optional();

export const patchSchema = z.strictObject({
  patch: z.string({ error: "must be the patch text: a list of JSON 6902 operations or one strategic merge patch object (YAML)" }),
  target: z
    .strictObject({
      group: selectorField(),
      version: selectorField(),
      kind: selectorField(),
      name: selectorField(),
      namespace: selectorField(),
      labelSelector: z.string({ error: "must be a label selector such as app=web" }).optional(),
      annotationSelector: z.string({ error: "must be an annotation selector such as a=b" }).optional(),
    })
    .optional(),
});

const armRegistryId =
  /^\/subscriptions\/[0-9a-fA-F-]{36}\/resourceGroups\/[-\w._()]+\/providers\/Microsoft\.ContainerRegistry\/registries\/[A-Za-z0-9]{5,50}$/;

export const workloadIdentitySchema = z.strictObject({
  enabled: z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean({ error: "must be true or false" })).optional(),
  controllers: z.array(z.string(), { error: "must be a list of Flux controller names" }).optional(),
  acrPullRegistries: z
    .array(
      z.string().regex(armRegistryId, {
        error:
          "must be a container registry resource id: /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.ContainerRegistry/registries/<name>",
      }),
      {
        error: "must be a list of container registry resource ids",
      },
    )
    .optional(),
});

export const imageUpdateAutomationSchema = z.strictObject({
  repository: z.enum(["infra", "apps"], { error: "must be infra or apps (which repository the automation commits to)" }).optional(),
  branch: z
    .string()
    .regex(/^(?!\/|.*\/\/|.*\.\.|.*@\{|.*\.lock$|.*\/$|.*\.$)[^\s~^:?*[\\\x00-\x1f\x7f]+$/, {
      error: "must be a valid Git branch name, e.g. main",
    })
    .optional(),
  path: repositoryPath("./apps/overlays/dev").optional(),
  interval: z
    .string()
    .regex(/^(\d+(\.\d+)?(h|m|s|ms))+$/, { error: "must be a Go duration such as 30m or 1h" })
    .optional(),
  author: z
    .strictObject({
      name: z.string().min(1, { error: "must not be empty" }).optional(),
      email: z
        .string()
        .regex(/^[^\s@]+@[^\s@]+$/, { error: "must be an e-mail address" })
        .optional(),
    })
    .optional(),
  messageTemplate: z.string().min(1, { error: "must not be empty" }).optional(),
});

export const fluxFeatureKeys = {
  patches: z.array(patchSchema, { error: "must be a list of {patch, target} entries, as kustomization.yaml's patches:" }).optional(),
  multitenant: z
    .preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean({ error: "must be true or false" }))
    .optional(),
  workloadIdentity: workloadIdentitySchema.optional(),
  imageUpdateAutomation: imageUpdateAutomationSchema.optional(),
};

/** Most layers (and apps namespaces) a stack may list: each is rendered as files and cluster objects of its own. */
export const maxLayers = 100;

export const layersSchema = z
  .array(label("a layer name"), { error: 'must be a list of layer names, e.g. ["infrastructure", "operators", "core"]' })
  .min(1, { error: 'must name at least one layer (default ["infrastructure"])' })
  .max(maxLayers, {
    error: (issue) =>
      `has ${Array.isArray(issue.input) ? issue.input.length : "too many"} entries; at most ${maxLayers} layers (each is a Kustomization and a directory of its own): merge layers`,
  })
  .optional();

export const appsNamespacesSchema = z
  .array(label("a namespace name"), { error: "must be a list of namespace names" })
  .min(1, { error: "must name at least one namespace" })
  .max(maxLayers, {
    error: (issue) =>
      `has ${Array.isArray(issue.input) ? issue.input.length : "too many"} entries; at most ${maxLayers} namespaces: list fewer`,
  })
  .optional();
