import * as fs from "node:fs";
import * as path from "node:path";
import { parseAllDocuments, stringify } from "yaml";
import { runRender } from "../../render/cli";

/** One rendered Kubernetes object (`cluster/...` file or a document of a `repos/...` file). */
export interface KubeDoc {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [k: string]: unknown };
  spec?: Record<string, any>;
  stringData?: Record<string, string>;
  data?: Record<string, string>;
  [k: string]: unknown;
}

export interface Rendered {
  readonly dir: string;
  /** Files per repository: repository name → (path in the repository → content). */
  readonly repos: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Objects the program applies to the cluster directly. */
  readonly clusterObjects: readonly KubeDoc[];
}

function walk(dir: string, base = dir): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name), base) : [path.relative(base, path.join(dir, e.name))]));
}

export function parseDocs(text: string): KubeDoc[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS() as KubeDoc | null)
    .filter((d): d is KubeDoc => d !== null && typeof d === "object" && typeof d.kind === "string");
}

/**
 * Runs the product's `npm run render` (the same entry point, in process) for a stack
 * file in `projectDir` and reads back everything it wrote, generically: every file
 * under repos/<repository>/ and every object under cluster/.
 */
export async function renderStack(projectDir: string, stack: string, outDir: string): Promise<Rendered> {
  const errors: string[] = [];
  const originalError = console.error;
  console.error = (...args: unknown[]) => errors.push(args.join(" "));
  let code: number;
  try {
    code = await runRender(["--stack", stack, "--out", outDir], projectDir);
  } finally {
    console.error = originalError;
  }
  if (code !== 0) throw new Error(`render exited ${code}:\n${errors.join("\n")}`);
  const repos = new Map<string, Map<string, string>>();
  for (const repo of fs.readdirSync(path.join(outDir, "repos"))) {
    const root = path.join(outDir, "repos", repo);
    repos.set(repo, new Map(walk(root).map((file) => [file, fs.readFileSync(path.join(root, file), "utf8")])));
  }
  const clusterDir = path.join(outDir, "cluster");
  const clusterObjects = walk(clusterDir)
    .sort()
    .flatMap((file) => parseDocs(fs.readFileSync(path.join(clusterDir, file), "utf8")));
  return { dir: outDir, repos, clusterObjects };
}

/** Every object in the rendered repository files (YAML documents with a kind). */
export function repoObjects(rendered: Rendered): Array<KubeDoc & { repository: string; file: string }> {
  return [...rendered.repos].flatMap(([repository, files]) =>
    [...files]
      .filter(([file]) => /\.ya?ml$/.test(file) && !path.basename(file).startsWith("."))
      .flatMap(([file, content]) => parseDocs(content).map((doc) => ({ ...doc, repository, file }))),
  );
}

/** The repository a GitRepository URL points at: its last path segment (`ssh://git@host/owner/<repo>`). */
export function repositoryOfUrl(url: string): { owner: string; repository: string } {
  const parts = new URL(url).pathname
    .replace(/\.git$/, "")
    .split("/")
    .filter(Boolean);
  return { owner: parts[parts.length - 2], repository: parts[parts.length - 1] };
}

export const toYaml = (docs: readonly object[]) => docs.map((d) => stringify(d)).join("---\n");
