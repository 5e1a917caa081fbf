import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ldflags, type ToolSpec, toolSpec, tools, toolsDir, toolVersion } from "./catalog";

/** `${XDG_CACHE_HOME:-~/.cache}/aks-flux-gitops/tools`: one folder per tool and version. */
export function toolsCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(base, "aks-flux-gitops", "tools");
}

/**
 * What a cached binary was built from: the wrapper's go.mod and go.sum, the package and
 * the link flags. A change of any of them rebuilds, even at the same version.
 */
function buildKey(spec: ToolSpec, version: string): string {
  const dir = path.join(toolsDir, spec.moduleDir);
  const hash = createHash("sha256");
  for (const file of ["go.mod", "go.sum"]) hash.update(fs.readFileSync(path.join(dir, file)));
  hash.update(`${spec.pkg}\n${ldflags(spec, version)}\n`);
  return hash.digest("hex");
}

export interface BuiltTool {
  readonly name: string;
  readonly version: string;
  readonly path: string;
}

export function cachedToolPath(name: string): string {
  const spec = toolSpec(name);
  return path.join(toolsCacheDir(), `${spec.name}-${toolVersion(spec)}`, spec.name);
}

/**
 * The environment of every Go build: no toolchain download, go.mod and go.sum as
 * committed (-mod=readonly: a module whose hash is not in go.sum fails the build
 * instead of being looked up), no VCS stamping of the wrapper.
 */
export function goEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GOTOOLCHAIN: "local", GOFLAGS: "-mod=readonly -buildvcs=false" };
}

/** Builds the tool unless the cache holds it for the same inputs; one progress line per tool. */
export function ensureTool(name: string, log: (line: string) => void = console.log): BuiltTool {
  const spec = toolSpec(name);
  const version = toolVersion(spec);
  const dir = path.join(toolsCacheDir(), `${spec.name}-${version}`);
  const binary = path.join(dir, spec.name);
  const key = buildKey(spec, version);
  const stamp = path.join(dir, "build-key");
  if (fs.existsSync(binary) && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8").trim() === key) {
    log(`tools: ${spec.name} ${version} cached (${binary})`);
    return { name: spec.name, version, path: binary };
  }
  const go = spawnSync("go", ["version"], { encoding: "utf8" });
  if (go.status !== 0)
    throw new Error(`tools: ${spec.name} ${version} is not built and \`go\` is not on PATH; install Go 1.26+ (see docs/testing.md)`);
  log(`tools: building ${spec.name} ${version} from ${spec.pkg} (e2e/tools/${spec.moduleDir}) ...`);
  const started = Date.now();
  fs.mkdirSync(dir, { recursive: true });
  const partial = `${binary}.partial-${process.pid}`;
  // nice: the machines that run this have two cores shared with everything else.
  const result = spawnSync("nice", ["-n", "10", "go", "build", "-trimpath", "-ldflags", ldflags(spec, version), "-o", partial, spec.pkg], {
    cwd: path.join(toolsDir, spec.moduleDir),
    env: goEnv(),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    fs.rmSync(partial, { force: true });
    throw new Error(`tools: building ${spec.name} ${version} failed (exit ${result.status}):\n${result.stderr}`);
  }
  fs.renameSync(partial, binary);
  fs.writeFileSync(stamp, `${key}\n`);
  log(`tools: built ${spec.name} ${version} in ${Math.round((Date.now() - started) / 1000)}s (${binary})`);
  return { name: spec.name, version, path: binary };
}

export function ensureTools(names: readonly string[] = tools.map((t) => t.name), log?: (line: string) => void): Map<string, BuiltTool> {
  return new Map(names.map((name) => [name, ensureTool(name, log)]));
}

// `ts-node e2e/tools/build.ts [--path] [tool ...]`: builds what is missing; with --path
// prints only the PATH fragment holding the binaries (for the oracle tests: see README).
if (require.main === module) {
  const args = process.argv.slice(2);
  const printPath = args.includes("--path");
  const names = args.filter((a) => a !== "--path");
  try {
    const built = ensureTools(names.length > 0 ? names : undefined, printPath ? (line) => console.error(line) : undefined);
    if (printPath) console.log([...new Set([...built.values()].map((t) => path.dirname(t.path)))].join(":"));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
