import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { fluxUninstallScript } from "../generators/flux/uninstallScript";
import { appsNamespace } from "./harness/content";
import { Loop, projectRoot } from "./harness/loop";
import { run } from "./harness/processes";

// The end-to-end loop (docs/testing.md): real etcd, kube-apiserver, kube-controller-manager,
// source-controller, kustomize-controller, sshd and sops on this machine, driven by the
// product's own render output. Scenarios run in order and share one cluster.

const fluxManifests = process.env.E2E_FLUX_MANIFESTS ?? path.resolve(projectRoot, "../shared/flux/v2.9.0/manifests.tar.gz");
const minute = 60_000;

describe("end-to-end: a real GitOps loop on this machine", function () {
  this.timeout(5 * minute);
  let loop: Loop;
  let failed = false;
  let infraCommit = "";

  before(async function () {
    this.timeout(10 * minute);
    if (!fs.existsSync(fluxManifests)) {
      const reason = `Flux v2.9.0 release manifests not found at ${fluxManifests} (set E2E_FLUX_MANIFESTS)`;
      if (process.env.REQUIRE_REAL_TOOLS === "1") throw new Error(reason);
      console.log(`      skipped: ${reason}`);
      this.skip();
    }
    loop = Loop.create(fluxManifests);
    await loop.startInfrastructure();
    await loop.prepareRepositories();
    infraCommit = loop.repo(loop.stack.infraRepository).git("rev-parse", "HEAD");
    await loop.applyClusterObjects();
  });

  afterEach(function () {
    if (this.currentTest?.state === "failed") failed = true;
  });

  after(async function () {
    this.timeout(minute);
    await loop?.stop(failed);
  });

  it("runs the real programs as local processes", () => {
    for (const name of ["etcd", "kube-apiserver", "kube-controller-manager", "sshd", "source-controller", "kustomize-controller"]) {
      const pid = loop.procs.pid(name);
      assert.ok(pid !== undefined && loop.procs.isRunning(name), `${name} is not running`);
      const exe = fs.readlinkSync(`/proc/${pid}/exe`);
      assert.equal(path.basename(exe), name, `${name} runs ${exe}`);
    }
    const version = JSON.parse(loop.kube.kubectl(["version", "--output=json"])) as { serverVersion: { gitVersion: string } };
    assert.match(version.serverVersion.gitVersion, /^v1\.\d+\.\d+$/, "the apiserver reports a release version, not v0.0.0");
  });

  it("the flux-system GitRepository becomes Ready over SSH with the generated deploy key and the pinned host key", async () => {
    await loop.kube.waitReady("gitrepository", "flux-system", loop.namespace, 3 * minute);
    const repo = loop.kube.get("gitrepository", "flux-system", loop.namespace) as any;
    assert.match(repo.spec.url, new RegExp(`^ssh://git@127\\.0\\.0\\.1:${loop.git.port}/`));
    assert.equal(repo.status.artifact.revision, `${loop.stack.branch}@sha1:${infraCommit}`);
    assert.match(fs.readFileSync(loop.procs.logPath("sshd"), "utf8"), /Accepted publickey for git from 127\.0\.0\.1/);
  });

  it("the flux-system Kustomization applies clusters/<env> from Git", async () => {
    await loop.kube.waitReady("kustomization", "flux-system", loop.namespace, 3 * minute);
    const ks = loop.kube.get("kustomization", "flux-system", loop.namespace) as any;
    assert.equal(ks.status.lastAppliedRevision, `${loop.stack.branch}@sha1:${infraCommit}`);
    const inventory: string[] = ks.status.inventory.entries.map((e: { id: string }) => e.id);
    for (const id of [
      "flux-system_infrastructure_kustomize.toolkit.fluxcd.io_Kustomization",
      "flux-system_apps_kustomize.toolkit.fluxcd.io_Kustomization",
      "flux-system_apps_source.toolkit.fluxcd.io_GitRepository",
      "flux-system_cluster-settings__ConfigMap",
    ]) {
      assert.ok(inventory.includes(id), `${id} not in the flux-system inventory: ${inventory.join(", ")}`);
    }
  });

  it("infrastructure becomes Ready before apps starts (dependsOn), and the time from apply to apps Ready is printed", async () => {
    const apps = await loop.kube.waitReady("kustomization", "apps", loop.namespace, 4 * minute);
    loop.stopWatching();
    console.log(`      e2e: ${Math.round((Date.now() - loop.appliedAt) / 100) / 10}s from applying the cluster objects to apps Ready`);
    // Order is read from kustomize-controller's own log (millisecond timestamps per Kustomization), not from sampled
    // conditions: two kubectl reads are not atomic, and Flux reconciles infrastructure again right after its first success
    // (seen here: twice within 0.7 s), so a sample can catch infrastructure Progressing while apps is already Ready.
    const records = kustomizeControllerRecords(fs.readFileSync(loop.procs.logPath("kustomize-controller"), "utf8"));
    const first = (name: string, msg: RegExp) => records.find((r) => r.name === name && msg.test(r.msg));
    const infraDone = first("infrastructure", /^Reconciliation finished/);
    const appsApplied = first("apps", /^server-side apply completed/);
    assert.ok(infraDone, "kustomize-controller never finished reconciling infrastructure");
    assert.ok(appsApplied, "kustomize-controller never applied apps");
    assert.ok(
      Date.parse(infraDone.ts) < Date.parse(appsApplied.ts),
      `apps applied at ${appsApplied.ts}, before infrastructure was Ready at ${infraDone.ts}`,
    );
    assert.ok(first("apps", /^All dependencies are ready/), "apps never waited on its dependsOn");
    assert.equal(apps.status, "True");
    const settings = loop.kube.get("configmap", "app-settings", appsNamespace)!;
    const created = Date.parse(String((settings.metadata as any).creationTimestamp));
    assert.ok(created >= Math.floor(Date.parse(infraDone.ts) / 1000) * 1000, "apps applied its objects before infrastructure was Ready");
    const waited = loop.timeline.some((s) => s.apps?.reason === "DependencyNotReady");
    console.log(`      e2e: ${loop.timeline.length} samples; apps ${waited ? "was seen waiting on" : "started after"} infrastructure`);
  });

  it("a Secret encrypted by the real sops with the rendered .sops.yaml appears decrypted in the cluster", () => {
    const inGit = loop.repo(loop.apps.repository).read(path.join(loop.apps.path, "credentials.yaml"));
    assert.match(inGit, /ENC\[AES256_GCM,/);
    assert.ok(!inGit.includes(loop.password), "the committed file holds the password in clear");
    assert.ok(inGit.includes(loop.age.recipient), "the file is not encrypted for the stack's age recipient");
    const secret = loop.kube.get("secret", "app-credentials", appsNamespace)!;
    assert.equal(Buffer.from(secret.data!.password, "base64").toString(), loop.password);
  });

  it("${CLUSTER_NAME} and other cluster-settings facts are substituted from cluster-settings", () => {
    const settings = loop.kube.get("configmap", "app-settings", appsNamespace)!;
    assert.deepEqual(settings.data, {
      cluster: loop.stack.clusterName,
      environment: loop.stack.name,
      region: loop.stack.region,
      release: "v1",
    });
    const ns = loop.kube.get("namespace", appsNamespace)!;
    assert.equal((ns.metadata as any).labels["e2e.aks-flux-gitops/cluster"], loop.stack.clusterName);
  });

  it("promotion: a new apps release changes nothing until the stack moves the apps ref, then the cluster follows", async () => {
    const appsRepo = loop.repo(loop.apps.repository);
    const settingsFile = path.join(loop.apps.path, "settings.yaml");
    appsRepo.write(settingsFile, appsRepo.read(settingsFile).replace("release: v1", "release: v2"));
    const v2 = appsRepo.commitAndPush("apps release v2", "e2e-v2");
    const token = loop.kube.requestReconcile("gitrepository", "apps", loop.namespace);
    await loop.kube.waitReady("gitrepository", "apps", loop.namespace, 2 * minute, { after: token });
    const pinned = (loop.kube.get("gitrepository", "apps", loop.namespace) as any).status.artifact.revision;
    assert.equal(pinned, `e2e-v1@sha1:${appsRepo.git("rev-parse", "e2e-v1^{commit}")}`);
    assert.equal(
      loop.kube.get("configmap", "app-settings", appsNamespace)!.data!.release,
      "v1",
      "the cluster moved before the apps ref did",
    );

    const promoted = await loop.render("e2e-v2", "render-v2");
    const infraRepo = loop.repo(loop.stack.infraRepository);
    const changed = [...promoted.repos.get(loop.stack.infraRepository)!].filter(
      ([file, content]) => loop.rendered.repos.get(loop.stack.infraRepository)!.get(file) !== content,
    );
    assert.ok(changed.length > 0, "moving apps.ref changed no rendered file");
    for (const [file, content] of changed) infraRepo.write(file, content);
    const promotion = infraRepo.commitAndPush("promote apps to e2e-v2");
    // As `flux reconcile source git flux-system`; the interval would get there within a minute too.
    loop.kube.requestReconcile("gitrepository", "flux-system", loop.namespace);
    const ns = loop.namespace;
    const revision = (obj: any) => obj.status?.artifact?.revision;
    const applied = (obj: any) => obj.status?.lastAppliedRevision;
    await loop.kube.waitValue(
      "gitrepository",
      "flux-system",
      ns,
      "artifact revision",
      revision,
      `${loop.stack.branch}@sha1:${promotion}`,
      2 * minute,
    );
    await loop.kube.waitValue(
      "kustomization",
      "flux-system",
      ns,
      "last applied revision",
      applied,
      `${loop.stack.branch}@sha1:${promotion}`,
      2 * minute,
    );
    assert.equal((loop.kube.get("gitrepository", "apps", ns) as any).spec.ref.tag, "e2e-v2");
    await loop.kube.waitValue("gitrepository", "apps", ns, "artifact revision", revision, `e2e-v2@sha1:${v2}`, 2 * minute);
    await loop.kube.waitValue("kustomization", "apps", ns, "last applied revision", applied, `e2e-v2@sha1:${v2}`, 3 * minute);
    assert.equal(loop.kube.get("configmap", "app-settings", appsNamespace)!.data!.release, "v2");
  });

  it("with a wrong pinned host key the GitRepository fails with a host-key error", async () => {
    const other = path.join(loop.dir, "other-host-key");
    run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", other]);
    const wrong = `[127.0.0.1]:${loop.git.port} ${fs.readFileSync(`${other}.pub`, "utf8").split(" ").slice(0, 2).join(" ")}\n`;
    const secret = loop.kube.get("secret", "flux-system", loop.namespace)!;
    const knownHosts = Buffer.from(secret.data!.known_hosts, "base64").toString();
    const patch = (value: string) =>
      loop.kube.kubectl([
        "patch",
        "secret",
        "flux-system",
        "--namespace",
        loop.namespace,
        "--type=merge",
        "--patch",
        JSON.stringify({ stringData: { known_hosts: value } }),
      ]);
    patch(wrong);
    const failed = await loop.kube.waitReady("gitrepository", "flux-system", loop.namespace, 2 * minute, {
      status: "False",
      after: loop.kube.requestReconcile("gitrepository", "flux-system", loop.namespace),
    });
    assert.match(failed.message ?? "", /knownhosts: key mismatch|host key/i);
    patch(knownHosts);
    await loop.kube.waitReady("gitrepository", "flux-system", loop.namespace, 2 * minute, {
      after: loop.kube.requestReconcile("gitrepository", "flux-system", loop.namespace),
    });
  });

  it("with the deploy key removed from the server the GitRepository fails with an authentication error", async () => {
    loop.git.revoke(loop.stack.infraRepository);
    const failed = await loop.kube.waitReady("gitrepository", "flux-system", loop.namespace, 2 * minute, {
      status: "False",
      after: loop.kube.requestReconcile("gitrepository", "flux-system", loop.namespace),
    });
    assert.match(failed.message ?? "", /unable to authenticate/i);
    loop.git.authorize(loop.deployKeys.get(loop.stack.infraRepository)!.publicKey, loop.stack.owner, loop.stack.infraRepository);
    await loop.kube.waitReady("gitrepository", "flux-system", loop.namespace, 2 * minute, {
      after: loop.kube.requestReconcile("gitrepository", "flux-system", loop.namespace),
    });
  });

  it("the product's uninstall script removes Flux and its CRDs while the workloads Flux applied stay", async () => {
    // Deleting the controllers' Deployments stops their pods in a cluster; here the
    // Deployments never ran anything, so the loop stops the processes that stood in for them.
    for (const name of ["kustomize-controller", "source-controller"]) await loop.procs.stop(name);
    loop.runUninstall(fluxUninstallScript(loop.namespace));
    const selector = "app.kubernetes.io/part-of=flux";
    assert.deepEqual(loop.kube.list("customresourcedefinitions", ["--selector", selector]), []);
    assert.equal(loop.kube.get("namespace", loop.namespace), undefined);
    assert.deepEqual(loop.kube.list("clusterroles", ["--selector", selector]), []);
    assert.equal(loop.kube.get("configmap", "app-settings", appsNamespace)?.data?.release, "v2");
    assert.ok(loop.kube.get("secret", "app-credentials", appsNamespace), "the apps Secret was deleted");
    assert.ok(loop.kube.get("namespace", appsNamespace), "the infrastructure Namespace was deleted");
  });
});

/** kustomize-controller's JSON log lines about a Kustomization: its name, the message and the millisecond timestamp. */
function kustomizeControllerRecords(log: string): { name: string; msg: string; ts: string }[] {
  return log.split("\n").flatMap((line) => {
    if (!line.startsWith("{")) return [];
    const entry = JSON.parse(line);
    const name = entry.Kustomization?.name ?? (entry.object?.kind === "Kustomization" ? entry.object.name : undefined);
    return name ? [{ name, msg: String(entry.msg), ts: String(entry.ts) }] : [];
  });
}
