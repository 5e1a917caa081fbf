import assert from "node:assert/strict";
import { byoKubeconfig } from "../support/byoKubeconfig";
import type { RecordedResource } from "../support/mockMonitor";
import { runProgram, runShippedStack, transitiveDependencies, type ProgramRun } from "../support/programHarness";

const repositoryFile = "github:index/repositoryFile:RepositoryFile";
const isClusterObject = (r: RecordedResource) => r.type.startsWith("kubernetes:") && r.custom;

/**
 * One owner per phase (docs/flux.md, "Upgrading Flux"): Pulumi commits Flux's files first, then
 * applies the same objects; Flux owns them from Git afterwards. Unlike applying in parallel with the
 * commit, Flux can never re-apply the previous revision after Pulumi applied the new one, because
 * Git no longer has it by then.
 */
describe("program: Flux upgrades and installs go Git first, then the cluster", () => {
  const cases: [string, () => Promise<ProgramRun>][] = [
    ["first install (dev)", () => runShippedStack("dev")],
    ["upgrade by flux.version (dev, v2.9.0 -> v2.9.4)", () => runProgram({ stack: "dev", mutate: (v) => (v.flux.version = "v2.9.4") })],
    [
      "bring-your-own cluster",
      () => runProgram({ stack: "staging", mutate: (v) => (v.cluster = { existingKubeconfig: byoKubeconfig("t") }) }),
    ],
  ];
  for (const [what, run] of cases) {
    it(`${what}: every object applied to the cluster waits for every Flux file commit`, async () => {
      const result = await run();
      assert.equal(result.error, undefined);
      const fluxFiles = result.recorder
        .ofType(repositoryFile)
        .filter((f) => /^clusters\/[a-z]+\/flux-system\//.test(String(f.inputs.file)));
      assert.equal(fluxFiles.length, 3);
      const objects = result.resources.filter(isClusterObject);
      assert.ok(objects.length > 10);
      for (const object of objects) {
        const upstream = transitiveDependencies(result, object);
        for (const file of fluxFiles) assert.ok(upstream.has(file.urn), `${object.name} after the commit of ${file.inputs.file}`);
      }
      for (const file of result.recorder.ofType(repositoryFile)) {
        const upstream = transitiveDependencies(result, file);
        assert.ok(!objects.some((o) => upstream.has(o.urn)), `${file.inputs.file} never waits for the cluster`);
      }
    });
  }
});

describe("program: a non-default flux.namespace, as flux bootstrap --namespace", () => {
  let run: ProgramRun;
  before(async () => {
    run = await runProgram({ stack: "prod", mutate: (v) => (v.flux.namespace = "gitops-system") });
    assert.equal(run.error, undefined);
  });

  it("commits clusters/<env>/gitops-system/ and nothing under flux-system/", () => {
    const files = run.recorder.ofType(repositoryFile).map((f) => String(f.inputs.file));
    assert.deepEqual(
      files.filter((f) => f.includes("gitops-system")),
      [
        "clusters/prod/gitops-system/gotk-components.yaml",
        "clusters/prod/gitops-system/gotk-sync.yaml",
        "clusters/prod/gitops-system/kustomization.yaml",
      ],
    );
    assert.ok(!files.some((f) => f.includes("flux-system")));
  });

  it("applies the sync objects named after the namespace, the source Secret still flux-system, and titles the key as Flux", () => {
    const named = (type: string) => run.recorder.ofType(type).map((r) => r.inputs.metadata as { name: string; namespace: string });
    assert.deepEqual(named("kubernetes:source.toolkit.fluxcd.io/v1:GitRepository"), [
      { name: "gitops-system", namespace: "gitops-system" },
    ]);
    assert.deepEqual(named("kubernetes:kustomize.toolkit.fluxcd.io/v1:Kustomization"), [
      { name: "gitops-system", namespace: "gitops-system" },
    ]);
    assert.ok(named("kubernetes:core/v1:Secret").some((m) => m.name === "flux-system" && m.namespace === "gitops-system"));
    assert.equal(
      run.recorder.get("github:index/repositoryDeployKey:RepositoryDeployKey", "infra-deploy-key").inputs.title,
      "gitops-system-main-flux-system-./clusters/prod",
    );
  });
});
