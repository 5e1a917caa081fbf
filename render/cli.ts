import * as fs from "node:fs";
import * as path from "node:path";
import { ConfigError } from "../config/errors";
import { resolveStackConfig } from "../config/resolve";
import { defaultCacheDir, projectNameFromDir, valuesFromStackFile } from "../config/sources";
import { requiredManifestFiles } from "../plan/environmentPlan";
import { resolveReleaseManifests } from "../release/resolveReleaseManifests";
import { renderEnvironment } from "./renderEnvironment";

const usage = "usage: npm run render -- --stack <name> --out <dir> [--flux-manifests <dir or manifests.tar.gz>]";

/** Exit codes: 0 rendered, 2 invalid stack configuration, 1 anything else. */
export async function runRender(argv: readonly string[], projectDir: string): Promise<number> {
  try {
    const args = parseArgs(argv);
    const stackFile = path.join(projectDir, `Pulumi.${args.stack}.yaml`);
    if (!fs.existsSync(stackFile)) throw new Error(`no stack file ${path.basename(stackFile)} in ${projectDir}; create it to add the ${args.stack} environment`);
    const cfg = resolveStackConfig({ project: projectNameFromDir(projectDir), stack: args.stack, values: valuesFromStackFile(stackFile), cacheDir: defaultCacheDir() });
    const manifests = await resolveReleaseManifests({
      version: cfg.flux.version,
      requiredFiles: requiredManifestFiles(cfg),
      localPath: args.fluxManifests ?? (cfg.flux.manifests === undefined ? undefined : path.resolve(projectDir, cfg.flux.manifests)),
      cacheDir: cfg.cacheDir,
      expectedSha256: cfg.flux.manifestsSha256,
      onWarning: (message) => console.error(`warning: ${message}`),
    });
    const files = renderEnvironment(cfg, manifests);
    const out = path.resolve(args.out);
    for (const dir of ["repos", "cluster"]) fs.rmSync(path.join(out, dir), { recursive: true, force: true });
    for (const file of files) {
      const target = path.join(out, file.path);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, file.content);
    }
    const repoCount = files.filter((f) => f.path.startsWith("repos/")).length;
    console.log(`rendered ${cfg.environment}: ${repoCount} repository files and ${files.length - repoCount} cluster objects in ${out}`);
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const problem of error.problems) console.error(problem);
      return 2;
    }
    console.error(`render failed: ${error instanceof Error ? error.message.replace(/\s*\n\s*/g, " ") : String(error)}`);
    return 1;
  }
}

function parseArgs(argv: readonly string[]): { stack: string; out: string; fluxManifests?: string } {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (!["--stack", "--out", "--flux-manifests"].includes(flag)) throw new Error(`unknown argument ${JSON.stringify(flag)}; ${usage}`);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith("--")) throw new Error(`${flag} needs a value; ${usage}`);
    values.set(flag, value);
    i++;
  }
  const stack = values.get("--stack");
  const out = values.get("--out");
  if (!stack || !out) throw new Error(`--stack and --out are required; ${usage}`);
  const fluxManifests = values.get("--flux-manifests");
  return { stack, out, fluxManifests: fluxManifests === undefined ? undefined : path.resolve(fluxManifests) };
}

if (require.main === module) {
  runRender(process.argv.slice(2), path.resolve(__dirname, "..")).then((code) => {
    process.exitCode = code;
  });
}
