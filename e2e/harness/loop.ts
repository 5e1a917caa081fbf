import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ensureTools } from "../tools/build";
import { writeApps, writeInfrastructure } from "./content";
import { type ControlPlane, startControlPlane } from "./controlPlane";
import { startFluxControllers } from "./flux";
import { type GitServer, startGitServer } from "./gitServer";
import { type Condition, Kube } from "./kube";
import { Processes, run } from "./processes";
import { type KubeDoc, type Rendered, renderStack, repoObjects, repositoryOfUrl } from "./render";
import { WorkRepo } from "./repos";
import { type DeployKey, fillPlaceholders, generateAgeKey, generateDeployKey, withSecretValues } from "./secrets";
import { type LoopStack, writeStackProject } from "./stack";

export const projectRoot = path.resolve(__dirname, "../..");

/** A path a Flux Kustomization reconciles: which repository, which folder. */
export interface Layer {
  readonly repository: string;
  readonly path: string;
}

export interface TimelineSample {
  readonly at: number;
  readonly infrastructure?: Condition;
  readonly apps?: Condition;
}

/**
 * One run of the loop: the processes, the Git server and its working clones, the
 * rendered stack and the values the scenarios assert on.
 */
export class Loop {
  readonly procs: Processes;
  controlPlane!: ControlPlane;
  git!: GitServer;
  kube!: Kube;
  stack!: LoopStack;
  rendered!: Rendered;
  readonly work = new Map<string, WorkRepo>();
  readonly deployKeys = new Map<string, DeployKey>();
  readonly age = generateAgeKey();
  readonly password = randomBytes(16).toString("hex");
  readonly namespace = "flux-system";
  infrastructure!: Layer;
  apps!: Layer;
  facts!: Record<string, string>;
  appliedAt = 0;
  readonly timeline: TimelineSample[] = [];
  private watching?: NodeJS.Timeout;
  private readonly bins: Map<string, string>;

  constructor(
    readonly dir: string,
    readonly fluxManifests: string,
  ) {
    this.procs = new Processes(path.join(dir, "logs"));
    this.bins = new Map([...ensureTools()].map(([name, tool]) => [name, tool.path]));
  }

  static create(fluxManifests: string): Loop {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aks-flux-gitops-e2e-"));
    // The git user (sshd's forced command) must reach the bare repositories inside.
    fs.chmodSync(dir, 0o755);
    return new Loop(dir, fluxManifests);
  }

  bin = (tool: string): string => {
    const found = this.bins.get(tool);
    if (!found) throw new Error(`tool ${tool} is not built`);
    return found;
  };

  async startInfrastructure(): Promise<void> {
    this.controlPlane = await startControlPlane(this.procs, this.bin, path.join(this.dir, "control-plane"));
    this.kube = new Kube(this.bin("kubectl"), this.controlPlane.kubeconfigPath);
    this.git = await startGitServer(this.procs, path.join(this.dir, "git"));
  }

  /** Renders the stack for `appsTag` with the product's render. */
  async render(appsTag: string, out: string): Promise<Rendered> {
    this.stack = {
      name: "e2e",
      owner: "e2e-org",
      infraRepository: "fleet-infra",
      appsRepository: "fleet-apps",
      branch: "main",
      clusterName: "loop-cluster",
      region: "westeurope",
      sshHostname: `127.0.0.1:${this.git.port}`,
      knownHosts: this.git.knownHostsLine,
      kubeconfig: this.controlPlane.kubeconfig,
      appsTag,
      fluxManifests: this.fluxManifests,
    };
    const project = writeStackProject(projectRoot, path.join(this.dir, "project"), this.stack);
    return renderStack(project, this.stack.name, path.join(this.dir, out));
  }

