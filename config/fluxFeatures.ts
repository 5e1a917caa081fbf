import { canonicalGoDuration } from "../generators/flux/duration";
import { parsePatch } from "../generators/kustomize/patches";
import { compileTarget } from "../generators/kustomize/patchTarget";
import { PatchError } from "../generators/kustomize/patchTypes";
import { problem } from "./errors";
import type { RawConfig } from "./schema";
import type { FluxConfig, GithubConfig } from "./types";

/** Controllers that call Azure APIs with workload identity when installed: OCI/Helm artifacts, ACR scans, SOPS with Key Vault. */
const WORKLOAD_IDENTITY_DEFAULT = ["source-controller", "kustomize-controller", "image-reflector-controller"];
const RESERVED_LAYERS = new Set(["apps", "flux-system", "cluster-settings"]);

export const imageAutomationDefaults = {
  author: { name: "fluxcdbot", email: "fluxcdbot@users.noreply.github.com" },
  interval: "30m0s",
};

type FluxFeatures = Pick<FluxConfig, "patches" | "multitenant" | "workloadIdentity" | "imageUpdateAutomation">;

interface Context {
  readonly environment: string;
  readonly clusterMode: "aks" | "existing";
  readonly components: readonly string[];
  readonly github: GithubConfig;
  readonly appsPath: string;
  readonly layers: readonly string[];
}

/** `layers` and `apps.namespaces`, checked. */
export function resolveLayers(raw: RawConfig, problems: string[]): { layers: string[]; appsNamespaces: string[] } {
  const layers = raw.layers ?? ["infrastructure"];
  layers.forEach((layer, i) => {
    if (RESERVED_LAYERS.has(layer))
      problems.push(
        problem(["layers", i], layer, `is a name the program uses itself (${[...RESERVED_LAYERS].join(", ")}); choose another`),
      );
    else if (layers.indexOf(layer) !== i) problems.push(problem(["layers", i], layer, "is listed twice; each layer is one Kustomization"));
  });
  return { layers: [...layers], appsNamespaces: [...(raw.apps?.namespaces ?? ["apps"])] };
}

/** `flux.patches`, `flux.multitenant`, `flux.workloadIdentity`, `flux.imageUpdateAutomation`, checked against each other and the cluster. */
export function resolveFluxFeatures(raw: RawConfig, ctx: Context, problems: string[]): FluxFeatures {
  const flux = raw.flux ?? {};
  const patches = (flux.patches ?? []).map((p) => ({ patch: p.patch, ...(p.target === undefined ? {} : { target: p.target }) }));
  patches.forEach((patch, i) => {
    try {
      parsePatch(patch);
      if (patch.target !== undefined) compileTarget(patch.target);
    } catch (error) {
      if (!(error instanceof PatchError)) throw error;
      problems.push(problem(["flux", "patches", i, error.field], error.field === "patch" ? patch.patch : patch.target, error.message));
    }
  });

  let workloadIdentity: FluxConfig["workloadIdentity"];
  const wi = flux.workloadIdentity;
  if (wi !== undefined && wi.enabled !== false) {
    if (ctx.clusterMode === "existing") {
      problems.push(
        problem(
          ["flux", "workloadIdentity"],
          wi,
          "needs the AKS cluster this stack creates (its OIDC issuer); with cluster.existingKubeconfig, federate an identity yourself and annotate the service accounts with flux.patches (docs/flux.md)",
        ),
      );
    }
    const controllers = wi.controllers ?? WORKLOAD_IDENTITY_DEFAULT.filter((c) => ctx.components.includes(c));
    controllers.forEach((c, i) => {
      if (!ctx.components.includes(c))
        problems.push(
          problem(
            ["flux", "workloadIdentity", "controllers", i],
            c,
            `is not an installed Flux controller; installed: ${ctx.components.join(", ")}`,
          ),
        );
    });
    workloadIdentity = { controllers, acrPullRegistries: wi.acrPullRegistries ?? [] };
  }

  const automationInstalled = ctx.components.includes("image-automation-controller");
  const iua = flux.imageUpdateAutomation;
  if (iua !== undefined && !automationInstalled) {
    problems.push(
      problem(
        ["flux", "imageUpdateAutomation"],
        iua,
        "needs image-automation-controller (and image-reflector-controller) in flux.componentsExtra",
      ),
    );
  }
  let imageUpdateAutomation: FluxConfig["imageUpdateAutomation"];
  if (automationInstalled) {
    const repository = iua?.repository ?? "infra";
    const path =
      iua?.path ?? (repository === "apps" || ctx.github.monorepo ? ctx.appsPath : `./${ctx.layers[0]}/overlays/${ctx.environment}`);
    if (!path.split("/").includes(ctx.environment)) {
      problems.push(
        problem(
          ["flux", "imageUpdateAutomation", "path"],
          path,
          `must contain the environment name (${ctx.environment}) as a directory, so this environment's automation never rewrites another environment's files`,
        ),
      );
    }
    const interval = canonicalGoDuration(iua?.interval ?? imageAutomationDefaults.interval);
    if (interval === undefined)
      problems.push(problem(["flux", "imageUpdateAutomation", "interval"], iua?.interval, "must be a Go duration such as 30m"));
    imageUpdateAutomation = {
      repository,
      branch: iua?.branch ?? ctx.github.branch,
      path,
      interval: interval ?? imageAutomationDefaults.interval,
      author: {
        name: iua?.author?.name ?? imageAutomationDefaults.author.name,
        email: iua?.author?.email ?? imageAutomationDefaults.author.email,
      },
      ...(iua?.messageTemplate === undefined ? {} : { messageTemplate: iua.messageTemplate }),
    };
  }
  return { patches, multitenant: flux.multitenant ?? false, workloadIdentity, imageUpdateAutomation };
}
