import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { kubernetesUpgradeScript, systemPoolScript } from "../../../generators/aks/poolScripts";
import { rbacWaitScript } from "../../../generators/aks/rbacWaitScript";

/** Runs `script` with fake tools (name -> bash body) first on PATH; returns the result and the calls they logged. */
function run(script: string, tools: Record<string, string>, env: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aks-script-"));
  try {
    const calls = path.join(dir, "calls.log");
    fs.writeFileSync(calls, "");
    for (const [name, body] of Object.entries(tools)) {
      fs.writeFileSync(path.join(dir, name), `#!/usr/bin/env bash\necho "${name} $*" >> "$CALLS"\n${body}\n`, { mode: 0o755 });
    }
    const tmp = path.join(dir, "tmp");
    fs.mkdirSync(tmp);
    const result = spawnSync("bash", ["-c", script], {
      env: { PATH: `${dir}:${process.env.PATH}`, CALLS: calls, STATE: path.join(dir, "state"), TMPDIR: tmp, ...env },
      encoding: "utf8",
    });
    return {
      status: result.status,
      stdout: result.stdout,
      stderr: result.stderr,
      calls: fs
        .readFileSync(calls, "utf8")
        .trim()
        .split("\n")
        .filter((l) => l !== ""),
      tmpLeft: fs.readdirSync(tmp),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** An az stand-in whose node pool answers come from environment variables. */
const fakeAz = `case "$*" in
  "aks nodepool show"*"--query vmSize"*) echo "$HAVE_VM_SIZE" ;;
  "aks nodepool show"*"availabilityZones"*) echo "$HAVE_ZONES" ;;
  "aks nodepool show"*"--query count"*) echo "$HAVE_COUNT" ;;
  "aks nodepool show"*"nodeTaints"*) echo "$HAVE_TAINTS" ;;
  "aks show"*) echo "$HAVE_VERSION" ;;
esac`;
const poolId = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-dev/agentPools/system";
const have = { HAVE_VM_SIZE: "Standard_D2ads_v5", HAVE_ZONES: "", HAVE_COUNT: "1", HAVE_TAINTS: "" };
const want = { WANT_VM_SIZE: "Standard_D2ads_v5", WANT_ZONES: "", WANT_COUNT: "1", WANT_TAINTS: "", POOL_ID: poolId };
const changes = (calls: string[]) => calls.filter((c) => !c.startsWith("az aks nodepool show"));

describe("generators/aks: the inline system pool changes through per-pool operations (pulumi-azure-native#4264, #2094)", () => {
  it("turning on the user pool taints the system pool CriticalAddonsOnly with az aks nodepool update, nothing else", () => {
    const r = run(systemPoolScript(), { az: fakeAz }, { ...have, ...want, WANT_TAINTS: "CriticalAddonsOnly=true:NoSchedule" });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(changes(r.calls), [
      `az aks nodepool update --ids ${poolId} --node-taints CriticalAddonsOnly=true:NoSchedule --output none`,
    ]);
  });

  it("a node count change scales the pool with az aks nodepool scale", () => {
    const r = run(systemPoolScript(), { az: fakeAz }, { ...have, ...want, WANT_COUNT: "3" });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(changes(r.calls), [`az aks nodepool scale --ids ${poolId} --node-count 3 --output none`]);
  });

  it("refuses a VM size change with the replacement procedure, changing nothing", () => {
    const r = run(
      systemPoolScript(),
      { az: fakeAz },
      { ...have, ...want, WANT_VM_SIZE: "Standard_D4ads_v5", WANT_TAINTS: "CriticalAddonsOnly=true:NoSchedule" },
    );
    assert.equal(r.status, 1);
    assert.match(
      r.stderr,
      /the system pool runs Standard_D2ads_v5 in zones \[\] but the stack asks for Standard_D4ads_v5 in zones \[\]: AKS cannot change the VM size or zones of an existing pool/,
    );
    assert.match(r.stderr, /az aks nodepool add --mode System --name systemtmp/);
    assert.deepEqual(changes(r.calls), []);
  });

  it("refuses a zone change the same way", () => {
    const r = run(systemPoolScript(), { az: fakeAz }, { ...have, ...want, WANT_ZONES: "1,2,3" });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /in zones \[1,2,3\]: AKS cannot change/);
    assert.deepEqual(changes(r.calls), []);
  });

  it("fails when az fails instead of assuming the pool matches", () => {
    const r = run(systemPoolScript(), { az: "exit 3" }, { ...want });
    assert.notEqual(r.status, 0);
    assert.equal(r.calls.length, 1);
  });
});

describe("generators/aks: Kubernetes version changes go through az aks upgrade (as Azure/terraform-azurerm-aks's kubernetes_version_keeper)", () => {
  const clusterId = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-prod";
  it("upgrades the control plane and every pool when the stack asks for a newer minor", () => {
    const r = run(kubernetesUpgradeScript(), { az: fakeAz }, { CLUSTER_ID: clusterId, KUBERNETES_VERSION: "1.35", HAVE_VERSION: "1.34.6" });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.calls.slice(1), [`az aks upgrade --ids ${clusterId} --kubernetes-version 1.35 --yes --output none`]);
  });

  it("does nothing when AKS already patched the cluster within the asked minor", () => {
    const r = run(kubernetesUpgradeScript(), { az: fakeAz }, { CLUSTER_ID: clusterId, KUBERNETES_VERSION: "1.34", HAVE_VERSION: "1.34.9" });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.calls.length, 1, "only az aks show");
  });

  it("does not call az at all when no version is pinned (the region's default)", () => {
    const r = run(kubernetesUpgradeScript(), { az: "exit 9" }, { CLUSTER_ID: clusterId, KUBERNETES_VERSION: "" });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.calls, []);
  });
});

