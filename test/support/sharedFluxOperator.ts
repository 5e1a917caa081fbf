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

/** The FluxInstance CRD's openAPIV3Schema from an install.yaml. */
export function fluxInstanceSchema(installYaml: string): Record<string, unknown> {
  for (const doc of parseAllDocuments(installYaml)) {
    const crd = doc.toJS() as any;
    if (crd?.kind === "CustomResourceDefinition" && crd.metadata?.name === "fluxinstances.fluxcd.controlplane.io") {
      return crd.spec.versions.find((v: any) => v.name === "v1").schema.openAPIV3Schema;
    }
  }
  throw new Error("no fluxinstances.fluxcd.controlplane.io CRD");
}
