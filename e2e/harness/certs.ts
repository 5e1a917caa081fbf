import * as fs from "node:fs";
import * as path from "node:path";
import { run } from "./processes";

export interface ControlPlaneCerts {
  readonly dir: string;
  readonly caCert: string;
  readonly caKey: string;
  readonly servingCert: string;
  readonly servingKey: string;
  /** Client certificate in `system:masters` (cluster-admin through RBAC's bootstrap binding). */
  readonly adminCert: string;
  readonly adminKey: string;
  readonly serviceAccountKey: string;
  readonly serviceAccountPub: string;
}

/** A P-256 key: quick to make with the openssl CLI and accepted by every Kubernetes flag used here. */
function key(file: string): void {
  run("openssl", ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", file]);
}

function signed(
  dir: string,
  name: string,
  subject: string,
  extensions: string,
  ca: { cert: string; key: string },
): { cert: string; key: string } {
  const keyFile = path.join(dir, `${name}.key`);
  const csr = path.join(dir, `${name}.csr`);
  const ext = path.join(dir, `${name}.ext`);
  const cert = path.join(dir, `${name}.crt`);
  key(keyFile);
  run("openssl", ["req", "-new", "-key", keyFile, "-subj", subject, "-out", csr]);
  fs.writeFileSync(ext, extensions);
  run("openssl", [
    "x509",
    "-req",
    "-in",
    csr,
    "-CA",
    ca.cert,
    "-CAkey",
    ca.key,
    "-CAcreateserial",
    "-days",
    "2",
    "-sha256",
    "-extfile",
    ext,
    "-out",
    cert,
  ]);
  return { cert, key: keyFile };
}

/** CA, apiserver serving certificate for 127.0.0.1, an admin client certificate and the service-account key pair. */
export function generateCerts(dir: string): ControlPlaneCerts {
  fs.mkdirSync(dir, { recursive: true });
  const ca = { cert: path.join(dir, "ca.crt"), key: path.join(dir, "ca.key") };
  key(ca.key);
  run("openssl", ["req", "-x509", "-new", "-key", ca.key, "-subj", "/CN=aks-flux-gitops-e2e-ca", "-days", "2", "-sha256", "-out", ca.cert]);
  const serving = signed(
    dir,
    "apiserver",
    "/CN=kube-apiserver",
    "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc\n",
    ca,
  );
  const admin = signed(
    dir,
    "admin",
    "/O=system:masters/CN=e2e-admin",
    "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n",
    ca,
  );
  const serviceAccountKey = path.join(dir, "service-account.key");
  const serviceAccountPub = path.join(dir, "service-account.pub");
  key(serviceAccountKey);
  run("openssl", ["pkey", "-in", serviceAccountKey, "-pubout", "-out", serviceAccountPub]);
  return {
    dir,
    caCert: ca.cert,
    caKey: ca.key,
    servingCert: serving.cert,
    servingKey: serving.key,
    adminCert: admin.cert,
    adminKey: admin.key,
    serviceAccountKey,
    serviceAccountPub,
  };
}

/** A kubeconfig with the admin client certificate embedded (no file references). */
export function adminKubeconfig(certs: ControlPlaneCerts, server: string): string {
  const b64 = (file: string) => fs.readFileSync(file).toString("base64");
  return [
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    "- name: e2e",
    "  cluster:",
    `    server: ${server}`,
    `    certificate-authority-data: ${b64(certs.caCert)}`,
    "users:",
    "- name: e2e-admin",
    "  user:",
    `    client-certificate-data: ${b64(certs.adminCert)}`,
    `    client-key-data: ${b64(certs.adminKey)}`,
    "contexts:",
    "- name: e2e",
    "  context:",
    "    cluster: e2e",
    "    user: e2e-admin",
    "current-context: e2e",
    "",
  ].join("\n");
}
