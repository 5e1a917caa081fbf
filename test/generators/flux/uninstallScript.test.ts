import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fluxUninstallScript } from "../../../generators/flux/uninstallScript";

/**
 * A kubectl stand-in that records its calls, answers the queries the script makes, and fails
 * the calls whose arguments match FAIL (a bash pattern).
 */
const fakeKubectl = `#!/usr/bin/env bash
echo "$* || kubeconfig: $(tr '\\n' '|' < "$KUBECONFIG")" >> "$CALLS"
if [ -n "\${FAIL:-}" ]; then case "$*" in $FAIL) echo "error: simulated failure of: $*" >&2; exit 1 ;; esac; fi
case "$*" in
  "get customresourcedefinitions "*) printf 'customresourcedefinition.apiextensions.k8s.io/kustomizations.kustomize.toolkit.fluxcd.io\\ncustomresourcedefinition.apiextensions.k8s.io/gitrepositories.source.toolkit.fluxcd.io\\n' ;;
  "get kustomizations.kustomize.toolkit.fluxcd.io "*) printf 'flux-system flux-system\\nflux-system apps\\n' ;;
  "get gitrepositories.source.toolkit.fluxcd.io "*) printf 'flux-system flux-system\\n' ;;
esac
`;

interface Outcome {
  readonly status: number | null;
  readonly stderr: string;
  readonly stdout: string;
  /** kubectl calls, the selector shortened to <flux> and the timeout flags to <bounded>/<request>. */
  readonly commands: string[];
  readonly raw: string[];
  readonly kubeconfigs: string[];
  readonly tmpLeft: string[];
}

