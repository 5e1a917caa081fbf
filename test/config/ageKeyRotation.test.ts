import assert from "node:assert/strict";
import { ageKeyRotationProblems, keptAgeKeyGenerations } from "../../config/ageKeyGenerations";
import { runProgram } from "../support/programHarness";

const seeds = (run: Awaited<ReturnType<typeof runProgram>>) =>
  run.recorder
    .ofType("random:index/randomBytes:RandomBytes")
    .map((r) => r.name)
    .sort();

describe("config: age key rotation steps", () => {
  describe("which generations exist", () => {
    it("forward one generation keeps the previous key while files are re-encrypted", () =>
      assert.deepEqual(keptAgeKeyGenerations({ ageKeyGeneration: 1 }), [1, 0]));
    it("dropping the previous key is explicit (keepPreviousAgeKey: false)", () =>
      assert.deepEqual(keptAgeKeyGenerations({ ageKeyGeneration: 1, keepPreviousAgeKey: false }), [1]));
    it("an explicit list keeps every generation it names", () =>
      assert.deepEqual(keptAgeKeyGenerations({ ageKeyGenerations: [2, 0] }), [2, 0]));
  });

  describe("a step compared with the last deployment", () => {
    it("accepts the first deployment and a forward step of one", () => {
      assert.deepEqual(ageKeyRotationProblems(undefined, [3], false), []);
      assert.deepEqual(ageKeyRotationProblems([0], [1, 0], false), []);
      assert.deepEqual(ageKeyRotationProblems([1, 0], [1], false), []);
    });
    it("rejects a jump with the shorthand, which would delete the generation in use", () => {
      const [message] = ageKeyRotationProblems([0], [2, 1], false);
      assert.match(
        message,
        /^aks-flux-gitops:sops\.ageKeyGeneration: 2 jumps from age key generation 0 to 2: rotate one generation at a time \(set 1\), or list the generations to keep explicitly, e\.g\. `sops\.ageKeyGenerations: \[2, 0\]`/,
      );
    });
    it("accepts a jump as an explicit list that still names the generation in use", () =>
      assert.deepEqual(ageKeyRotationProblems([0], [2, 0], true), []));
    it("rejects going back, with the shorthand or a list", () => {
      assert.match(
        ageKeyRotationProblems([1, 0], [0], false)[0],
        /sops\.ageKeyGeneration: 0 goes back from age key generation 1 .* to 0: refused/,
      );
      assert.match(ageKeyRotationProblems([2, 1], [1, 0], true)[0], /sops\.ageKeyGenerations: \[1,0\] goes back from age key generation 2/);
    });
  });

  describe("the whole program, reading the last deployment's output sopsAgeKeyGenerations", () => {
    it("forward: keeps generation 0 beside the new 1", async () => {
      const run = await runProgram({
        stack: "dev",
        mutate: (v) => (v.sops.ageKeyGeneration = 1),
        mocks: { previousOutputs: { sopsAgeKeyGenerations: [0] } },
      });
      assert.equal(run.error, undefined);
      assert.deepEqual(seeds(run), ["sops-gen0", "sops-gen1"]);
      assert.deepEqual(run.outputs.sopsAgeKeyGenerations, [1, 0]);
    });
    it("jump as a list: keeps the generation still listed", async () => {
      const run = await runProgram({
        stack: "dev",
        mutate: (v) => (v.sops.ageKeyGenerations = [2, 0]),
        mocks: { previousOutputs: { sopsAgeKeyGenerations: [0] } },
      });
      assert.equal(run.error, undefined);
      assert.deepEqual(seeds(run), ["sops-gen0", "sops-gen2"]);
    });
    for (const [name, mutate, previous] of [
      ["jump with the shorthand", (v: Record<string, any>) => (v.sops.ageKeyGeneration = 2), [0]],
      ["going back", (v: Record<string, any>) => (v.sops.ageKeyGeneration = 0), [1, 0]],
    ] as const) {
      it(`rejects a ${name} before registering any resource (RunError, no seed deleted)`, async () => {
        const run = await runProgram({ stack: "dev", mutate, mocks: { previousOutputs: { sopsAgeKeyGenerations: previous } } });
        assert.equal(run.error?.constructor.name, "RunError");
        assert.match(run.error?.message ?? "", /invalid stack configuration \(1 problem\):\naks-flux-gitops:sops\.ageKeyGeneration/);
        assert.deepEqual(
          run.resources.filter((r) => r.custom && r.type !== "pulumi:pulumi:StackReference"),
          [],
        );
      });
    }
  });
});
