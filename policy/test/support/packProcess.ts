import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import type { RecordedResource } from "./resourceArgs";

/** The policy pack directory (where PulumiPolicy.yaml and package.json live). */
export const packDir = path.resolve(__dirname, "..", "..");

const levels: Record<number, string> = {
  [analyzer.EnforcementLevel.ADVISORY]: "advisory",
  [analyzer.EnforcementLevel.MANDATORY]: "mandatory",
  [analyzer.EnforcementLevel.DISABLED]: "disabled",
  [analyzer.EnforcementLevel.REMEDIATE]: "remediate",
};

export interface Diagnostic {
  readonly policy: string;
  readonly enforcementLevel: string;
  readonly message: string;
}

/**
 * The pack running as the Pulumi CLI runs it: `node @pulumi/pulumi/cmd/run-policy-pack
 * <engine> .` in the pack directory (ts-node with type checking, the pack's tsconfig), with
 * the environment the engine gives it, talked to over the Analyzer gRPC interface on the
 * loopback address it prints. Nothing but this process and its port is involved.
 */
export class PackProcess {
  private stderr = "";

  private constructor(
    private readonly child: ChildProcess,
    private readonly client: AnalyzerClient,
  ) {
    child.stderr?.on("data", (chunk: Buffer) => (this.stderr += chunk.toString()));
  }

  /** Starts the pack with `engineEnv` (PULUMI_NODEJS_STACK, PULUMI_CONFIG, ...) and waits for its port. */
  static async start(engineEnv: Readonly<Record<string, string>>, timeoutMs = 480_000): Promise<PackProcess> {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) {
      // Hermetic: nothing of the caller's Pulumi or ts-node settings leaks into the pack.
      if (value !== undefined && !key.startsWith("PULUMI_") && !key.startsWith("TS_NODE_")) env[key] = value;
    }
    const runPolicyPack = path.dirname(require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] }));
    // The engine address is only used for logging; the pack never needs to reach it here.
    const child = spawn(process.execPath, [runPolicyPack, "127.0.0.1:1", "."], {
      cwd: packDir,
      env: { ...env, ...engineEnv },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const port = await new Promise<number>((resolve, reject) => {
      let stdout = "";
      const timer = setTimeout(() => {
        child.kill("SIGTERM");
        reject(new Error(`the pack printed no port within ${timeoutMs} ms: ${stderr}`));
      }, timeoutMs);
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /^(\d+)\s*$/m.exec(stdout);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      });
      child.on("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`the pack exited with ${code} before printing its port: ${stdout}${stderr}`));
      });
    });
    const client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const pack = new PackProcess(child, client);
    pack.stderr = stderr;
    return pack;
  }

  /** GetAnalyzerInfo: the pack's name, version and policies with their enforcement levels. */
  async info(): Promise<{ name: string; version: string; policies: [string, string][] }> {
    const response = await this.call<analyzer.AnalyzerInfo>((cb) => this.client.getAnalyzerInfo(new Empty(), cb));
    return {
      name: response.getName(),
      version: response.getVersion(),
      policies: response.getPoliciesList().map((p) => [p.getName(), levels[p.getEnforcementlevel()]]),
    };
  }

  /** Analyze: one resource's inputs, as the engine sends them before creating or updating it. */
  async analyze(resource: RecordedResource, stack: string): Promise<Diagnostic[]> {
    const request = new analyzer.AnalyzeRequest();
    request.setType(resource.type);
    request.setName(resource.name);
    request.setUrn(`urn:pulumi:${stack}::aks-flux-gitops::${resource.type}::${resource.name}`);
    request.setProperties(Struct.fromJavaScript(resource.inputs as Record<string, never>));
    request.setOptions(new analyzer.AnalyzerResourceOptions());
    const response = await this.call<analyzer.AnalyzeResponse>((cb) => this.client.analyze(request, cb));
    return diagnostics(response);
  }

  /** AnalyzeStack: every resource of the stack, as the engine sends them at the end of a preview. */
  async analyzeStack(resources: readonly RecordedResource[], stack: string): Promise<Diagnostic[]> {
    const request = new analyzer.AnalyzeStackRequest();
    request.setResourcesList(
      resources.map((resource) => {
        const r = new analyzer.AnalyzerResource();
        r.setType(resource.type);
        r.setName(resource.name);
        r.setUrn(`urn:pulumi:${stack}::aks-flux-gitops::${resource.type}::${resource.name}`);
        r.setProperties(Struct.fromJavaScript(resource.inputs as Record<string, never>));
        r.setOptions(new analyzer.AnalyzerResourceOptions());
        return r;
      }),
    );
    const response = await this.call<analyzer.AnalyzeResponse>((cb) => this.client.analyzeStack(request, cb));
    return diagnostics(response);
  }

  /** Configure: the policy configuration `--policy-pack-config` makes the engine send. */
  async configure(config: Readonly<Record<string, Record<string, unknown>>>): Promise<void> {
    const request = new analyzer.ConfigureAnalyzerRequest();
    const map = request.getPolicyconfigMap();
    for (const [policy, properties] of Object.entries(config)) {
      const entry = new analyzer.PolicyConfig();
      entry.setEnforcementlevel(analyzer.EnforcementLevel.MANDATORY);
      entry.setProperties(Struct.fromJavaScript(properties as Record<string, never>));
      map.set(policy, entry);
    }
    await this.call<unknown>((cb) => this.client.configure(request, cb));
  }

  /** Ends the pack process this harness started, and closes the client. */
  async stop(): Promise<void> {
    this.client.close();
    if (this.child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      this.child.once("exit", () => resolve());
      this.child.kill("SIGTERM");
    });
  }

  /** What the pack wrote to stderr (for failure messages). */
  get errors(): string {
    return this.stderr;
  }

  private call<T>(invoke: (callback: (error: grpc.ServiceError | null, response: T) => void) => void): Promise<T> {
    return new Promise<T>((resolve, reject) =>
      invoke((error, response) => (error ? reject(new Error(`${error.message}\n${this.stderr}`)) : resolve(response))),
    );
  }
}

function diagnostics(response: analyzer.AnalyzeResponse): Diagnostic[] {
  return response
    .getDiagnosticsList()
    .map((d) => ({ policy: d.getPolicyname(), enforcementLevel: levels[d.getEnforcementlevel()], message: d.getMessage() }));
}
