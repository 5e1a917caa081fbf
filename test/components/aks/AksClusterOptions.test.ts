import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import type { AksClusterArgs } from "../../../components/aks/AksCluster";
import { startRecording, valueOf, type ResourceRecorder } from "../../support/mockMonitor";
import { tenantId } from "../../support/aksKubeconfigs";
import { stackConfig } from "../../generators/aks/stackConfigs";
import { deployer, mocks, T } from "./aksClusterMocks";

/** A dev cluster's args around `cluster`; each test adds what it checks. */
const devArgs = (cluster: AksClusterArgs["cluster"]) => ({
  cluster,
  environment: "dev",
  location: "westeurope",
  resourceGroupName: "rg",
  tags: {},
  deployerObjectIds: [deployer],
  tenantId,
});

describe("components/aks/AksCluster options", () => {
  let recorder: ResourceRecorder;

  before(async () => {
    await pulumi.runtime.setMocks(mocks, "aks-flux-gitops", "dev", false);
    recorder = startRecording();
  });

  it("uses the configured kubelogin mode and tenant in the kubeconfig", async () => {
    const { AksCluster } = await import("../../../components/aks/AksCluster");
    const cfg = stackConfig("dev", { kubeloginMode: "workloadidentity" });
    const aks = new AksCluster("ci", { ...devArgs(cfg.cluster), protect: true });
    const config = parse(await valueOf(aks.kubeconfig)) as { users: { user: { exec: { args: string[] } } }[] };
    assert.deepEqual(config.users[0].user.exec.args, [
      "get-token",
      "--login",
      "workloadidentity",
      "--server-id",
      "6dae42f8-4368-4678-94ff-3960e28e3630",
      "--tenant-id",
      tenantId,
    ]);
  });

  it("keeps local accounts when a development stack allows them, and passes deleteUnreachable through", async () => {
    const { AksCluster } = await import("../../../components/aks/AksCluster");
    const cfg = stackConfig("dev", { allowLocalAccounts: true });
    new AksCluster("local", { ...devArgs(cfg.cluster), protect: false, deleteUnreachable: true });
    await recorder.settled();
    assert.equal(recorder.get(T.cluster, "local-cluster").inputs.disableLocalAccounts, false);
    assert.equal(recorder.get(T.cluster, "local-cluster").options.protect, false);
    assert.equal(recorder.get(T.cluster, "ci-cluster").options.protect, true, "protect: true protects the cluster");
    assert.equal(recorder.get(T.provider, "local-provider").inputs.deleteUnreachable, "true");
  });
});
