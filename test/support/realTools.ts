import { spawnSync } from "node:child_process";

/**
 * Oracle tests call real third-party tools (kubectl, age, ssh-keygen, ...).
 * They run when the tool is on PATH, skip with a visible reason otherwise,
 * and fail instead of skipping when REQUIRE_REAL_TOOLS=1 (as in CI).
 */
export function toolAvailable(tool: string): boolean {
  const probe = spawnSync("sh", ["-c", `command -v ${tool}`], { encoding: "utf8" });
  return probe.status === 0;
}

/** Call at the top of an oracle test or in a `before` hook: `requireTool(this, "kubectl")`. */
export function requireTool(ctx: Mocha.Context, ...tools: string[]): void {
  const missing = tools.filter((t) => !toolAvailable(t));
  if (missing.length === 0) return;
  const reason = `real tool not on PATH: ${missing.join(", ")}`;
  if (process.env.REQUIRE_REAL_TOOLS === "1") {
    throw new Error(`${reason} (REQUIRE_REAL_TOOLS=1: install it, see .ci/run)`);
  }
  console.log(`      skipped: ${reason}`);
  ctx.skip();
}

/** Runs a tool and returns stdout; throws with stderr on a non-zero exit. */
export function runTool(tool: string, args: readonly string[], input?: string | Buffer): string {
  const result = spawnSync(tool, args, { input, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${tool} ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  }
  return result.stdout;
}
