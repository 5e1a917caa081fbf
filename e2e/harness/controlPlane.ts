import * as fs from "node:fs";
import * as https from "node:https";
import * as path from "node:path";
import { adminKubeconfig, type ControlPlaneCerts, generateCerts } from "./certs";
import { freePort, type Processes, waitFor } from "./processes";

export interface ControlPlane {
  readonly server: string;
  readonly kubeconfigPath: string;
  readonly kubeconfig: string;
  readonly certs: ControlPlaneCerts;
}

/** GET over the admin client certificate; resolves the status code and body. */
function adminGet(certs: ControlPlaneCerts, url: string, selfSigned = false): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = https.get(
      url,
      {
        ca: fs.readFileSync(certs.caCert),
        cert: fs.readFileSync(certs.adminCert),
        key: fs.readFileSync(certs.adminKey),
        timeout: 5000,
        rejectUnauthorized: !selfSigned,
      },
      (res) => {
        let body = "";
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", reject);
  });
}

/**
 * etcd and kube-apiserver (plus kube-controller-manager with only the namespace and
 * garbage-collector controllers) as local processes bound to 127.0.0.1. etcd speaks plain
 * HTTP on loopback to the apiserver alone; everything else goes through the apiserver's
 * TLS port with certificates made for this run and RBAC authorization.
 */
export async function startControlPlane(procs: Processes, bin: (tool: string) => string, dir: string): Promise<ControlPlane> {
  const certs = generateCerts(path.join(dir, "pki"));
  const [etcdClient, etcdPeer, apiPort, kcmPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const etcdUrl = `http://127.0.0.1:${etcdClient}`;
  procs.start("etcd", bin("etcd"), [
    "--name=e2e",
    `--data-dir=${path.join(dir, "etcd")}`,
    `--listen-client-urls=${etcdUrl}`,
    `--advertise-client-urls=${etcdUrl}`,
    `--listen-peer-urls=http://127.0.0.1:${etcdPeer}`,
    `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeer}`,
    `--initial-cluster=e2e=http://127.0.0.1:${etcdPeer}`,
    // A throwaway member: skipping fsync keeps a busy two-core machine responsive.
    "--unsafe-no-fsync",
    "--log-level=warn",
  ]);
  await waitFor("etcd /health", 60_000, async () => {
    const res = await fetch(`${etcdUrl}/health`).catch(() => undefined);
    return res?.ok ? true : undefined;
  });

  const server = `https://127.0.0.1:${apiPort}`;
  procs.start("kube-apiserver", bin("kube-apiserver"), [
    `--etcd-servers=${etcdUrl}`,
    "--bind-address=127.0.0.1",
    "--advertise-address=127.0.0.1",
    `--secure-port=${apiPort}`,
    `--cert-dir=${path.join(dir, "apiserver-certs")}`,
    `--tls-cert-file=${certs.servingCert}`,
    `--tls-private-key-file=${certs.servingKey}`,
    `--client-ca-file=${certs.caCert}`,
    `--service-account-key-file=${certs.serviceAccountPub}`,
    `--service-account-signing-key-file=${certs.serviceAccountKey}`,
    "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
    "--service-cluster-ip-range=10.0.0.0/16",
    "--authorization-mode=RBAC",
    "--anonymous-auth=false",
    "--profiling=false",
    "--endpoint-reconciler-type=none",
  ]);
  await waitFor(`kube-apiserver ${server}/readyz`, 120_000, async () => {
    if (!procs.isRunning("kube-apiserver")) throw new Error(`kube-apiserver exited:\n${procs.tail("kube-apiserver")}`);
    const res = await adminGet(certs, `${server}/readyz`).catch(() => undefined);
    return res?.status === 200 ? true : undefined;
  });

  const kubeconfig = adminKubeconfig(certs, server);
  const kubeconfigPath = path.join(dir, "kubeconfig");
  fs.writeFileSync(kubeconfigPath, kubeconfig, { mode: 0o600 });

  procs.start("kube-controller-manager", bin("kube-controller-manager"), [
    `--kubeconfig=${kubeconfigPath}`,
    `--authentication-kubeconfig=${kubeconfigPath}`,
    `--authorization-kubeconfig=${kubeconfigPath}`,
    "--bind-address=127.0.0.1",
    `--secure-port=${kcmPort}`,
    `--cert-dir=${path.join(dir, "kcm-certs")}`,
    "--leader-elect=false",
    // Its serving certificate is self-signed in --cert-dir; only this loop's health probe reads it.
    // No kubelet, no scheduler: only what deleting a namespace and its dependents needs.
    "--controllers=namespace-controller,garbage-collector-controller",
  ]);
  await waitFor("kube-controller-manager /healthz", 60_000, async () => {
    if (!procs.isRunning("kube-controller-manager"))
      throw new Error(`kube-controller-manager exited:\n${procs.tail("kube-controller-manager")}`);
    const res = await adminGet(certs, `https://127.0.0.1:${kcmPort}/healthz`, true).catch(() => undefined);
    return res?.status === 200 ? true : undefined;
  });
  return { server, kubeconfigPath, kubeconfig, certs };
}
