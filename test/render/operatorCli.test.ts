import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runRender } from "../../render/cli";
import { FIXTURE_RELEASE_DIR } from "../../bench/fluxRelease";
import { FIXTURE_OPERATOR_INSTALL } from "../support/sharedFluxOperator";
import { projectRoot } from "../support/programHarness";

async function render(argv: string[], projectDir: string): Promise<{ code: number; stderr: string }> {
  const stderr: string[] = [];
  const [log, error] = [console.log, console.error];
  console.log = () => undefined;
  console.error = (...args: unknown[]) => stderr.push(args.join(" "));
  try {
    return { code: await runRender(argv, projectDir), stderr: stderr.join("\n") };
  } finally {
    [console.log, console.error] = [log, error];
  }
}

/** `npm run render` on a stack file that sets flux.installMode: operator (a scratch project next to a copy of Pulumi.dev.yaml). */
describe("render CLI: flux.installMode operator", () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "render-operator-"));
    const devStack = fs.readFileSync(path.join(projectRoot, "Pulumi.dev.yaml"), "utf8");
    fs.writeFileSync(path.join(tmp, "Pulumi.yaml"), fs.readFileSync(path.join(projectRoot, "Pulumi.yaml")));
    fs.writeFileSync(
      path.join(tmp, "Pulumi.dev.yaml"),
      devStack.replace(/^  aks-flux-gitops:flux:\n/m, "  aks-flux-gitops:flux:\n    installMode: operator\n"),
    );
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("renders offline from --operator-manifests: the FluxInstance committed and applied, the operator's Deployment applied, exit 0", async () => {
    assert.match(fs.readFileSync(path.join(tmp, "Pulumi.dev.yaml"), "utf8"), /installMode: operator/, "the stack file sets operator mode");
    const out = path.join(tmp, "out");
    const result = await render(["-s", "dev", "--out", out, "--operator-manifests", FIXTURE_OPERATOR_INSTALL], tmp);
    assert.equal(result.code, 0, result.stderr);
    for (const file of [
      "repos/fleet-infra/clusters/dev/flux-system/flux-instance.yaml",
      "repos/fleet-infra/clusters/dev/flux-system/kustomization.yaml",
      "cluster/deployment-flux-system-flux-operator.yaml",
      "cluster/fluxinstance-flux-system-flux.yaml",
    ]) {
      assert.ok(fs.existsSync(path.join(out, file)), file);
    }
    assert.ok(!fs.existsSync(path.join(out, "repos/fleet-infra/clusters/dev/flux-system/gotk-components.yaml")));
  });

  it("rejects --flux-manifests in operator mode with exit 2, naming the option to use, and writes nothing", async () => {
    const out = path.join(tmp, "out");
    const result = await render(["-s", "dev", "--out", out, "--flux-manifests", FIXTURE_RELEASE_DIR], tmp);
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /^render: --flux-manifests is Flux's release manifests, which flux\.installMode: operator does not use .*pass --operator-manifests <install\.yaml> instead$/,
    );
    assert.ok(!fs.existsSync(out));
  });

  it("rejects an operator install.yaml of another release with exit 2", async () => {
    const other = path.join(tmp, "install.yaml");
    fs.writeFileSync(other, fs.readFileSync(FIXTURE_OPERATOR_INSTALL, "utf8").replace("flux-operator:v0.58.1", "flux-operator:v0.57.0"));
    const result = await render(["-s", "dev", "--out", path.join(tmp, "out"), "--operator-manifests", other], tmp);
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /^render: --operator-manifests .*install\.yaml: the Flux Operator install\.yaml read from .* deploys the operator v0\.57\.0, not aks-flux-gitops:flux\.operator\.version v0\.58\.1/,
    );
  });
});
