import * as assert from "node:assert/strict";
import { byoKubeconfig } from "../support/byoKubeconfig";
import { isSecretInput, unwrapSecrets } from "../support/mockMonitor";
import { runProgram, type ProgramRun } from "../support/programHarness";

const GITHUB_TOKEN = "ghs_canaryTokenThatMustOnlyTravelAsASecret0123";
const KUBE_TOKEN = "byo-kube-token-canary-4567";
const BYO_KUBECONFIG = byoKubeconfig(KUBE_TOKEN);

/** Paths (`<type> <name>: inputs.a.b`) where `needle` appears in a string outside a secret wrapper. */
function plainOccurrences(run: ProgramRun, needle: string): string[] {
  const found: string[] = [];
  const walk = (value: unknown, where: string): void => {
    if (isSecretInput(value)) return;
    if (typeof value === "string") {
      if (value.includes(needle)) found.push(where);
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, `${where}[${i}]`));
    } else if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) walk(v, `${where}.${k}`);
    }
  };
  for (const r of run.resources) walk(r.inputs, `${r.type} ${r.name}: inputs`);
  for (const [key, value] of Object.entries(run.outputs)) if (!run.secretOutputs.has(key)) walk(value, `output ${key}`);
  return found;
}

/** Every secret wrapper whose value contains `needle`, as `<type> <name>`. */
function secretHolders(run: ProgramRun, needle: string): string[] {
  return run.resources.filter((r) => JSON.stringify(r.inputs).includes(needle)).map((r) => `${r.type} ${r.name}`);
}

async function runWithToken(stack: string, mutate?: (values: Record<string, any>) => void): Promise<ProgramRun> {
  const saved = process.env.GITHUB_TOKEN;
  process.env.GITHUB_TOKEN = GITHUB_TOKEN;
  try {
    const run = await runProgram({ stack, mutate });
    assert.equal(run.error, undefined, run.error?.stack);
    return run;
  } finally {
    if (saved === undefined) delete process.env.GITHUB_TOKEN;
    else process.env.GITHUB_TOKEN = saved;
  }
}

describe("program: credentials reach providers only as Pulumi secrets (issue 15)", () => {
  for (const stack of ["dev", "prod"]) {
    describe(`${stack}, with GITHUB_TOKEN set`, () => {
      let run: ProgramRun;
      before(async () => {
        run = await runWithToken(stack);
      });

      it("hands the GitHub provider the token explicitly, wrapped as a secret", () => {
        const provider = run.recorder.get("pulumi:providers:github", "github");
        assert.ok(isSecretInput(provider.inputs.token), `token input is ${JSON.stringify(provider.inputs.token)}`);
        assert.equal(unwrapSecrets(provider.inputs.token), GITHUB_TOKEN);
        assert.equal(provider.inputs.baseUrl, "https://api.github.com/", "not left to GITHUB_BASE_URL");
      });

      it("has the token in no provider or resource input, nor output, outside a secret", () => {
        assert.deepEqual(plainOccurrences(run, GITHUB_TOKEN), []);
        assert.deepEqual(secretHolders(run, GITHUB_TOKEN), ["pulumi:providers:github github"], "only the GitHub provider holds it");
      });
    });
  }

  it("without GITHUB_TOKEN, sets no token input (nothing read behind config's back)", async () => {
    const saved = process.env.GITHUB_TOKEN;
    delete process.env.GITHUB_TOKEN;
    try {
      const run = await runProgram({ stack: "dev" });
      assert.equal(run.error, undefined, run.error?.stack);
      assert.equal(run.recorder.get("pulumi:providers:github", "github").inputs.token, undefined);
    } finally {
      if (saved !== undefined) process.env.GITHUB_TOKEN = saved;
    }
  });

  it("keeps a bring-your-own kubeconfig's credential inside secrets everywhere", async () => {
    const run = await runWithToken("dev", (v) => (v.cluster = { existingKubeconfig: BYO_KUBECONFIG }));
    assert.deepEqual(plainOccurrences(run, KUBE_TOKEN), []);
    assert.deepEqual(plainOccurrences(run, GITHUB_TOKEN), []);
    assert.ok(secretHolders(run, KUBE_TOKEN).includes("pulumi:providers:kubernetes cluster"));
  });
});