function runScript(fail?: string): Outcome {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uninstall-"));
  try {
    fs.writeFileSync(path.join(dir, "kubectl"), fakeKubectl, { mode: 0o755 });
    const calls = path.join(dir, "calls.log");
    const tmp = path.join(dir, "tmp");
    fs.mkdirSync(tmp);
    const result = spawnSync("bash", ["-c", fluxUninstallScript("flux-system", "KUBECONFIG_CONTENT")], {
      env: {
        PATH: `${dir}:${process.env.PATH}`,
        CALLS: calls,
        TMPDIR: tmp,
        KUBECONFIG_CONTENT: "apiVersion: v1\nkind: Config",
        ...(fail ? { FAIL: fail } : {}),
      },
      encoding: "utf8",
    });
    const log = fs.existsSync(calls)
      ? fs
          .readFileSync(calls, "utf8")
          .trim()
          .split("\n")
          .map((line) => line.split(" || kubeconfig: "))
      : [];
    const raw = log.map(([command]) => command);
    const selector = "app.kubernetes.io/part-of=flux,app.kubernetes.io/instance=flux-system";
    const commands = raw.map((c) =>
      c
        .replace(selector, "<flux>")
        .replace(" --wait=true --timeout=2m --request-timeout=30s", " <bounded>")
        .replace(" --request-timeout=30s", " <request>"),
    );
    return {
      status: result.status,
      stderr: result.stderr,
      stdout: result.stdout,
      commands,
      raw,
      kubeconfigs: log.map(([, k]) => k),
      tmpLeft: fs.readdirSync(tmp),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const list = (kind: string) =>
  `get ${kind} --all-namespaces --output jsonpath={range .items[*]}{.metadata.namespace}{" "}{.metadata.name}{"\\n"}{end} <request>`;
const patch = (kind: string, name: string) =>
  `patch ${kind} ${name} --namespace flux-system --type merge --patch {"metadata":{"finalizers":null}} <request>`;
const K = "kustomizations.kustomize.toolkit.fluxcd.io";
const G = "gitrepositories.source.toolkit.fluxcd.io";
const components = [
  "delete deployments,services,networkpolicies,serviceaccounts --namespace flux-system --selector <flux> --ignore-not-found <bounded>",
  "delete clusterroles,clusterrolebindings --selector <flux> --ignore-not-found <bounded>",
];
const finalizers = [
  "get customresourcedefinitions --selector <flux> --output name <request>",
  list(K),
  patch(K, "flux-system"),
  patch(K, "apps"),
  list(G),
  patch(G, "flux-system"),
];
const crds = "delete customresourcedefinitions --selector <flux> --ignore-not-found <bounded>";
const namespace = "delete namespace flux-system --ignore-not-found <bounded>";

// The order of fluxcd/flux2 v2.9.0 cmd/flux/uninstall.go: Components, Finalizers, CustomResourceDefinitions, Namespace.
describe("generators/flux: uninstall like flux uninstall (bring-your-own cluster)", () => {
  it("removes controllers, then every finalizer, then CRDs and namespace; kubeconfig only via a temp file; exit 0", () => {
    const out = runScript();
    assert.equal(out.status, 0, out.stderr);
    assert.deepEqual(out.commands, [...components, ...finalizers, crds, namespace]);
    for (const k of out.kubeconfigs)
      assert.equal(k, "apiVersion: v1|kind: Config", "every call runs with the kubeconfig from the environment");
    assert.deepEqual(out.tmpLeft, [], "the temporary kubeconfig is removed");
    assert.match(out.stdout, /✔ uninstall finished/);
  });

  it("bounds every kubectl call: a request timeout on each, a wait timeout on each delete", () => {
    for (const call of runScript().raw) {
      assert.match(call, / --request-timeout=30s$/, call);
      if (call.startsWith("delete ")) assert.match(call, / --wait=true --timeout=2m /, call);
    }
  });

  it("stops when the controllers cannot be deleted: no finalizer removed, no CRD deleted (a running controller would prune), exit 1", () => {
    const out = runScript("delete clusterroles*");
    assert.equal(out.status, 1);
    assert.deepEqual(out.commands, components, "the step finishes, then the script stops");
    assert.match(out.stderr, /✗ deleting Flux's cluster roles/);
    assert.match(
      out.stderr,
      /stopped before: removing finalizers, deleting the CRDs and the namespace\..*run pulumi destroy again, or finish with: flux uninstall --namespace flux-system/,
    );
  });

  it("stops when the CRDs cannot be listed: finalizers unknown, so CRDs and namespace stay, exit 1 (the old script deleted them and exited 0)", () => {
    const out = runScript("get customresourcedefinitions*");
    assert.equal(out.status, 1);
    assert.deepEqual(out.commands, [...components, finalizers[0]]);
    assert.ok(!out.commands.includes(crds) && !out.commands.includes(namespace));
    assert.match(out.stderr, /✗ listing Flux's custom resource definitions/);
  });

  it("keeps removing the other finalizers when one object fails, as flux uninstall does, then stops before the CRDs, exit 1", () => {
    const out = runScript(`patch ${K} flux-system *`);
    assert.equal(out.status, 1);
    assert.deepEqual(out.commands, [...components, ...finalizers]);
    assert.match(out.stderr, new RegExp(`✗ removing the finalizers of ${K} flux-system/flux-system`));
    assert.match(out.stderr, /stopped before: deleting the CRDs and the namespace/);
  });

  it("keeps going past a kind it cannot list, then stops before the CRDs, exit 1", () => {
    const out = runScript(`get ${K} *`);
    assert.equal(out.status, 1);
    assert.deepEqual(out.commands, [...components, finalizers[0], list(K), list(G), patch(G, "flux-system")]);
  });

  it("reports a CRD deletion that fails or times out and leaves the namespace, exit 1", () => {
    const out = runScript("delete customresourcedefinitions*");
    assert.equal(out.status, 1);
    assert.deepEqual(out.commands, [...components, ...finalizers, crds]);
    assert.match(out.stderr, /stopped before: deleting the namespace/);
  });

  it("exits non-zero when the namespace deletion fails or times out", () => {
    const out = runScript("delete namespace*");
    assert.equal(out.status, 1);
    assert.deepEqual(out.commands, [...components, ...finalizers, crds, namespace]);
    assert.doesNotMatch(out.stdout, /uninstall finished/);
  });
});
