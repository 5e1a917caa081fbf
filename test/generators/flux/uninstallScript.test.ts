import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fluxUninstallScript } from "../../../generators/flux/uninstallScript";

/** A kubectl stand-in that records its calls and answers the two queries the script makes. */
const fakeKubectl = `#!/usr/bin/env bash
echo "$* || kubeconfig: $(tr '\\n' '|' < "$KUBECONFIG")" >> "$CALLS"
case "$*" in
  "get customresourcedefinitions "*) printf 'customresourcedefinition.apiextensions.k8s.io/kustomizations.kustomize.toolkit.fluxcd.io\\ncustomresourcedefinition.apiextensions.k8s.io/gitrepositories.source.toolkit.fluxcd.io\\n' ;;
  "get kustomizations.kustomize.toolkit.fluxcd.io "*) printf 'flux-system flux-system\\nflux-system apps\\n' ;;
  "get gitrepositories.source.toolkit.fluxcd.io "*) printf 'flux-system flux-system\\n' ;;
esac
`;

describe("generators/flux: uninstall like flux uninstall (bring-your-own cluster)", () => {
  it("removes controllers, then every finalizer, then CRDs and namespace; kubeconfig only via a temp file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uninstall-"));
    try {
      fs.writeFileSync(path.join(dir, "kubectl"), fakeKubectl, { mode: 0o755 });
      const calls = path.join(dir, "calls.log");
      const tmp = path.join(dir, "tmp");
      fs.mkdirSync(tmp);
      const result = spawnSync("bash", ["-c", fluxUninstallScript("flux-system", "KUBECONFIG_CONTENT")], {
        env: { PATH: `${dir}:${process.env.PATH}`, CALLS: calls, TMPDIR: tmp, KUBECONFIG_CONTENT: "apiVersion: v1\nkind: Config" },
        encoding: "utf8",
      });
      assert.equal(result.status, 0, result.stderr);
      const log = fs.readFileSync(calls, "utf8").trim().split("\n").map((line) => line.split(" || kubeconfig: "));
      const commands = log.map(([command]) => command);
      for (const [command, kubeconfig] of log) assert.equal(kubeconfig, "apiVersion: v1|kind: Config", `${command} runs with the kubeconfig from the environment`);
      const selector = "app.kubernetes.io/part-of=flux,app.kubernetes.io/instance=flux-system";
      assert.deepEqual(commands.map((c) => c.replace(selector, "<flux>")), [
        "delete deployments,services,networkpolicies,serviceaccounts --namespace flux-system --selector <flux> --ignore-not-found --wait=true",
        "delete clusterroles,clusterrolebindings --selector <flux> --ignore-not-found",
        "get customresourcedefinitions --selector <flux> --output name",
        `get kustomizations.kustomize.toolkit.fluxcd.io --all-namespaces --output jsonpath={range .items[*]}{.metadata.namespace}{" "}{.metadata.name}{"\\n"}{end}`,
        `patch kustomizations.kustomize.toolkit.fluxcd.io flux-system --namespace flux-system --type merge --patch {"metadata":{"finalizers":null}}`,
        `patch kustomizations.kustomize.toolkit.fluxcd.io apps --namespace flux-system --type merge --patch {"metadata":{"finalizers":null}}`,
        `get gitrepositories.source.toolkit.fluxcd.io --all-namespaces --output jsonpath={range .items[*]}{.metadata.namespace}{" "}{.metadata.name}{"\\n"}{end}`,
        `patch gitrepositories.source.toolkit.fluxcd.io flux-system --namespace flux-system --type merge --patch {"metadata":{"finalizers":null}}`,
        "delete customresourcedefinitions --selector <flux> --ignore-not-found",
        "delete namespace flux-system --ignore-not-found",
      ]);
      assert.deepEqual(fs.readdirSync(tmp), [], "the temporary kubeconfig is removed");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("stops at the first failing step instead of deleting CRDs with finalizers still on", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uninstall-"));
    try {
      fs.writeFileSync(path.join(dir, "kubectl"), `#!/usr/bin/env bash\necho "$*" >> "$CALLS"\ncase "$*" in "delete clusterroles"*) exit 1 ;; esac\n`, { mode: 0o755 });
      const calls = path.join(dir, "calls.log");
      const result = spawnSync("bash", ["-c", fluxUninstallScript("flux-system")], { env: { PATH: `${dir}:${process.env.PATH}`, CALLS: calls, KUBECONFIG_CONTENT: "x" }, encoding: "utf8" });
      assert.notEqual(result.status, 0);
      assert.doesNotMatch(fs.readFileSync(calls, "utf8"), /customresourcedefinitions/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
