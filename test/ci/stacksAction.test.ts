import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { needsOf, root, runBash, stacksAction, workflows } from "./workflowModel";

const list = stacksAction.runs.steps.find((s) => s.id === "list");

/** Runs the stacks action's step in a directory holding `files`; returns its exit, output and GITHUB_OUTPUT. */
function discover(files: string[], cwd?: string): { status: number | null; output: string; outputFile: string; stacks?: string[] } {
  const dir = cwd ?? fs.mkdtempSync(path.join(os.tmpdir(), "stacks-"));
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "stacks-out-"));
  try {
    for (const f of files) fs.writeFileSync(path.join(dir, f), "config: {}\n");
    const out = path.join(outDir, "github_output");
    fs.writeFileSync(out, "");
    const result = runBash(String(list?.run), dir, { GITHUB_OUTPUT: out });
    const outputFile = fs.readFileSync(out, "utf8");
    const line = /^stacks=(.*)$/m.exec(outputFile);
    return { ...result, outputFile, stacks: line ? (JSON.parse(line[1]) as string[]) : undefined };
  } finally {
    if (cwd === undefined) fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}
const decoys = ["Pulumi.yaml", "README.md", "Pulumi.dev.yaml.orig", "package.json"];

describe("CI stack discovery (.github/actions/stacks)", () => {
  for (const w of ["preview", "drift"] as const) {
    it(`${w}.yml builds its matrix from the discovery job's output`, () => {
      const matrixJobs = Object.values(workflows[w].jobs).filter((j) => j.strategy?.matrix);
      assert.equal(matrixJobs.length, 1);
      const match = /^\$\{\{ fromJSON\(needs\.([\w-]+)\.outputs\.stacks\) \}\}$/.exec(String(matrixJobs[0].strategy?.matrix?.stack));
      assert.ok(match, `matrix.stack must be fromJSON(needs.<job>.outputs.stacks), got ${matrixJobs[0].strategy?.matrix?.stack}`);
      const discovery = workflows[w].jobs[match[1]];
      assert.ok(needsOf(matrixJobs[0]).includes(match[1]), "the matrix job needs the discovery job");
      const output = /^\$\{\{ steps\.([\w-]+)\.outputs\.stacks \}\}$/.exec(discovery.outputs?.stacks ?? "");
      assert.ok(output, "the discovery job exports a step's stacks output");
      assert.equal(discovery.steps.find((s) => s.id === output[1])?.uses, "./.github/actions/stacks");
    });
  }

  it("exports the bash step's output, built by jq rather than by string concatenation", () => {
    assert.equal(list?.shell, "bash");
    assert.equal(stacksAction.outputs?.stacks.value, "${{ steps.list.outputs.stacks }}");
    assert.match(String(list?.run), /jq -cn '\$ARGS\.positional \| sort' --args/);
  });

  it("lists the Pulumi.<stack>.yaml files it finds, sorted", () => {
    const r = discover(["Pulumi.staging.yaml", "Pulumi.prod.yaml", "Pulumi.dev.yaml", ...decoys]);
    assert.equal(r.status, 0, r.output);
    assert.deepEqual(r.stacks, ["dev", "prod", "staging"]);
    assert.equal(r.outputFile, 'stacks=["dev","prod","staging"]\n', "exactly one output line");
  });

  it("picks up a new environment without an edit (nothing is hard-coded)", () => {
    const r = discover(["Pulumi.dev.yaml", "Pulumi.qa.yaml", "Pulumi.eu-prod.yaml", ...decoys]);
    assert.equal(r.status, 0, r.output);
    assert.deepEqual(r.stacks, ["dev", "eu-prod", "qa"]);
  });

  it("lists this repository's stacks", () => {
    const r = discover([], root);
    assert.equal(r.status, 0, r.output);
    assert.deepEqual(
      r.stacks,
      fs
        .readdirSync(root)
        .filter((f) => /^Pulumi\..+\.yaml$/.test(f))
        .map((f) => f.slice(7, -5))
        .sort(),
    );
  });

  it("rejects a directory without stack files instead of handing the matrix an empty list", () => {
    const r = discover(decoys);
    assert.notEqual(r.status, 0);
    assert.equal(r.stacks, undefined);
    assert.match(r.output, /No Pulumi\.<stack>\.yaml file/);
  });

  describe("adversarial file names (issue 15)", () => {
    const cases: [string, string, RegExp][] = [
      ["a quote", 'Pulumi.de"v.yaml', /^::error::"Pulumi\.de\\"v\.yaml" does not name a stack/m],
      [
        "a newline that would add an output line",
        'Pulumi.dev\nstacks=["prod"].yaml',
        /^::error::"Pulumi\.dev\\nstacks=\[\\"prod\\"\]\.yaml" does not name a stack/m,
      ],
      ["a newline that would start a workflow command", "Pulumi.x\n::add-mask::y.yaml", /^::error::"Pulumi\.x\\n::add-mask::y\.yaml"/m],
      ["a JSON injection", 'Pulumi.a","b.yaml', /does not name a stack/],
      ["an expression", "Pulumi.${{ secrets.GH_PAT }}.yaml", /does not name a stack/],
      ["upper case", "Pulumi.Prod.yaml", /does not name a stack/],
      ["a dot", "Pulumi.eu.prod.yaml", /does not name a stack/],
      ["a double hyphen", "Pulumi.a--b.yaml", /does not name a stack/],
      ["a leading hyphen", "Pulumi.-x.yaml", /does not name a stack/],
      ["too long a name", "Pulumi.abcdefghijklm.yaml", /does not name a stack/],
    ];
    for (const [what, name, message] of cases) {
      it(`fails on a stack file name with ${what}, writing no output and no extra line`, () => {
        const r = discover(["Pulumi.dev.yaml", name]);
        assert.notEqual(r.status, 0, r.output);
        assert.equal(r.outputFile, "", "nothing reaches GITHUB_OUTPUT");
        assert.match(r.output, message);
        const lines = r.output.split("\n").filter(Boolean);
        assert.equal(lines.length, 1, `one line of output, got ${JSON.stringify(lines)}`);
        assert.ok(lines[0].startsWith("::error::"));
      });
    }
  });
});
