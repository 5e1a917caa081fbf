import * as fs from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";

export interface LoopStack {
  readonly name: string;
  readonly owner: string;
  readonly infraRepository: string;
  readonly appsRepository: string;
  readonly branch: string;
  readonly clusterName: string;
  readonly region: string;
  /** `127.0.0.1:PORT` of the loop's sshd. */
  readonly sshHostname: string;
  readonly knownHosts: string;
  readonly kubeconfig: string;
  readonly appsTag: string;
  readonly fluxManifests: string;
}

/**
 * A project folder holding the project's Pulumi.yaml and one stack file for the loop: a
 * bring-your-own cluster (the local apiserver's kubeconfig) whose repositories live on a
 * GitHub Enterprise host reached over SSH at the loop's sshd, with its host key pinned.
 */
export function writeStackProject(projectRoot: string, dir: string, stack: LoopStack): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(path.join(projectRoot, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  const ns = "aks-flux-gitops";
  const config = {
    [`${ns}:profile`]: "development",
    [`${ns}:azure`]: { location: stack.region },
    [`${ns}:github`]: {
      owner: stack.owner,
      infraRepository: stack.infraRepository,
      appsRepository: stack.appsRepository,
      branch: stack.branch,
      hostname: "github.e2e.example",
      sshHostname: stack.sshHostname,
      knownHosts: stack.knownHosts,
    },
    // A stack file holds a kubeconfig only encrypted (render rejects plain text); render reads
    // no credentials, so an encrypted placeholder selects bring-your-own mode. The loop's real
    // kubeconfig (stack.kubeconfig) is what its tools use to reach the apiserver.
    [`${ns}:cluster`]: { name: stack.clusterName, existingKubeconfig: { secure: "v1:e2e-loop-kubeconfig-not-decrypted-by-render" } },
    [`${ns}:flux`]: { version: "v2.9.0", manifests: stack.fluxManifests },
    [`${ns}:apps`]: { ref: { tag: stack.appsTag }, interval: "1m" },
  };
  fs.writeFileSync(path.join(dir, `Pulumi.${stack.name}.yaml`), stringify({ config }));
  return dir;
}
