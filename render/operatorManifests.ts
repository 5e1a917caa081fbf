import * as path from "node:path";
import type { StackConfig } from "../config/types";
import { ReleaseManifestsError } from "../release/errors";
import { OPERATOR_KEYS, operatorCachePath, resolveOperatorManifests, type OperatorManifests } from "../release/operatorRelease";

/** A problem with the user's own input (a local install.yaml, a misplaced option): render exits 2. */
class OperatorInputError extends Error {
  readonly badInput = true;
}

/**
 * Operator mode: the Flux Operator's install.yaml from `--operator-manifests`, else
 * `flux.operator.manifests`, else the cache or a verified download (release/operatorRelease.ts).
 */
export async function loadOperatorManifests(
  cfg: StackConfig,
  fromArgs: string | undefined,
  projectDir: string,
): Promise<OperatorManifests> {
  const operator = cfg.flux.operator;
  if (operator === undefined) throw new Error("loadOperatorManifests needs flux.installMode: operator");
  const localPath = fromArgs ?? (operator.manifests === undefined ? undefined : path.resolve(projectDir, operator.manifests));
  const source = fromArgs !== undefined ? "--operator-manifests" : OPERATOR_KEYS.manifests;
  try {
    return await resolveOperatorManifests({
      version: operator.version,
      localPath,
      localPathSource: source,
      cacheDir: cfg.cacheDir,
      onWarning: (message) => console.error(`warning: ${message}`),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (localPath !== undefined) throw new OperatorInputError(`${source} ${localPath}: ${message}`);
    if (error instanceof ReleaseManifestsError && error.badInput) throw new OperatorInputError(message);
    const cache = path.dirname(operatorCachePath(cfg.cacheDir, operator.version, "0".repeat(64)));
    throw new Error(
      `${message}. Offline? Pass --operator-manifests <install.yaml> (the operator release's install.yaml asset), ` +
        `or render once with network access: the file is then cached under ${cache} and later renders need no network`,
    );
  }
}

/** `--flux-manifests` and `--operator-manifests` each belong to one install mode. */
export function manifestsOptionProblem(
  cfg: StackConfig,
  options: { fluxManifests?: string; operatorManifests?: string },
): string | undefined {
  if (cfg.flux.installMode === "operator" && options.fluxManifests !== undefined) {
    return "--flux-manifests is Flux's release manifests, which flux.installMode: operator does not use (the operator installs Flux from its own image); pass --operator-manifests <install.yaml> instead";
  }
  if (cfg.flux.installMode === "bootstrap" && options.operatorManifests !== undefined) {
    return "--operator-manifests is the Flux Operator's install.yaml, which flux.installMode: bootstrap does not use; pass --flux-manifests <dir or manifests.tar.gz> instead, or set aks-flux-gitops:flux.installMode to operator";
  }
  return undefined;
}
