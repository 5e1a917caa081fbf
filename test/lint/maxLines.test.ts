import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { ESLint } from "eslint";

const projectRoot = path.resolve(__dirname, "../..");
const maxLines = 300;

/** The `max-lines` messages ESLint gives `code` linted as the project's file `filePath`. */
async function maxLinesMessages(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: projectRoot });
  const [result] = await eslint.lintText(code, { filePath: path.join(projectRoot, filePath) });
  return result.messages.filter((m) => m.ruleId === "max-lines").map((m) => m.message);
}

/** `lines` lines of TypeScript, half of them blank or comments (which count too). */
const typescriptOf = (lines: number) =>
  Array.from({ length: lines }, (_, i) => (i % 3 === 0 ? `export const v${i} = ${i};` : i % 3 === 1 ? "// a comment" : "")).join("\n") +
  "\n";

describe("file length (eslint.config.mjs max-lines, `npm run lint`)", function () {
  this.timeout(120_000);

  it(`rejects a TypeScript file of ${maxLines + 1} lines anywhere in the tree, blank lines and comments included`, async () => {
    for (const file of ["components/flux/Long.ts", "test/program/long.test.ts", "policy/test/long.test.ts", "long.ts"]) {
      assert.deepEqual(await maxLinesMessages(file, typescriptOf(maxLines + 1)), [
        `File has too many lines (${maxLines + 1}). Maximum allowed is ${maxLines}.`,
      ]);
    }
  });

  it(`accepts ${maxLines} lines`, async () => {
    assert.deepEqual(await maxLinesMessages("generators/flux/short.ts", typescriptOf(maxLines)), []);
  });

  it(`keeps the scripts ESLint does not read (shell, JavaScript) at ${maxLines} lines or fewer`, function () {
    let tracked: string[];
    try {
      tracked = execFileSync("git", ["ls-files", "*.sh", "*.js", "*.mjs", "*.cjs"], { cwd: projectRoot, encoding: "utf8" })
        .split("\n")
        .filter((f) => f !== "");
    } catch {
      this.skip(); // not a git checkout: nothing to list the tracked files with
    }
    const long = tracked
      .filter((f) => fs.existsSync(path.join(projectRoot, f)))
      .map((f) => ({ f, lines: fs.readFileSync(path.join(projectRoot, f), "utf8").split("\n").length - 1 }))
      .filter(({ lines }) => lines > maxLines);
    assert.deepEqual(long, []);
  });
});