describe("generators/aks: the bounded wait for Azure RBAC to reach the API server", () => {
  const kubeconfig = { KUBECONFIG_CONTENT: "apiVersion: v1\nkind: Config\n" };
  it("checks what the Flux bootstrap creates first, with the kubeconfig from the environment in a removed temp file", () => {
    const r = run(rbacWaitScript({ clusterName: "aks-dev", attempts: 3, intervalSeconds: 0 }), { kubectl: "echo yes" }, kubeconfig);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(
      r.calls.map((c) => c.replace(/--kubeconfig \S+ /, "")),
      [
        "kubectl auth can-i create namespaces --all-namespaces",
        "kubectl auth can-i create customresourcedefinitions.apiextensions.k8s.io --all-namespaces",
        "kubectl auth can-i create clusterrolebindings.rbac.authorization.k8s.io --all-namespaces",
      ],
    );
    assert.deepEqual(r.tmpLeft, []);
  });

  it("waits while the API server still says no, then succeeds", () => {
    const answer =
      'n=$(cat "$STATE" 2>/dev/null || echo 0); echo $((n+1)) > "$STATE"; if [ "$n" -lt 4 ]; then echo no; exit 1; fi; echo yes';
    const r = run(rbacWaitScript({ clusterName: "aks-dev", attempts: 5, intervalSeconds: 0 }), { kubectl: answer }, kubeconfig);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /grants the deployer .* \(check 3\)/);
  });

  it("gives up after its bound with a message that names the deployer list", () => {
    const r = run(rbacWaitScript({ clusterName: "aks-dev", attempts: 2, intervalSeconds: 0 }), { kubectl: "echo no; exit 1" }, kubeconfig);
    assert.equal(r.status, 1);
    assert.match(
      r.stderr,
      /the Kubernetes API of aks-dev still denies the identity running pulumi up: create namespaces, create customresourcedefinitions\.apiextensions\.k8s\.io, create clusterrolebindings\.rbac\.authorization\.k8s\.io after 0s/,
    );
    assert.match(r.stderr, /aks-flux-gitops:azure\.deployerObjectIds/);
    assert.equal(r.calls.length, 6);
  });

  it("tells an unreachable API server (a runner outside the authorized ranges) from a denial", () => {
    const r = run(
      rbacWaitScript({ clusterName: "aks-prod", attempts: 2, intervalSeconds: 0 }),
      { kubectl: 'echo "Unable to connect to the server: dial tcp 20.1.2.3:443: i/o timeout" >&2; exit 1' },
      kubeconfig,
    );
    assert.equal(r.status, 1);
    assert.match(
      r.stderr,
      /cannot reach the Kubernetes API of aks-prod after 0s: Unable to connect to the server: dial tcp 20\.1\.2\.3:443: i\/o timeout\. A runner outside aks-flux-gitops:cluster\.authorizedIpRanges/,
    );
  });
});
