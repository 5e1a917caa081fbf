import assert from "node:assert/strict";
import { parseAllDocuments } from "yaml";
import { runProgram, type ProgramRun } from "../support/programHarness";

const repositoryFile = "github:index/repositoryFile:RepositoryFile";
const layouts = {
  "two repositories": (_v: Record<string, any>) => undefined,
  monorepo: (v: Record<string, any>) => delete v.github.appsRepository,
};
const expectedRef = { dev: { branch: "main" }, staging: { tag: "staging-v1.4.0" }, prod: { tag: "prod-v1.3.2" } } as const;

function files(run: ProgramRun): Map<string, { repository: string; content: string; retain: boolean; ignoreChanges: readonly string[] }> {
  return new Map(
    run.recorder.ofType(repositoryFile).map((r) => [
      String(r.inputs.file),
      {
        repository: String(r.inputs.repository),
        content: String(r.inputs.content),
        retain: r.options.retainOnDelete,
        ignoreChanges: r.options.ignoreChanges,
      },
    ]),
  );
}

function objectsIn(content: string): Record<string, any>[] {
  return parseAllDocuments(content)
    .map((d) => d.toJS())
    .filter((o) => o !== null);
}

describe("program: repository wiring", () => {
  for (const [layout, mutate] of Object.entries(layouts)) {
    for (const stack of ["dev", "staging", "prod"] as const) {
      describe(`${stack}, ${layout}`, () => {
        let run: ProgramRun;
        before(async () => {
          run = await runProgram({ stack, mutate });
          assert.equal(run.error, undefined, run.error?.stack);
        });

        it("writes only under its own environment's paths, in the right repositories", () => {
          const appsRepository = layout === "monorepo" ? "fleet-infra" : "fleet-apps";
          const byRepository = [...files(run)].map(([path, f]) => `${f.repository}:${path}`).sort();
          assert.deepEqual(
            byRepository,
            [
              `${appsRepository}:apps/overlays/${stack}/.sops.yaml`,
              `${appsRepository}:apps/overlays/${stack}/kustomization.yaml`,
              `fleet-infra:clusters/${stack}/apps.yaml`,
              `fleet-infra:clusters/${stack}/cluster-settings.yaml`,
              `fleet-infra:clusters/${stack}/flux-system/gotk-components.yaml`,
              `fleet-infra:clusters/${stack}/flux-system/gotk-sync.yaml`,
              `fleet-infra:clusters/${stack}/flux-system/kustomization.yaml`,
              `fleet-infra:clusters/${stack}/infrastructure.yaml`,
              `fleet-infra:infrastructure/overlays/${stack}/.sops.yaml`,
              `fleet-infra:infrastructure/overlays/${stack}/kustomization.yaml`,
            ].sort(),
          );
          for (const path of files(run).keys()) assert.ok(path.split("/").includes(stack), `${path} belongs to ${stack}`);
        });

        it("reconciles infrastructure from flux-system, with SOPS and cluster-settings substitution", () => {
          const [infrastructure] = objectsIn(files(run).get(`clusters/${stack}/infrastructure.yaml`)?.content ?? "");
          assert.equal(infrastructure.kind, "Kustomization");
          assert.equal(infrastructure.metadata.namespace, "flux-system");
          assert.deepEqual(infrastructure.spec.sourceRef, { kind: "GitRepository", name: "flux-system" });
          assert.equal(infrastructure.spec.path, `./infrastructure/overlays/${stack}`);
          assert.equal(infrastructure.spec.prune, true);
          assert.equal(infrastructure.spec.wait, true);
          assert.deepEqual(
            [infrastructure.spec.interval, infrastructure.spec.retryInterval, infrastructure.spec.timeout],
            ["10m0s", "1m0s", "5m0s"],
          );
          assert.deepEqual(infrastructure.spec.decryption, { provider: "sops", secretRef: { name: "sops-age" } });
          assert.deepEqual(infrastructure.spec.postBuild, { substituteFrom: [{ kind: "ConfigMap", name: "cluster-settings" }] });
          assert.equal(infrastructure.spec.dependsOn, undefined);
        });

        it("reconciles apps after infrastructure, from the environment's ref", () => {
          const objects = objectsIn(files(run).get(`clusters/${stack}/apps.yaml`)?.content ?? "");
          const apps = objects.find((o) => o.kind === "Kustomization");
          assert.deepEqual(apps?.spec.dependsOn, [{ name: "infrastructure" }]);
          assert.equal(apps?.spec.path, `./apps/overlays/${stack}`);
          assert.deepEqual(apps?.spec.decryption, { provider: "sops", secretRef: { name: "sops-age" } });
          assert.deepEqual(apps?.spec.postBuild, { substituteFrom: [{ kind: "ConfigMap", name: "cluster-settings" }] });
          const source = objects.find((o) => o.kind === "GitRepository");
          if (layout === "monorepo") {
            assert.equal(source, undefined, "no second GitRepository in a monorepo");
            assert.deepEqual(apps?.spec.sourceRef, { kind: "GitRepository", name: "flux-system" });
          } else {
            assert.deepEqual(apps?.spec.sourceRef, { kind: "GitRepository", name: "apps" });
            assert.equal(source?.spec.url, "ssh://git@github.com/acme-platform/fleet-apps");
            assert.deepEqual(source?.spec.ref, expectedRef[stack]);
            assert.deepEqual(source?.spec.secretRef, { name: "apps-deploy-key" });
            assert.equal(source?.spec.interval, stack === "dev" ? "1m0s" : "5m0s");
          }
        });

        it("publishes the cluster facts in cluster-settings, nothing secret", () => {
          const content = files(run).get(`clusters/${stack}/cluster-settings.yaml`)?.content ?? "";
          const [settings] = objectsIn(content);
          assert.deepEqual(Object.keys(settings.data).sort(), [
            "AZURE_REGION",
            "AZURE_SUBSCRIPTION_ID",
            "AZURE_TENANT_ID",
            "CLUSTER_NAME",
            "ENVIRONMENT",
            "KEY_VAULT_NAME",
            "KEY_VAULT_URI",
            "OIDC_ISSUER_URL",
            "RESOURCE_GROUP",
            "SOPS_AGE_RECIPIENT",
          ]);
          assert.equal(settings.data.CLUSTER_NAME, `aks-${stack}`);
          assert.equal(settings.data.OIDC_ISSUER_URL, run.outputs.oidcIssuerUrl);
          assert.equal(settings.data.SOPS_AGE_RECIPIENT, run.outputs.sopsAgeRecipient);
          assert.equal(settings.data.KEY_VAULT_NAME, run.outputs.keyVaultName);
          assert.doesNotMatch(content, /PRIVATE|AGE-SECRET/);
        });

        it("creates the team entry points once, then never changes or deletes them", () => {
          for (const path of [`infrastructure/overlays/${stack}/kustomization.yaml`, `apps/overlays/${stack}/kustomization.yaml`]) {
            const entry = files(run).get(path);
            assert.ok(entry);
            assert.equal(entry.retain, true, `${path} is retained on destroy`);
            assert.ok(entry.ignoreChanges.includes("content"), `${path} content changes are ignored`);
          }
          for (const path of [`clusters/${stack}/apps.yaml`, `infrastructure/overlays/${stack}/.sops.yaml`]) {
            assert.equal(files(run).get(path)?.retain, false, `${path} is owned by the stack`);
          }
        });
      });
    }
  }

  it("leaves an entry point alone when the team already has one", async () => {
    const existing = new Map([
      ["fleet-infra/infrastructure/overlays/dev/kustomization.yaml", "Add cert-manager and ingress-nginx"],
      ["fleet-apps/apps/overlays/dev/kustomization.yaml", "Add apps entry point (dev)"],
    ]);
    const run = await runProgram({ stack: "dev", mocks: { existingRepositoryFiles: existing } });
    const paths = [...files(run).keys()];
    assert.ok(!paths.includes("infrastructure/overlays/dev/kustomization.yaml"), "a team-edited entry point is not declared");
    assert.ok(paths.includes("apps/overlays/dev/kustomization.yaml"), "one still as this stack created it stays declared (no churn)");
  });

  it("shows a promotion as a one-line change of clusters/<env>/apps.yaml", async () => {
    const before = await runProgram({ stack: "prod" });
    const after = await runProgram({ stack: "prod", mutate: (v) => (v.apps.ref = { tag: "prod-v1.4.0" }) });
    const changed = [...files(after)].filter(([path, f]) => files(before).get(path)?.content !== f.content).map(([path]) => path);
    assert.deepEqual(changed, ["clusters/prod/apps.yaml"]);
    const diff = (files(after).get("clusters/prod/apps.yaml")?.content ?? "")
      .split("\n")
      .filter((line, i) => line !== (files(before).get("clusters/prod/apps.yaml")?.content ?? "").split("\n")[i]);
    assert.deepEqual(diff, ["    tag: prod-v1.4.0"]);
    const commit = after.recorder.ofType(repositoryFile).find((r) => r.inputs.file === "clusters/prod/apps.yaml");
    assert.equal(commit?.inputs.commitMessage, "Reconcile apps at tag prod-v1.4.0 (prod)");
  });

  it("pins the infra repository's own source per environment with flux.ref", async () => {
    const run = await runProgram({ stack: "prod", mutate: (v) => (v.flux.ref = { semver: ">=1.0.0 <2.0.0" }) });
    const [source] = objectsIn(files(run).get("clusters/prod/flux-system/gotk-sync.yaml")?.content ?? "");
    assert.deepEqual(source.spec.ref, { semver: ">=1.0.0 <2.0.0" });
  });
});
