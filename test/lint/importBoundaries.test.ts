import { strict as assert } from "node:assert";
import * as path from "node:path";
import { ESLint } from "eslint";

const projectRoot = path.resolve(__dirname, "../..");

/** Lints `code` as if it were the file `filePath` of the project, with the project's own ESLint config. */
async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: projectRoot });
  const [result] = await eslint.lintText(code, { filePath: path.join(projectRoot, filePath) });
  return result.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("import boundaries (eslint.config.mjs, `npm run lint`)", function () {
  this.timeout(120_000);

  it("rejects a generator that imports config", async () => {
    const messages = await restrictedImports(
      "generators/git/violation.ts",
      `import type { StackConfig } from "../../config/types";\nexport type X = StackConfig;\n`,
    );
    assert.equal(messages.length, 1);
    assert.match(messages[0], /'\.\.\/\.\.\/config\/types' import is restricted.*generators are pure and own their input types/);
  });

  it("rejects a generator that imports the plan, a component, Pulumi or the file system", async () => {
    const code = [
      `import { planEnvironment } from "../../plan/environmentPlan";`,
      `import { AksCluster } from "../../components/aks/AksCluster";`,
      `import * as pulumi from "@pulumi/pulumi";`,
      `import { readFileSync } from "node:fs";`,
      `export const all = [planEnvironment, AksCluster, pulumi, readFileSync];`,
    ].join("\n");
    assert.equal((await restrictedImports("generators/flux/violation.ts", code)).length, 4);
  });

  it("rejects config importing the plan and components importing config", async () => {
    assert.equal(
      (
        await restrictedImports(
          "config/violation.ts",
          `import { planEnvironment } from "../plan/environmentPlan";\nexport const p = planEnvironment;\n`,
        )
      ).length,
      1,
    );
    assert.equal(
      (
        await restrictedImports(
          "components/aks/violation.ts",
          `import type { ClusterConfig } from "../../config/types";\nexport type C = ClusterConfig;\n`,
        )
      ).length,
      1,
    );
  });

  it("rejects product code importing test code", async () => {
    const code = `import { runTool } from "../test/support/realTools";\nexport const r = runTool;\n`;
    for (const file of ["bench/violation.ts", "render/violation.ts", "release/violation.ts"]) {
      assert.equal((await restrictedImports(file, code)).length, 1, file);
    }
    assert.equal(
      (await restrictedImports("program.ts", `import { runTool } from "./test/support/realTools";\nexport const r = runTool;\n`)).length,
      1,
    );
  });

  it("rejects a component or the plan importing the program's parts (program*.ts at the root)", async () => {
    const code = `import { deployKeys } from "../../programGithub";\nexport const d = deployKeys;\n`;
    assert.equal((await restrictedImports("components/github/violation.ts", code)).length, 1);
    assert.equal(
      (
        await restrictedImports(
          "plan/violation.ts",
          `import { connectCluster } from "../programCluster";\nexport const c = connectCluster;\n`,
        )
      ).length,
      1,
    );
  });

  it("allows the intended direction: config uses generator defaults, the plan uses config and generators", async () => {
    assert.deepEqual(
      await restrictedImports(
        "config/allowed.ts",
        `import { defaultFluxInstallOptions } from "../generators/flux/install/options";\nexport const d = defaultFluxInstallOptions;\n`,
      ),
      [],
    );
    const plan = `import type { StackConfig } from "../config/types";\nimport { sshRepositoryUrl } from "../generators/git/gitRef";\nexport const f = (c: StackConfig) => sshRepositoryUrl(c.github.hostname, c.github.owner, c.github.infraRepository);\n`;
    assert.deepEqual(await restrictedImports("plan/allowed.ts", plan), []);
  });
});
