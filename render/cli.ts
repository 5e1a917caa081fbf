import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { parseAllDocuments } from "yaml";
import { ConfigError } from "../config/errors";
import { capProblems } from "../config/problemCap";
import { resolveStackConfig } from "../config/resolve";
import { defaultCacheDir, projectNameFromDir } from "../config/sources";
import { readStackFile } from "../config/stackFile";
import type { StackConfig } from "../config/types";
import { requiredManifestFiles } from "../plan/environmentPlan";
import { manifestsVersionProblem } from "../release/manifestVersion";
import { ReleaseManifestsError, resolveReleaseManifests, type ReleaseManifests } from "../release/resolveReleaseManifests";
import { writeRenderOutput } from "./output";
import { loadOperatorManifests, manifestsOptionProblem } from "./operatorManifests";
import { renderEnvironment } from "./renderEnvironment";

const usage =
  "usage: npm run render -- --stack <name> --out <dir> [--flux-manifests <dir or manifests.tar.gz>] [--operator-manifests <install.yaml>]";

export const helpText = `${usage}

Renders one environment offline from Pulumi.<name>.yaml: every file the stack commits
(<out>/repos/<repository>/<path>) and every object it applies to the cluster
(<out>/cluster/<kind>-<namespace>-<name>.yaml), secret values redacted. No credentials.

  -s, --stack <name>             the stack (environment) to render; reads Pulumi.<name>.yaml
  -o, --out <dir>                where to write: a new or empty directory, or a previous render's
                                 (render replaces only the repos/ and cluster/ it wrote there)
  -m, --flux-manifests <path>    Flux's release manifests (a directory or manifests.tar.gz) instead of
                                 aks-flux-gitops:flux.manifests, the cache (${path.join(defaultCacheDir(), "flux", "<version>")}) or a download
      --operator-manifests <path>
                                 with flux.installMode: operator, the Flux Operator's install.yaml instead of
                                 aks-flux-gitops:flux.operator.manifests, the cache (${path.join(defaultCacheDir(), "flux-operator", "<version>")}) or a download
  -h, --help                     this text

Exit codes: 0 rendered; 2 bad input (arguments, stack file, manifests), one message per problem
naming the file or key; 1 anything else (for example no network and no cached release).`;

/** Bad command-line input: exit 2 like a bad stack file. */
class UsageError extends Error {}

/** Problems with local release manifests (the user's files): exit 2. */
class ManifestsInputError extends Error {}

/** Exit codes: 0 rendered, 2 bad input, 1 anything else. Writes nothing unless it renders. */
export async function runRender(argv: readonly string[], projectDir: string): Promise<number> {
  try {
    const args = parseCommandLine(argv);
    if (args === "help") {
      console.log(helpText);
      return 0;
    }
    const stackFile = path.join(projectDir, `Pulumi.${args.stack}.yaml`);
    if (!fs.existsSync(stackFile))
      throw new UsageError(
        `no stack file ${path.basename(stackFile)} in ${projectDir}; check --stack, or create it (copy Pulumi.dev.yaml) to add the ${args.stack} environment`,
      );
    const source = readStackFile(stackFile);
    if (source.fatal) throw new ConfigError(source.problems);
    const cfg = resolveStackConfig({
      project: projectNameFromDir(projectDir),
      stack: args.stack,
      values: source.values,
      sourceProblems: source.problems,
      numberSources: source.numberSources,
      cacheDir: defaultCacheDir(),
    });
    const misplaced = manifestsOptionProblem(cfg, args);
    if (misplaced !== undefined) throw new UsageError(misplaced);
    const manifests =
      cfg.flux.installMode === "operator"
        ? await loadOperatorManifests(cfg, args.operatorManifests, projectDir)
        : await loadManifests(cfg, args.fluxManifests, projectDir);
    const files = renderEnvironment(cfg, manifests);
    const out = writeRenderOutput(path.resolve(args.out), files);
    const repoCount = files.filter((f) => f.path.startsWith("repos/")).length;
    console.log(`rendered ${cfg.environment}: ${repoCount} repository files and ${files.length - repoCount} cluster objects in ${out}`);
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const problem of capProblems(error.problems)) console.error(problem);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof UsageError || error instanceof ManifestsInputError || (error as { badInput?: boolean })?.badInput === true) {
      console.error(`render: ${message}`);
      return 2;
    }
    console.error(`render failed: ${message.replace(/\s*\n\s*/g, " ")}`);
    return 1;
  }
}

