import assert from "node:assert/strict";
import { actionFiles, actionName, allJobs, allSteps, localAction, read, workflowFiles } from "./workflowModel";

/**
 * Every `uses:` outside this repository names a full commit SHA with its release in a comment
 * (`owner/repo@<40 hex> # vX.Y.Z`): a tag can be moved to other code, a commit cannot.
 * Returns one problem per offending line, `<file>:<line>: <reason>`.
 */
export function unpinnedUses(file: string, text: string): string[] {
  const problems: string[] = [];
  text.split("\n").forEach((line, index) => {
    const match = /^\s*(?:-\s+)?uses:\s*(.*)$/.exec(line);
    if (!match) return;
    const [, rest] = match;
    const [, ref, comment] = /^["']?([^\s"'#]+)["']?\s*(#.*)?$/.exec(rest.trim()) ?? [];
    const where = `${file}:${index + 1}`;
    if (ref === undefined) return void problems.push(`${where}: cannot read ${JSON.stringify(rest)}`);
    if (ref.startsWith("./")) return;
    if (ref.startsWith("docker://")) return void problems.push(`${where}: ${ref} must be pinned by digest through an action`);
    const version = /^[\w.-]+\/[\w./-]+@([^@]+)$/.exec(ref)?.[1];
    if (version === undefined || !/^[0-9a-f]{40}$/.test(version))
      return void problems.push(`${where}: ${ref} is not pinned to a full commit SHA`);
    if (!/^# v\d+(\.\d+){1,2}$/.test(comment ?? "")) problems.push(`${where}: ${ref} needs its release in a comment, e.g. # v1.2.3`);
  });
  return problems;
}

/** Input names read from each action's action.yml at the pinned commit (docs/ci.md says how to re-check). */
const knownInputs: Record<string, RegExp> = {
  "actions/checkout":
    /^(repository|ref|token|ssh-key|ssh-known-hosts|ssh-strict|ssh-user|persist-credentials|path|clean|filter|sparse-checkout|sparse-checkout-cone-mode|fetch-depth|fetch-tags|show-progress|lfs|submodules|set-safe-directory|github-server-url|allow-unsafe-pr-checkout)$/,
  "actions/setup-node":
    /^(node-version|node-version-file|architecture|check-latest|registry-url|scope|token|cache|package-manager-cache|cache-dependency-path|mirror|mirror-token)$/,
  "azure/login": /^(creds|client-id|tenant-id|subscription-id|enable-AzPSSession|environment|allow-no-subscriptions|audience|auth-type)$/,
  "azure/use-kubelogin": /^(kubelogin-version|skip-cache|github-api-base-url)$/,
  "actions/create-github-app-token":
    /^(client-id|app-id|private-key|owner|repositories|skip-token-revoke|github-api-url|permission-[a-z-]+)$/,
  "pulumi/actions":
    /^(command|stack-name|pulumi-version|pulumi-version-file|work-dir|comment-on-pr|comment-on-pr-number|comment-on-summary|github-token|cloud-url|secrets-provider|parallel|message|config-map|expect-no-changes|diff|replace|exclude|exclude-dependents|target|target-dependents|policyPacks|policyPackConfigs|refresh|upsert|remove|edit-pr-comment|color|exclude-protected|plan|suppress-outputs|suppress-progress|always-include-summary|continue-on-error|log-verbosity|log-flow|debug)$/,
};

describe("CI actions: pinned by commit (issue 15)", () => {
  for (const file of [...workflowFiles, ...actionFiles]) {
    it(`${file}: every uses: outside the repository is a 40-hex SHA with a # vX.Y.Z comment`, () => {
      assert.deepEqual(unpinnedUses(file, read(file)), []);
    });
  }

  it("the check rejects tags, branches, short SHAs, missing comments and docker images", () => {
    const text = [
      "      - uses: actions/checkout@v6",
      "      - uses: pulumi/actions@main",
      "    - uses: azure/login@f5d393a # v3.0.1",
      "      - uses: actions/setup-node@249970729cb0ef3589644e2896645e5dc5ba9c38",
      "      - uses: actions/setup-node@249970729cb0ef3589644e2896645e5dc5ba9c38 # v6",
      "      - uses: docker://alpine:3",
      "        uses: 'actions/create-github-app-token@v3'",
      "      - uses: ./.github/actions/setup",
      "      - uses: actions/checkout@d23441a48e516b6c34aea4fa41551a30e30af803 # v6.1.0",
    ].join("\n");
    assert.deepEqual(
      unpinnedUses("x.yml", text).map((p) => p.replace(/^x\.yml:(\d+): .*$/, "$1")),
      ["1", "2", "3", "4", "5", "6", "7"],
    );
  });

  it("records the same commit for the same action everywhere", () => {
    const pins = new Map<string, Set<string>>();
    for (const file of [...workflowFiles, ...actionFiles]) {
      for (const [, name, sha] of read(file).matchAll(/uses:\s*([\w.-]+\/[\w./-]+)@([0-9a-f]{40})/g)) {
        pins.set(name.toLowerCase(), (pins.get(name.toLowerCase()) ?? new Set()).add(sha));
      }
    }
    for (const [name, shas] of pins) assert.equal(shas.size, 1, `${name} is pinned to ${[...shas].join(" and ")}`);
  });

  it("passes only inputs the pinned version of each action declares", () => {
    for (const step of allSteps().filter((s) => s.uses && !s.uses.startsWith("./"))) {
      const known = knownInputs[actionName(step)];
      assert.ok(known, `${step.uses}: record its input names (from its action.yml) in this test`);
      for (const input of Object.keys(step.with ?? {})) assert.match(input, known, `${step.uses}: unknown input ${input}`);
    }
  });

  it("passes local actions their declared inputs, and every required one", () => {
    for (const step of allJobs()
      .flatMap(([, , j]) => j.steps)
      .filter((s) => s.uses?.startsWith("./"))) {
      const inputs = localAction(step.uses as string).inputs ?? {};
      for (const input of Object.keys(step.with ?? {})) assert.ok(input in inputs, `${step.uses}: unknown input ${input}`);
      for (const [name, spec] of Object.entries(inputs))
        if (spec.required) assert.ok(name in (step.with ?? {}), `${step.uses}: ${name} is required`);
    }
  });

  it("has Dependabot propose updates of the pinned actions, SHA and comment together", () => {
    const config = read(".github/dependabot.yml");
    assert.match(config, /package-ecosystem: github-actions/);
    for (const dir of ["/", "/.github/actions/setup", "/.github/actions/stacks"])
      assert.ok(config.includes(`"${dir}"`), `dependabot watches ${dir}`);
  });
});
