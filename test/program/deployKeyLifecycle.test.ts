import assert from "node:assert/strict";
import type { RecordedResource } from "../support/mockMonitor";
import { runProgram, runShippedStack, type ProgramRun } from "../support/programHarness";

const deployKeyType = "github:index/repositoryDeployKey:RepositoryDeployKey";
const tlsKeyType = "tls:index/privateKey:PrivateKey";
const imageAutomation = ["image-reflector-controller", "image-automation-controller"];

/** The tls key resource each deploy key takes its public key from (its sibling in the GitDeployKey component). */
function keyPairOf(run: ProgramRun, deployKey: RecordedResource): RecordedResource {
  const pair = run.recorder.ofType(tlsKeyType).find((k) => k.options.parent === deployKey.options.parent);
  assert.ok(pair, `key pair of ${deployKey.name}`);
  return pair;
}

/**
 * What the engine does between two runs, for the properties the GitHub provider replaces a deploy key
 * for (repository, title, read_only, key: ForceNew in integrations/terraform-provider-github
 * resource_github_repository_deploy_key.go): a key pair is new when its name or its
 * replacementTrigger changed, and a deploy key is replaced when one of those inputs changed.
 */
function replacements(before: ProgramRun, after: ProgramRun): { deployKey: string; replaced: boolean; newKeyPair: boolean }[] {
  return after.recorder.ofType(deployKeyType).map((key) => {
    const old = before.recorder.ofType(deployKeyType).find((k) => k.name === key.name);
    const oldPair = old && keyPairOf(before, old);
    const pair = keyPairOf(after, key);
    const newKeyPair =
      oldPair === undefined ||
      oldPair.name !== pair.name ||
      JSON.stringify(oldPair.options.replacementTrigger) !== JSON.stringify(pair.options.replacementTrigger) ||
      oldPair.inputs.algorithm !== pair.inputs.algorithm;
    const replaced =
      old === undefined ||
      newKeyPair ||
      ["repository", "title", "readOnly"].some((p) => JSON.stringify(old.inputs[p]) !== JSON.stringify(key.inputs[p]));
    return { deployKey: key.name, replaced, newKeyPair };
  });
}

describe("program: deploy key lifecycle across runs", () => {
  it("enabling image automation on an existing stack makes a new infra key pair, registered read-write before the old key goes (one up)", async () => {
    const before = await runShippedStack("dev");
    const after = await runProgram({ stack: "dev", mutate: (v) => (v.flux.componentsExtra = imageAutomation) });
    assert.deepEqual(replacements(before, after), [
      { deployKey: "infra-deploy-key", replaced: true, newKeyPair: true },
      { deployKey: "apps-deploy-key", replaced: false, newKeyPair: false },
    ]);
    const infra = after.recorder.get(deployKeyType, "infra-deploy-key");
    assert.equal(infra.inputs.readOnly, false);
    assert.equal(infra.options.deleteBeforeReplace, false, "the new deploy key is created before the old one is deleted");
    assert.equal(keyPairOf(after, infra).name, "infra-key", "the key keeps its resource name; the trigger makes the new generation");
  });

  it("image automation that commits to the apps repository makes the apps key read-write with a new key pair, registered first", async () => {
    const before = await runProgram({ stack: "staging", mutate: (v) => (v.flux.componentsExtra = imageAutomation) });
    const after = await runProgram({
      stack: "staging",
      mutate: (v) => ((v.flux.componentsExtra = imageAutomation), (v.flux.imageUpdateAutomation = { repository: "apps" })),
    });
    assert.equal(after.error, undefined, after.error?.message);
    const apps = after.recorder.get(deployKeyType, "apps-deploy-key");
    assert.equal(apps.inputs.readOnly, false);
    const result = replacements(before, after).find((r) => r.deployKey === "apps-deploy-key");
    assert.deepEqual(result, { deployKey: "apps-deploy-key", replaced: true, newKeyPair: true });
  });

  const changes: [string, (v: Record<string, any>) => void][] = [
    ["image automation", (v) => (v.flux.componentsExtra = imageAutomation)],
    ["flux.namespace (title)", (v) => (v.flux.namespace = "gitops-system")],
    ["github.branch (title)", (v) => (v.github.branch = "gitops")],
    ["apps.path (apps title)", (v) => (v.apps.path = "./deploy/prod/apps")],
    ["github.infraRepository", (v) => (v.github.infraRepository = "fleet-infra-2")],
    ["flux.sshKeyAlgorithm", (v) => (v.flux.sshKeyAlgorithm = "ed25519")],
    ["flux.deployKeyRotation", (v) => (v.flux.deployKeyRotation = 3)],
  ];
  for (const [what, mutate] of changes) {
    it(`a change of ${what} never replaces a deploy key with the same public key (GitHub refuses it)`, async () => {
      const before = await runShippedStack("prod");
      const after = await runProgram({ stack: "prod", mutate });
      const result = replacements(before, after);
      assert.ok(
        result.some((r) => r.replaced),
        `${what} replaces a deploy key`,
      );
      for (const r of result) assert.ok(!r.replaced || r.newKeyPair, `${r.deployKey}: replaced with a new key pair`);
    });
  }

  it("an unchanged stack keeps every key pair (same trigger, same name)", async () => {
    const before = await runShippedStack("prod");
    const after = await runProgram({ stack: "prod" });
    assert.ok(replacements(before, after).every((r) => !r.replaced && !r.newKeyPair));
  });

  it("each Flux source Secret waits for its deploy key, so Flux never holds a key GitHub does not know", async () => {
    const run = await runShippedStack("staging");
    const secret = (name: string) =>
      run.recorder
        .ofType("kubernetes:core/v1:Secret")
        .find((s) => (s.inputs.metadata as { name: string }).name === name) as RecordedResource;
    assert.ok(secret("flux-system").options.dependencies.includes(run.recorder.get(deployKeyType, "infra-deploy-key").urn));
    assert.ok(secret("apps-deploy-key").options.dependencies.includes(run.recorder.get(deployKeyType, "apps-deploy-key").urn));
    assert.ok(!secret("sops-age").options.dependencies.some((d) => d.includes("RepositoryDeployKey")));
  });
});
