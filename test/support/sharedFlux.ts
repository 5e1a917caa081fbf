import { existsSync } from "node:fs";
import * as path from "node:path";
import { SHARED_FLUX_DIR } from "../../bench/fluxRelease";

/**
 * Conformance tests compare with the real Flux release in ../shared (reference data
 * beside the repository, not part of it). Without it they skip with a visible note,
 * and fail instead under REQUIRE_REAL_TOOLS=1 (CI always has it).
 */
export function requireSharedFlux(ctx: Mocha.Context, file = ""): void {
  const wanted = path.join(SHARED_FLUX_DIR, file);
  if (existsSync(wanted)) return;
  const reason = `conformance data not present: ${wanted} (../shared beside the repository)`;
  if (process.env.REQUIRE_REAL_TOOLS === "1") throw new Error(`${reason}; REQUIRE_REAL_TOOLS=1 needs it (see .ci/run)`);
  console.log(`      skipped: ${reason}`);
  ctx.skip();
}