  /** The Flux Kustomization `name` declared in the rendered repository files, resolved to its repository and folder. */
  layer(rendered: Rendered, name: string): Layer {
    const objects = [...rendered.clusterObjects, ...repoObjects(rendered)];
    const ks = objects.find(
      (o) => o.kind === "Kustomization" && o.apiVersion.startsWith("kustomize.toolkit.fluxcd.io/") && o.metadata.name === name,
    );
    if (!ks) throw new Error(`render wrote no Flux Kustomization named ${name}`);
    const source = objects.find((o) => o.kind === "GitRepository" && o.metadata.name === ks.spec?.sourceRef?.name);
    if (!source) throw new Error(`Kustomization ${name} reads GitRepository ${ks.spec?.sourceRef?.name}, which render did not write`);
    return { repository: repositoryOfUrl(source.spec!.url).repository, path: String(ks.spec!.path).replace(/^\.\//, "") };
  }

  /** Deploy keys, the rendered files committed to bare repositories, the overlays' content, release e2e-v1 tagged. */
  async prepareRepositories(): Promise<void> {
    this.rendered = await this.render("e2e-v1", "render-v1");
    this.facts = { "sops age recipient": this.age.recipient };
    for (const repository of this.rendered.repos.keys()) {
      const key = generateDeployKey(path.join(this.dir, "git"), `deploy-key-${repository}`);
      this.deployKeys.set(repository, key);
      this.git.authorize(key.publicKey, this.stack.owner, repository);
      const repo = WorkRepo.create(this.git.bareRepo(repository), path.join(this.dir, "work", repository), this.stack.branch);
      for (const [file, content] of this.rendered.repos.get(repository)!) repo.write(file, fillPlaceholders(content, this.facts));
      this.work.set(repository, repo);
    }
    this.infrastructure = this.layer(this.rendered, "infrastructure");
    this.apps = this.layer(this.rendered, "apps");
    writeInfrastructure(this.repo(this.infrastructure.repository), this.infrastructure.path);
    writeApps(this.repo(this.apps.repository), this.apps.path, { release: "v1", password: this.password }, this.bin("sops"));
    for (const [repository, repo] of this.work)
      repo.commitAndPush("aks-flux-gitops e2e: rendered stack and overlays", repository === this.apps.repository ? "e2e-v1" : undefined);
  }

  repo(repository: string): WorkRepo {
    const repo = this.work.get(repository);
    if (!repo) throw new Error(`render wrote no files for repository ${repository}`);
    return repo;
  }

  /**
   * Applies render's cluster objects with real secret values in the program's order
   * (namespace and CRDs, then controllers and Secrets, then the sync objects), starting
   * the Flux controllers when their Deployments exist, as the pods would start.
   */
  async applyClusterObjects(): Promise<void> {
    const objects = withSecretValues(this.rendered, { deployKeys: this.deployKeys, ageKeyFile: this.age.keyFile }, this.facts);
    const isFirst = (o: KubeDoc) => o.kind === "Namespace" || o.kind === "CustomResourceDefinition";
    const isSync = (o: KubeDoc) => o.apiVersion.includes(".toolkit.fluxcd.io/");
    const applyDir = path.join(this.dir, "apply");
    fs.mkdirSync(applyDir, { recursive: true });
    this.appliedAt = Date.now();
    this.kube.apply(objects.filter(isFirst), applyDir, "1-namespaces-and-crds");
    this.kube.kubectl(["wait", "--for=condition=established", "--timeout=60s", "customresourcedefinitions", "--all"]);
    this.kube.apply(
      objects.filter((o) => !isFirst(o) && !isSync(o)),
      applyDir,
      "2-components-and-secrets",
    );
    await startFluxControllers(this.procs, this.bin, this.controlPlane.kubeconfigPath, this.namespace, this.dir);
    this.kube.apply(objects.filter(isSync), applyDir, "3-sync");
    this.watchLayers();
  }

  /** Samples both layers' Ready conditions twice a second until stopped: the ordering scenario reads it. */
  private watchLayers(): void {
    const sample = () => {
      try {
        this.timeline.push({
          at: Date.now(),
          infrastructure: this.kube.condition("kustomization", "infrastructure", this.namespace),
          apps: this.kube.condition("kustomization", "apps", this.namespace),
        });
      } catch {
        // the apiserver is busy; the next sample will tell
      }
      this.watching = setTimeout(sample, 500);
    };
    sample();
  }

  stopWatching(): void {
    if (this.watching) clearTimeout(this.watching);
    this.watching = undefined;
  }

  /** bash runs the product's uninstall script with the kubeconfig in the environment, as the program's destroy does. */
  runUninstall(script: string): string {
    const kubectlDir = path.dirname(this.bin("kubectl"));
    return run("bash", ["-c", script], {
      env: { KUBECONFIG_CONTENT: this.controlPlane.kubeconfig, PATH: `${kubectlDir}:${process.env.PATH}` },
      timeoutMs: 240_000,
    });
  }

  async stop(keepLogs: boolean): Promise<void> {
    this.stopWatching();
    await this.procs.stopAll();
    if (keepLogs) {
      console.log(`      e2e: logs of this failing run are in ${this.procs.logDir}`);
      for (const name of fs.readdirSync(this.procs.logDir))
        console.log(`      --- ${name} (last lines)\n${this.procs.tail(name.replace(/\.log$/, ""), 15)}`);
    } else {
      fs.rmSync(this.dir, { recursive: true, force: true });
    }
  }
}
