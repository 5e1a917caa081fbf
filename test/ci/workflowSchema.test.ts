import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/**
 * Oracle: the workflows and composite actions against the JSON schemas of `action-validator`
 * (`@action-validator/cli`, a devDependency, so it always runs; it never skips).
 * Run from the repository root, as the validator resolves `paths:` globs against the working directory.
 */
const root = path.resolve(__dirname, "../..");
const validator = path.join(root, "node_modules", ".bin", "action-validator");

function actionFiles(): string[] {
  const workflows = fs
    .readdirSync(path.join(root, ".github/workflows"))
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => `.github/workflows/${f}`);
  const actionsDir = path.join(root, ".github/actions");
  const actions = fs.existsSync(actionsDir)
    ? fs
        .readdirSync(actionsDir)
        .map((d) => `.github/actions/${d}/action.yml`)
        .filter((f) => fs.existsSync(path.join(root, f)))
    : [];
  return [...workflows, ...actions].sort();
}

function validate(file: string, cwd: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [validator, file], { cwd, encoding: "utf8" });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("GitHub Actions files (action-validator schemas)", () => {
  it("finds the three workflows and the composite actions", () => {
    assert.ok(fs.existsSync(validator), `${validator} is missing: run npm ci`);
    const files = actionFiles();
    for (const f of ["deploy.yml", "drift.yml", "preview.yml"]) {
      assert.ok(files.includes(`.github/workflows/${f}`), `missing .github/workflows/${f}`);
    }
  });

  for (const file of actionFiles()) {
    it(`accepts ${file}`, () => {
      const { status, output } = validate(file, root);
      assert.equal(status, 0, `action-validator rejected ${file}:\n${output}`);
    });
  }

  it("rejects a workflow with a misspelt key, so the passes above mean something", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "workflow-schema-"));
    try {
      const broken = fs.readFileSync(path.join(root, ".github/workflows/drift.yml"), "utf8").replace("    concurrency:", "    concurency:");
      fs.writeFileSync(path.join(dir, "broken.yml"), broken);
      const { status, output } = validate("broken.yml", dir);
      assert.equal(status, 1, output);
      assert.match(output, /concurency/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
