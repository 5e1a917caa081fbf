import assert from "node:assert/strict";
import { installModeSwitchProblem } from "../../config/fluxInstallMode";
import { resolveValues, stackValues } from "./fixtures";

const withFlux = (flux: Record<string, unknown>) => {
  const values = stackValues("dev");
  Object.assign(values.flux, flux);
  return resolveValues("dev", values).flux;
};

describe("config: flux.installMode", () => {
  it("defaults to bootstrap, without operator settings", () => {
    const flux = withFlux({});
    assert.equal(flux.installMode, "bootstrap");
    assert.equal(flux.operator, undefined);
    assert.equal(flux.allowInstallModeSwitch, false);
  });

  it("operator mode installs the Flux Operator v0.58.1 by default, with flux.version (without its v) as the FluxInstance's version", () => {
    const flux = withFlux({ installMode: "operator" });
    assert.deepEqual(flux.operator, { version: "v0.58.1", distributionVersion: "2.9.0" });
    assert.equal(flux.version, "v2.9.0");
  });

  it("operator mode takes a range of Flux versions, an operator version and a local install.yaml", () => {
    const flux = withFlux({
      installMode: "operator",
      version: "2.9.x",
      operator: { version: "v0.59.0", manifests: "./vendor/flux-operator/install.yaml" },
    });
    assert.deepEqual(flux.operator, { version: "v0.59.0", manifests: "./vendor/flux-operator/install.yaml", distributionVersion: "2.9.x" });
  });

  it("keeps tags as the infra ref in operator mode (refs/tags/<tag>)", () => {
    assert.deepEqual(withFlux({ installMode: "operator", ref: { tag: "infra-v1.0.0" } }).ref, { tag: "infra-v1.0.0" });
  });

  describe("switching a deployed environment", () => {
    it("allows a first deployment and the same mode again", () => {
      assert.equal(installModeSwitchProblem(undefined, "operator", false), undefined);
      assert.equal(installModeSwitchProblem("operator", "operator", false), undefined);
      assert.equal(installModeSwitchProblem("bootstrap", "bootstrap", false), undefined);
    });

    it("rejects a switch in either direction, naming the key, the last mode and the documented steps", () => {
      assert.match(
        installModeSwitchProblem("bootstrap", "operator", false) ?? "",
        /^aks-flux-gitops:flux\.installMode: "operator" differs from the last deployment's install mode \(bootstrap\): .*prune every workload.*docs\/flux\.md "Switching install modes".*flux\.allowInstallModeSwitch true.*or set flux\.installMode back to bootstrap$/,
      );
      assert.match(
        installModeSwitchProblem("operator", "bootstrap", false) ?? "",
        /"bootstrap" differs from the last deployment's install mode \(operator\)/,
      );
    });

    it("says how to switch, as docs/flux.md does: uninstall keeping the workloads, destroy the old mode's component by its URN", () => {
      const where = { stack: "prod", project: "aks-flux-gitops", namespace: "gitops" };
      const fromBootstrap = installModeSwitchProblem("bootstrap", "operator", false, where) ?? "";
      assert.match(fromBootstrap, /flux uninstall --namespace gitops --silent/);
      assert.ok(
        fromBootstrap.includes(
          "pulumi destroy -s prod --target 'urn:pulumi:prod::aks-flux-gitops::aks-flux-gitops:flux:FluxBootstrap::flux' --target-dependents",
        ),
        fromBootstrap,
      );
      const fromOperator = installModeSwitchProblem("operator", "bootstrap", false, where) ?? "";
      assert.ok(fromOperator.includes("--target 'urn:pulumi:prod::aks-flux-gitops::aks-flux-gitops:flux:FluxOperatorInstall::flux'"));
      assert.doesNotMatch(fromOperator, /flux uninstall/);
      for (const message of [fromBootstrap, fromOperator]) assert.doesNotMatch(message, /state delete/);
    });

    it("allows a switch acknowledged with flux.allowInstallModeSwitch", () => {
      assert.equal(installModeSwitchProblem("bootstrap", "operator", true), undefined);
    });
  });
});
