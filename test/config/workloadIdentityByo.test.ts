import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError } from "../../config/errors";
import { byoKubeconfig } from "../support/byoKubeconfig";
import { runProgram } from "../support/programHarness";
import { resolveValues, stackValues } from "./fixtures";

// flux.workloadIdentity federates with the OIDC issuer of the AKS cluster the stack creates; a
// bring-your-own cluster has none the program knows, so the key is refused in that mode.
const expected =
  /^aks-flux-gitops:flux\.workloadIdentity: .* needs the AKS cluster this stack creates .*annotate the service accounts with flux\.patches/;

describe("config: flux.workloadIdentity on a bring-your-own cluster", () => {
  it("rejects it in the stack file, as the only problem", () => {
    const values = stackValues("dev");
    values.cluster = { existingKubeconfig: { secure: "v1:kubeconfig" } };
    (values.flux as Record<string, unknown>).workloadIdentity = { enabled: true };
    try {
      resolveValues("dev", values);
      assert.fail("the configuration was accepted");
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      assert.equal(error.problems.length, 1, error.problems.join("\n"));
      assert.match(error.problems[0], expected);
    }
  });

  it("rejects it through the whole program before registering any resource", async () => {
    const run = await runProgram({
      stack: "dev",
      mutate: (v) => {
        v.cluster = { existingKubeconfig: byoKubeconfig("wi-byo-token") };
        v.flux.workloadIdentity = { enabled: true };
      },
    });
    assert.ok(pulumi.RunError.isInstance(run.error), `a RunError, got ${run.error}`);
    assert.match(run.error?.message.split("\n")[1] ?? "", expected);
    assert.equal(run.resources.length, 0);
  });
});
