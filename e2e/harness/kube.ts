import * as fs from "node:fs";
import * as path from "node:path";
import { run, waitFor } from "./processes";
import { type KubeDoc, toYaml } from "./render";

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

/** kubectl (the one built with the apiserver) against the loop's apiserver as the admin user. */
export class Kube {
  constructor(
    readonly kubectlPath: string,
    readonly kubeconfigPath: string,
  ) {}

  kubectl(args: readonly string[], input?: string): string {
    return run(this.kubectlPath, ["--kubeconfig", this.kubeconfigPath, ...args], { input, timeoutMs: 120_000 });
  }

  /** Server-side apply, as the program's Kubernetes provider does. */
  apply(docs: readonly KubeDoc[], dir: string, name: string): void {
    if (docs.length === 0) return;
    const file = path.join(dir, `${name}.yaml`);
    fs.writeFileSync(file, toYaml(docs), { mode: 0o600 });
    this.kubectl(["apply", "--server-side", "--field-manager=aks-flux-gitops-e2e", "-f", file]);
  }

  get(kind: string, name: string, namespace?: string): KubeDoc | undefined {
    const ns = namespace === undefined ? [] : ["--namespace", namespace];
    const out = this.kubectl(["get", kind, name, ...ns, "--ignore-not-found", "--output", "json"]);
    return out.trim() === "" ? undefined : (JSON.parse(out) as KubeDoc);
  }

  list(kind: string, args: readonly string[] = []): KubeDoc[] {
    return (JSON.parse(this.kubectl(["get", kind, ...args, "--output", "json"])) as { items: KubeDoc[] }).items;
  }

  condition(kind: string, name: string, namespace: string, type = "Ready"): Condition | undefined {
    const obj = this.get(kind, name, namespace) as { status?: { conditions?: Condition[] } } | undefined;
    return obj?.status?.conditions?.find((c) => c.type === type);
  }

  /** Asks the controller to reconcile now, as `flux reconcile` does (the requestedAt annotation). */
  requestReconcile(kind: string, name: string, namespace: string): string {
    const token = new Date().toISOString();
    this.kubectl(["annotate", "--overwrite", "--namespace", namespace, kind, name, `reconcile.fluxcd.io/requestedAt=${token}`]);
    return token;
  }

  /** Waits until `pick(object)` equals `expected` (bounded); the timeout error says what was seen last. */
  async waitValue(
    kind: string,
    name: string,
    namespace: string | undefined,
    what: string,
    pick: (obj: any) => unknown,
    expected: unknown,
    timeoutMs: number,
  ): Promise<void> {
    let seen: unknown;
    try {
      await waitFor(`${kind} ${namespace ?? ""}/${name} ${what} = ${String(expected)}`, timeoutMs, () => {
        const obj = this.get(kind, name, namespace);
        seen = obj === undefined ? "(absent)" : pick(obj);
        return seen === expected ? true : undefined;
      });
    } catch (error) {
      throw new Error(`${(error as Error).message}; last seen: ${String(seen)}`);
    }
  }

  /**
   * Waits for a Flux object's Ready condition to be `status` for the current generation
   * (and, with `after`, for a reconcile requested at that token), bounded; the timeout
   * error carries the object's last conditions.
   */
  async waitReady(
    kind: string,
    name: string,
    namespace: string,
    timeoutMs: number,
    options: { status?: "True" | "False"; after?: string; message?: RegExp } = {},
  ): Promise<Condition> {
    const status = options.status ?? "True";
    let last = "";
    try {
      return await waitFor(`${kind} ${namespace}/${name} Ready=${status}`, timeoutMs, () => {
        const obj = this.get(kind, name, namespace) as
          | (KubeDoc & {
              metadata: { generation?: number };
              status?: { conditions?: Condition[]; observedGeneration?: number; lastHandledReconcileAt?: string };
            })
          | undefined;
        const ready = obj?.status?.conditions?.find((c) => c.type === "Ready");
        last = JSON.stringify(obj?.status?.conditions ?? []);
        if (!obj || !ready || ready.status !== status) return undefined;
        if (obj.status?.observedGeneration !== obj.metadata.generation) return undefined;
        if (options.after !== undefined && obj.status?.lastHandledReconcileAt !== options.after) return undefined;
        if (options.message && !options.message.test(ready.message ?? "")) return undefined;
        return ready;
      });
    } catch (error) {
      throw new Error(`${(error as Error).message}; conditions: ${last}`);
    }
  }
}
