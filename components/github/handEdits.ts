import * as github from "@pulumi/github";
import { parseYamlDocuments } from "../../generators/yaml/parseYaml";

/**
 * The flux-system kustomization.yaml is the stack's: every `pulumi up` writes it from
 * `flux.patches`. A hand edit in Git must not vanish silently, so before anything is
 * created the program reads the file and fails (preview too) when its last commit is not
 * the stack's and it says something config does not. The message says how to keep the
 * change: move it into `flux.patches`.
 */
export interface HandEditCheck {
  readonly repository: string;
  readonly path: string;
  readonly branch: string | undefined;
  /** The content the stack would write; `<unknown until deploy: …>` placeholders match any text. */
  readonly expected: string;
  /** The stack's commit author e-mail: its own commits are not hand edits. */
  readonly stackEmail: string;
}

/**
 * The problem to report, or undefined. A file that cannot be read (absent: the provider
 * answers without a sha; a repository or branch not created yet) has nothing to lose;
 * `onUnreadable` hears about it. The check decides no resource input.
 */
export async function handEditProblem(
  check: HandEditCheck,
  provider: github.Provider,
  onUnreadable: (message: string) => void,
): Promise<string | undefined> {
  let existing: github.GetRepositoryFileResult;
  try {
    existing = await github.getRepositoryFile({ repository: check.repository, file: check.path, branch: check.branch }, { provider });
  } catch (error) {
    const reason = error instanceof Error && error.message !== "" ? error.message : "no answer";
    if (!/404|not found/i.test(reason))
      onUnreadable(
        `could not read ${check.repository}/${check.path} to check it for hand edits (${reason}); it is written from flux.patches as usual`,
      );
    return undefined;
  }
  if (!existing.sha || existing.commitEmail === check.stackEmail) return undefined;
  if (sameDocuments(existing.content, check.expected)) return undefined;
  const by = existing.commitAuthor ? `${existing.commitAuthor} <${existing.commitEmail}>` : existing.commitEmail || "someone else";
  return (
    `${check.repository}/${check.path} was changed by hand (last commit ${(existing.commitSha ?? "").slice(0, 12)} by ${by}, not by this stack) ` +
    `and says something aks-flux-gitops:flux.patches does not. The next up would overwrite it: move the change into aks-flux-gitops:flux.patches ` +
    `(docs/flux.md, "Patching the controllers") until the file built from config matches it, or revert that commit.`
  );
}

/** Same YAML documents, where a placeholder in `expected` stands for any text. */
export function sameDocuments(actualText: string, expectedText: string): boolean {
  let actual: unknown;
  let expected: unknown;
  try {
    actual = parseYamlDocuments(actualText);
    expected = parseYamlDocuments(expectedText);
  } catch {
    return false;
  }
  return matches(actual, expected);
}

function matches(actual: unknown, expected: unknown): boolean {
  if (typeof expected === "string" && typeof actual === "string") {
    if (!expected.includes("<unknown until deploy: ")) return actual === expected;
    const pattern = expected
      .split(/<unknown until deploy: [^>]*>/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join("[^]*?");
    return new RegExp(`^${pattern}$`).test(actual);
  }
  if (Array.isArray(expected))
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => matches(actual[i], e));
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) return false;
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    return Object.keys(a).length === Object.keys(e).length && Object.keys(e).every((k) => k in a && matches(a[k], e[k]));
  }
  return actual === expected;
}
