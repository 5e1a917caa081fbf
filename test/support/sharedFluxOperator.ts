import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { parseAllDocuments } from "yaml";
import type { OperatorManifests } from "../../generators/fluxOperator/operatorObjects";

const projectRoot = path.resolve(__dirname, "../..");
/** The Flux Operator v0.58.1 install.yaml the team keeps in ../shared (reference data, never copied here). */
export const SHARED_OPERATOR_INSTALL = path.join(projectRoot, "../shared/flux-operator/v0.58.1/install.yaml");
/** The hand-written stand-in the unit tests use. */
export const FIXTURE_OPERATOR_INSTALL = path.join(projectRoot, "test/fixtures/flux-operator/install.yaml");

/** Skips (or, under REQUIRE_REAL_TOOLS=1, fails) a conformance test when ../shared/flux-operator is absent. */
export function requireSharedOperator(ctx: Mocha.Context): void {
  if (existsSync(SHARED_OPERATOR_INSTALL)) return;
  const reason = `conformance data not present: ${SHARED_OPERATOR_INSTALL} (../shared beside the repository)`;
  if (process.env.REQUIRE_REAL_TOOLS === "1") throw new Error(`${reason}; REQUIRE_REAL_TOOLS=1 needs it (see .ci/run)`);
  console.log(`      skipped: ${reason}`);
  ctx.skip();
}

export function loadOperatorManifests(file: string, version = "v0.58.1"): OperatorManifests {
  return { version, installYaml: readFileSync(file, "utf8") };
}

/**
 * The FluxInstance CRD's openAPIV3Schema from an install.yaml, closed the way the API server reads a
 * structural schema: a field the schema does not list is pruned on write (silently, so a misspelt
 * `pullSecret` would leave the sync without its Secret), so here every object with `properties` and
 * no `x-kubernetes-preserve-unknown-fields` gets `additionalProperties: false` and such a field fails.
 */
export function fluxInstanceSchema(installYaml: string): Record<string, unknown> {
  return closeObjects(fluxInstanceCrdVersion(installYaml).schema.openAPIV3Schema);
}

/** The `x-kubernetes-validations` (CEL) of the FluxInstance CRD, with the JSON path of the object each applies to. */
export function fluxInstanceCelRules(installYaml: string): { path: string; rule: string }[] {
  const rules: { path: string; rule: string }[] = [];
  const walk = (node: any, at: string) => {
    for (const v of node?.["x-kubernetes-validations"] ?? []) rules.push({ path: at, rule: v.rule });
    for (const [name, child] of Object.entries<any>(node?.properties ?? {})) walk(child, at === "" ? name : `${at}.${name}`);
  };
  walk(fluxInstanceCrdVersion(installYaml).schema.openAPIV3Schema, "");
  return rules;
}

function fluxInstanceCrdVersion(installYaml: string): any {
  for (const doc of parseAllDocuments(installYaml)) {
    const crd = doc.toJS() as any;
    if (crd?.kind === "CustomResourceDefinition" && crd.metadata?.name === "fluxinstances.fluxcd.controlplane.io") {
      return crd.spec.versions.find((v: any) => v.name === "v1");
    }
  }
  throw new Error("no fluxinstances.fluxcd.controlplane.io CRD");
}

function closeObjects(node: any): any {
  if (Array.isArray(node)) return node.map(closeObjects);
  if (node === null || typeof node !== "object") return node;
  const copy = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, closeObjects(v)]));
  if (copy.type === "object" && copy.properties !== undefined && copy["x-kubernetes-preserve-unknown-fields"] !== true) {
    copy.additionalProperties ??= false;
  }
  return copy;
}