function parseCommandLine(
  argv: readonly string[],
): { stack: string; out: string; fluxManifests?: string; operatorManifests?: string } | "help" {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        stack: { type: "string", short: "s" },
        out: { type: "string", short: "o" },
        "flux-manifests": { type: "string", short: "m" },
        "operator-manifests": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message.split("\n")[0] : String(error)}; ${usage} (--help for more)`);
  }
  const { values } = parsed;
  if (values.help) return "help";
  const missing = (["stack", "out"] as const).filter((k) => !values[k]);
  if (missing.length > 0)
    throw new UsageError(`${missing.map((k) => `--${k}`).join(" and ")} ${missing.length > 1 ? "are" : "is"} required; ${usage}`);
  const stack = values.stack as string;
  if (!/^[A-Za-z0-9_.-]+$/.test(stack) || stack.startsWith("."))
    throw new UsageError(`--stack ${JSON.stringify(stack)} is not a stack name (letters, digits, ., _ and -); ${usage}`);
  const [fluxManifests, operatorManifests] = [values["flux-manifests"], values["operator-manifests"]];
  return {
    stack,
    out: values.out as string,
    fluxManifests: fluxManifests === undefined ? undefined : path.resolve(fluxManifests),
    operatorManifests: operatorManifests === undefined ? undefined : path.resolve(operatorManifests),
  };
}

async function loadManifests(cfg: StackConfig, fromArgs: string | undefined, projectDir: string): Promise<ReleaseManifests> {
  const localPath = fromArgs ?? (cfg.flux.manifests === undefined ? undefined : path.resolve(projectDir, cfg.flux.manifests));
  const source = fromArgs !== undefined ? "--flux-manifests" : "aks-flux-gitops:flux.manifests";
  let manifests: ReleaseManifests;
  try {
    manifests = await resolveReleaseManifests({
      version: cfg.flux.version,
      requiredFiles: requiredManifestFiles(cfg),
      localPath,
      localPathSource: source,
      cacheDir: cfg.cacheDir,
      expectedSha256: cfg.flux.manifestsSha256,
      onWarning: (message) => console.error(`warning: ${message}`),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (localPath !== undefined) throw new ManifestsInputError(`${source} ${localPath}: ${message}`);
    if (error instanceof ReleaseManifestsError && error.badInput) throw new ManifestsInputError(message);
    const cache = path.join(cfg.cacheDir, "flux", cfg.flux.version);
    const network = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|fetch failed/.test(message);
    throw new Error(
      `${network ? message.replace(/; check aks-flux-gitops:flux\.version or set aks-flux-gitops:flux\.manifests to a local copy/, "") : message}. Offline? Pass --flux-manifests <dir or manifests.tar.gz> (the release's manifests.tar.gz or its unpacked files), ` +
        `or render once with network access: the release is then cached under ${cache} and later renders need no network`,
    );
  }
  if (localPath !== undefined) {
    const notYaml = manifestsYamlProblem(manifests);
    if (notYaml) throw new ManifestsInputError(`the Flux manifests at ${localPath} (${source}) ${notYaml}`);
    const problem = manifestsVersionProblem(manifests, cfg.flux.version);
    if (problem) {
      throw new ManifestsInputError(
        `the Flux manifests at ${localPath} (${source}) ${problem} (aks-flux-gitops:flux.version); set aks-flux-gitops:flux.version to the release they come from, or point ${source} at Flux ${cfg.flux.version}'s manifests.tar.gz`,
      );
    }
  }
  return manifests;
}

/** A local manifest file that is not YAML (render would fail on it later, with exit 1 and no file name). */
function manifestsYamlProblem(manifests: ReleaseManifests): string | undefined {
  for (const [name, text] of Object.entries(manifests.files)) {
    const error = parseAllDocuments(text).flatMap((doc) => ("errors" in doc ? doc.errors : []))[0];
    if (error)
      return `hold ${name}, which is not valid YAML (${error.message.split("\n")[0]}); use the release's unmodified manifests.tar.gz`;
  }
  return undefined;
}

if (require.main === module) {
  runRender(process.argv.slice(2), path.resolve(__dirname, "..")).then((code) => {
    process.exitCode = code;
  });
}
