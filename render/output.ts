import * as fs from "node:fs";
import * as path from "node:path";
import type { RenderedFile } from "./renderEnvironment";

/** Left in every render's output directory; only a directory holding it is ever cleaned. */
export const RENDER_MARKER = ".aks-flux-gitops-render";
const markerText = "Written by `npm run render` (aks-flux-gitops). The next render into this directory replaces repos/ and cluster/.\n";
const renderedDirs = ["repos", "cluster"];

/** Bad `--out` or a rendered path that would leave it: exit 2, nothing written. */
export class OutputDirError extends Error {
  readonly badInput = true;
}

/**
 * Writes `files` below `out` and nowhere else. `out` must be new, empty, or a previous
 * render's (it holds the marker); then only the `repos/` and `cluster/` render wrote
 * there are replaced. Every path is checked before anything is written or deleted.
 */
export function writeRenderOutput(out: string, files: readonly RenderedFile[]): string {
  const root = path.resolve(out);
  const targets = files.map((file) => ({ target: insideOut(root, file.path), content: file.content }));
  prepare(root);
  for (const dir of renderedDirs) fs.rmSync(path.join(root, dir), { recursive: true, force: true });
  for (const { target, content } of targets) {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
  fs.writeFileSync(path.join(root, RENDER_MARKER), markerText);
  return root;
}

function insideOut(root: string, relative: string): string {
  const segments = relative.split(/[\\/]/);
  if (path.isAbsolute(relative) || segments.some((s) => s === ".." || s === "." || s === "") || !renderedDirs.includes(segments[0])) {
    throw new OutputDirError(
      `refusing to write ${JSON.stringify(relative)}: it is not a plain path inside ${root}/{${renderedDirs.join(",")}}; check the configured repository names and paths`,
    );
  }
  const target = path.resolve(root, relative);
  const back = path.relative(root, target);
  if (back.startsWith("..") || path.isAbsolute(back)) throw new OutputDirError(`refusing to write ${target}: it is outside ${root}`);
  return target;
}

function prepare(root: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(root);
  } catch {
    fs.mkdirSync(root, { recursive: true });
    return;
  }
  if (!stat.isDirectory()) throw new OutputDirError(`--out ${root} is not a directory; choose a new or empty directory`);
  const entries = fs.readdirSync(root);
  if (entries.length === 0 || entries.includes(RENDER_MARKER)) return;
  throw new OutputDirError(
    `--out ${root} is not empty and holds no ${RENDER_MARKER} (it was not written by render), so render will not write or delete anything there; choose a new or empty directory`,
  );
}
