import assert from "node:assert/strict";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { resolveStackConfig } from "../../config/resolve";
import { valuesFromStackFile } from "../../config/sources";
import { planEnvironment } from "../../plan/environmentPlan";
import { loadLocalManifests } from "../../release/loadLocalManifests";
import { badConfigCases } from "../config/badConfigCases";
import { isSecretInput, unwrapSecrets } from "../support/mockMonitor";
import { fixtureManifestsDir, projectRoot, runProgram, runShippedStack } from "../support/programHarness";
import { mockClient } from "../support/programMocks";

const stacks = ["dev", "staging", "prod"];
const repositoryFile = "github:index/repositoryFile:RepositoryFile";

describe("program: every stack", () => {
  for (const stack of stacks) {
    describe(stack, () => {
      it("evaluates without error and exports what a platform engineer needs", async () => {
        const run = await runShippedStack(stack);
        assert.equal(run.error, undefined, run.error?.stack);
        const o = run.outputs;
        assert.equal(o.environment, stack);
        assert.equal(o.clusterName, `aks-${stack}`);
        assert.equal(o.resourceGroupName, `rg-aks-flux-gitops-${stack}`);
        assert.match(o.oidcIssuerUrl, /^https:\/\/westeurope\.oic\.prod-aks\.azure\.com\//);
        assert.match(o.clusterId, new RegExp(`/providers/Microsoft\\.ContainerService/managedClusters/aks-${stack}$`));
        assert.deepEqual(o.kubeletIdentity, { objectId: "kubelet-object-id", clientId: "kubelet-client-id" });
        assert.equal(o.infraRepositoryUrl, "https://github.com/acme-platform/fleet-infra");
        assert.equal(o.appsRepositoryUrl, "https://github.com/acme-platform/fleet-apps");
        assert.match(o.infraDeployKey.fingerprint, /^SHA256:[A-Za-z0-9+/]{43}$/);
        assert.match(o.appsDeployKey.publicKey, /^ecdsa-sha2-nistp384 AAAA/);
        assert.match(o.sopsAgeRecipient, /^age1[a-z0-9]{58}$/);
        assert.match(o.keyVaultName, new RegExp(`^kv-${stack}-[0-9a-f]{8}$`));
        assert.equal(o.keyVaultSecretId, `https://${o.keyVaultName}.vault.azure.net/secrets/sops-age-${stack}`);
        assert.match(o.nextSteps, /pulumi stack output kubeconfig --show-secrets/);
        assert.match(o.kubeconfig, /command: kubelogin/);
      });

      it("keeps the kubeconfig secret and nothing private in a plain output", async () => {
        const run = await runShippedStack(stack);
        assert.deepEqual([...run.secretOutputs], ["kubeconfig"]);
        const plain = JSON.stringify(Object.fromEntries(Object.entries(run.outputs).filter(([k]) => !run.secretOutputs.has(k))));
        assert.doesNotMatch(plain, /PRIVATE KEY|AGE-SECRET-KEY/);
      });

      it("commits no private key material and no age identity to any repository", async () => {
        const run = await runShippedStack(stack);
        const files = run.recorder.ofType(repositoryFile);
        assert.ok(files.length >= 10);
        for (const file of files) {
          const content = JSON.stringify(unwrapSecrets(file.inputs.content));
          assert.doesNotMatch(content, /PRIVATE KEY|AGE-SECRET-KEY|identity:/, String(file.inputs.file));
          assert.ok(!isSecretInput(file.inputs.content), `${file.inputs.file} content is public`);
        }
      });

      it("commits exactly what `npm run render` writes, byte for byte (same generators)", async () => {
        const run = await runShippedStack(stack);
        const cfg = resolveStackConfig({
          project: "aks-flux-gitops",
          stack,
          cacheDir: "/tmp/unused",
          values: {
            ...valuesFromStackFile(path.join(projectRoot, `Pulumi.${stack}.yaml`)),
            flux: {
              ...(valuesFromStackFile(path.join(projectRoot, `Pulumi.${stack}.yaml`)).flux as object),
              manifests: fixtureManifestsDir,
            },
          },
        });
        const plan = planEnvironment(cfg, await loadLocalManifests(fixtureManifestsDir, cfg.flux.version));
        const facts = {
          subscriptionId: mockClient.subscriptionId,
          tenantId: mockClient.tenantId,
          oidcIssuerUrl: run.outputs.oidcIssuerUrl,
          keyVaultName: run.outputs.keyVaultName,
          keyVaultUri: `https://${run.outputs.keyVaultName}.vault.azure.net/`,
          sopsAgeRecipient: run.outputs.sopsAgeRecipient,
          fluxClientId: "",
        };
        const committed = new Map(
          run.recorder.ofType(repositoryFile).map((r) => [`${r.inputs.repository}/${r.inputs.file}`, r.inputs.content]),
        );
        const planned = new Map(plan.files.map((f) => [`${f.repository}/${f.path}`, f.content(facts)]));
        assert.deepEqual([...committed.keys()].sort(), [...planned.keys()].sort());
        for (const [key, content] of planned) assert.equal(committed.get(key), content, key);
      });
    });
  }
});

describe("program: invalid configuration", () => {
  it("rejects a malformed stack with every problem and registers no resource", async () => {
    const run = await runProgram({
      stack: "prod",
      mutate: (v) => {
        v.flux.version = "2.9";
        v.cluster.zones = ["4"];
        v.sops.softDeleteRetentionDays = 1;
      },
    });
    assert.ok(run.error, "the program must fail");
    assert.ok(pulumi.RunError.isInstance(run.error), "a RunError: printed without a stack trace");
    assert.match(run.error?.message ?? "", /invalid stack configuration \(3 problems\)/);
    assert.match(run.error?.message ?? "", /aks-flux-gitops:flux\.version: "2\.9" must look like vX\.Y\.Z/);
    assert.match(run.error?.message ?? "", /aks-flux-gitops:cluster\.zones\[0\]/);
    assert.match(run.error?.message ?? "", /aks-flux-gitops:sops\.softDeleteRetentionDays/);
    assert.equal(run.resources.length, 0);
  });

  it("rejects unusable Flux manifests with the path and the fix, and registers no resource", async () => {
    const run = await runProgram({ stack: "dev", mutate: (v) => (v.flux.manifests = "/nonexistent/manifests.tar.gz") });
    assert.ok(pulumi.RunError.isInstance(run.error));
    assert.match(run.error?.message ?? "", /\/nonexistent\/manifests\.tar\.gz/);
    assert.match(run.error?.message ?? "", /aks-flux-gitops:flux\.manifests/);
    assert.equal(run.resources.length, 0);
  });
});

describe("program: every malformed stack of the bad-config suite", () => {
  for (const { name, stack = "dev", mutate, expect } of badConfigCases) {
    it(`rejects ${name} before registering any resource`, async () => {
      const run = await runProgram({ stack, mutate });
      assert.ok(pulumi.RunError.isInstance(run.error), `a RunError, got ${run.error}`);
      assert.match(run.error?.message.split("\n")[1] ?? "", expect);
      assert.equal(run.resources.length, 0);
    });
  }
});
