import * as fs from "node:fs";
import * as path from "node:path";
import { freePort, type Processes, waitFor } from "./processes";

export const fluxControllers = ["source-controller", "kustomize-controller"] as const;

/**
 * source-controller and kustomize-controller as local processes: what the Deployments in
 * gotk-components would run, with the same runtime namespace and watch scope, but
 * loopback addresses and no leader election. source-controller advertises its artifact
 * server on 127.0.0.1 so kustomize-controller downloads artifacts from the URL in the
 * GitRepository's status, as in a cluster.
 */
export async function startFluxControllers(
  procs: Processes,
  bin: (tool: string) => string,
  kubeconfigPath: string,
  namespace: string,
  dir: string,
): Promise<void> {
  const env = { KUBECONFIG: kubeconfigPath, RUNTIME_NAMESPACE: namespace };
  const common = async () => {
    const [metrics, health] = [await freePort(), await freePort()];
    return {
      health,
      args: [
        `--metrics-addr=127.0.0.1:${metrics}`,
        `--health-addr=127.0.0.1:${health}`,
        "--enable-leader-election=false",
        "--watch-all-namespaces=true",
        "--log-level=debug",
        "--log-encoding=json",
      ],
    };
  };
  const storage = await freePort();
  const storagePath = path.join(dir, "source-controller-storage");
  fs.mkdirSync(storagePath, { recursive: true });
  const source = await common();
  procs.start(
    "source-controller",
    bin("source-controller"),
    [...source.args, `--storage-path=${storagePath}`, `--storage-addr=127.0.0.1:${storage}`, `--storage-adv-addr=127.0.0.1:${storage}`],
    env,
  );
  const kustomize = await common();
  procs.start("kustomize-controller", bin("kustomize-controller"), kustomize.args, env);
  for (const [name, health] of [
    ["source-controller", source.health],
    ["kustomize-controller", kustomize.health],
  ] as const) {
    await waitFor(`${name} /readyz`, 60_000, async () => {
      if (!procs.isRunning(name)) throw new Error(`${name} exited:\n${procs.tail(name)}`);
      const res = await fetch(`http://127.0.0.1:${health}/readyz`).catch(() => undefined);
      return res?.ok ? true : undefined;
    });
  }
}
