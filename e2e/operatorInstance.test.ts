import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { resolveStackConfig } from "../config/resolve";
import { valuesFromStackFile } from "../config/sources";
import { renderEnvironment } from "../render/renderEnvironment";
import { startControlPlane } from "./harness/controlPlane";
import { Kube } from "./harness/kube";
import { Processes } from "./harness/processes";
import { projectRoot } from "./harness/loop";
import { ensureTools } from "./tools/build";

// Operator mode (issue 20) against a real kube-apiserver: the Flux Operator v0.58.1 install.yaml from
// ../shared applied server-side as the program applies it, then the rendered FluxInstance, which the
// apiserver checks against the CRD's structural schema and its CEL rules (x-kubernetes-validations,
// e.g. "the only accepted name for a FluxInstance is 'flux'"), which the unit tests' ajv cannot run.
// No kubelet: the operator's Deployment is stored, not run.

const operatorInstall = path.resolve(projectRoot, "../shared/flux-operator/v0.58.1/install.yaml");
const minute = 60_000;

/** The dev stack file with `flux.installMode: operator` and `overrides` on its flux keys. */
function operatorStack(overrides: Record<string, unknown> = {}) {
  const values = structuredClone(valuesFromStackFile(path.join(projectRoot, "Pulumi.dev.yaml"))) as Record<string, any>;
  values.flux = { ...values.flux, installMode: "operator", ...overrides };
  const cfg = resolveStackConfig({ project: "aks-flux-gitops", stack: "dev", values, cacheDir: "/tmp/unused" });
  return renderEnvironment(cfg, { version: "v0.58.1", installYaml: fs.readFileSync(operatorInstall, "utf8") });
}

describe("end-to-end: the FluxInstance against a real kube-apiserver with the Flux Operator's CRDs", function () {
  this.timeout(5 * minute);
  let dir = "";
  let procs: Processes | undefined;
  let kube: Kube;

  before(async function () {
    this.timeout(10 * minute);
    if (!fs.existsSync(operatorInstall)) {
      const reason = `the Flux Operator's install.yaml not found at ${operatorInstall} (../shared beside the repository)`;
      if (process.env.REQUIRE_REAL_TOOLS === "1") throw new Error(reason);
      console.log(`      skipped: ${reason}`);
      this.skip();
    }
    const bins = new Map(
      [...ensureTools(["etcd", "kube-apiserver", "kube-controller-manager", "kubectl"])].map(([name, tool]) => [name, tool.path]),
    );
    const bin = (tool: string) => bins.get(tool) as string;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "aks-flux-gitops-operator-"));
    procs = new Processes(path.join(dir, "logs"));
    const controlPlane = await startControlPlane(procs, bin, path.join(dir, "control-plane"));
    kube = new Kube(bin("kubectl"), controlPlane.kubeconfigPath);
  });

  after(async function () {
    this.timeout(minute);
    await procs?.stopAll();
    if (dir !== "") fs.rmSync(dir, { recursive: true, force: true });
  });

  const apply = (files: readonly { path: string; content: string }[], extra: readonly string[] = []) => {
    const file = path.join(dir, `apply-${Math.random().toString(16).slice(2)}.yaml`);
    fs.writeFileSync(file, files.map((f) => f.content.replace(/^---\n/, "")).join("---\n"));
    return kube.kubectl(["apply", "--server-side", "--field-manager=aks-flux-gitops-e2e", ...extra, "-f", file]);
  };

  it("applies the operator's objects, then accepts the FluxInstance of every variant the program writes", () => {
    const rendered = operatorStack();
    const cluster = rendered.filter((f) => f.path.startsWith("cluster/"));
    const operatorObjects = cluster.filter((f) => !/^cluster\/(secret|fluxinstance)-/.test(f.path));
    apply(operatorObjects.filter((f) => /^cluster\/(namespace|customresourcedefinition)-/.test(f.path)));
    kube.kubectl(["wait", "--for=condition=established", "--timeout=60s", "crd/fluxinstances.fluxcd.controlplane.io"]);
    apply(operatorObjects.filter((f) => !/^cluster\/(namespace|customresourcedefinition)-/.test(f.path)));
    assert.ok(kube.get("deployment", "flux-operator", "flux-system"), "the operator's Deployment is stored");

    const variants = [
      {},
      { version: "2.9.x", ref: { tag: "infra-v1.0.0" }, multitenant: true, workloadIdentity: { enabled: true } },
      { componentsExtra: ["image-reflector-controller", "image-automation-controller", "source-watcher"], networkPolicy: false },
    ];
    for (const overrides of variants) {
      const instance = operatorStack(overrides).filter((f) => f.path === "cluster/fluxinstance-flux-system-flux.yaml");
      assert.equal(instance.length, 1);
      apply(instance, ["--force-conflicts"]);
      const stored = kube.get("fluxinstance", "flux", "flux-system") as any;
      assert.equal(stored.spec.cluster.type, "azure");
      assert.equal(stored.spec.sync.pullSecret, "flux-system");
    }
  });

  it("the apiserver's CEL rules can fail: it rejects an instance named other than flux", () => {
    const [instance] = operatorStack().filter((f) => f.path === "cluster/fluxinstance-flux-system-flux.yaml");
    assert.throws(
      () => apply([{ ...instance, content: instance.content.replace(/^  name: flux$/m, "  name: other") }]),
      /the only accepted name for a FluxInstance is 'flux'/,
    );
  });
});
