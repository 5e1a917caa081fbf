import * as fs from "node:fs";
import * as path from "node:path";

/**
 * The real programs the end-to-end loop runs, each built from its public Go module
 * source at a pinned version through a wrapper module in this folder (go.mod + go.sum
 * committed, so a build verifies every module it downloads against go.sum).
 */
export interface ToolSpec {
  /** Binary name and cache key prefix. */
  readonly name: string;
  /** Wrapper module folder under e2e/tools/. */
  readonly moduleDir: string;
  /** The main package to build. */
  readonly pkg: string;
  /** The module whose required version (in the wrapper's go.mod) is the tool's version. */
  readonly versionModule: string;
  /** -X flags; `{version}` is replaced by the tool's version. */
  readonly versionFlags?: readonly string[];
}

// Kubernetes binaries print what these say; left unset, clients read v0.0.0 and the
// apiserver's /version is not a release (k8s.io/component-base/version/base.go).
const kubeVersionFlags = ["k8s.io/component-base/version", "k8s.io/client-go/pkg/version"].flatMap((pkg) => [
  `${pkg}.gitVersion={version}`,
  `${pkg}.gitMajor={major}`,
  `${pkg}.gitMinor={minor}`,
  `${pkg}.gitTreeState=clean`,
]);

export const tools: readonly ToolSpec[] = [
  // Kubernetes 1.36 releases use etcd 3.6 (k8s.io/kubernetes go.mod); Debian's etcd-server is 3.4.
  { name: "etcd", moduleDir: "etcd", pkg: "go.etcd.io/etcd/server/v3", versionModule: "go.etcd.io/etcd/server/v3" },
  {
    name: "kube-apiserver",
    moduleDir: "kube",
    pkg: "k8s.io/kubernetes/cmd/kube-apiserver",
    versionModule: "k8s.io/kubernetes",
    versionFlags: kubeVersionFlags,
  },
  // Only for the namespace and garbage-collector controllers: the uninstall script deletes the Flux namespace.
  {
    name: "kube-controller-manager",
    moduleDir: "kube",
    pkg: "k8s.io/kubernetes/cmd/kube-controller-manager",
    versionModule: "k8s.io/kubernetes",
    versionFlags: kubeVersionFlags,
  },
  // The client the loop and the uninstall script use, within the supported skew of the apiserver.
  {
    name: "kubectl",
    moduleDir: "kube",
    pkg: "k8s.io/kubernetes/cmd/kubectl",
    versionModule: "k8s.io/kubernetes",
    versionFlags: kubeVersionFlags,
  },
  // Flux v2.9.0 pins these controller versions (its manifests' image tags).
  {
    name: "source-controller",
    moduleDir: "source-controller",
    pkg: "github.com/fluxcd/source-controller",
    versionModule: "github.com/fluxcd/source-controller",
  },
  {
    name: "kustomize-controller",
    moduleDir: "kustomize-controller",
    pkg: "github.com/fluxcd/kustomize-controller",
    versionModule: "github.com/fluxcd/kustomize-controller",
  },
  // sops and kustomize are built in kustomize-controller's wrapper: the sops release it decrypts
  // with (v3.13.1) and the kustomize CLI on the kustomize/api it pins (v0.21.1), with not one
  // dependency moved from the controller's own go.mod, so the three share compiled packages.
  {
    name: "sops",
    moduleDir: "kustomize-controller",
    pkg: "github.com/getsops/sops/v3/cmd/sops",
    versionModule: "github.com/getsops/sops/v3",
  },
  {
    name: "kustomize",
    moduleDir: "kustomize-controller",
    pkg: "sigs.k8s.io/kustomize/kustomize/v5",
    versionModule: "sigs.k8s.io/kustomize/kustomize/v5",
    versionFlags: ["sigs.k8s.io/kustomize/api/provenance.version=kustomize/{version}"],
  },
];

export const toolsDir = __dirname;

/** The version the wrapper module requires for `spec.versionModule`. */
export function toolVersion(spec: ToolSpec): string {
  const gomod = fs.readFileSync(path.join(toolsDir, spec.moduleDir, "go.mod"), "utf8");
  const escaped = spec.versionModule.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  const match = new RegExp(`^\\s*(?:require\\s+)?${escaped}\\s+(v[^\\s]+)`, "m").exec(gomod);
  if (!match) throw new Error(`e2e/tools/${spec.moduleDir}/go.mod does not require ${spec.versionModule}`);
  return match[1];
}

export function toolSpec(name: string): ToolSpec {
  const spec = tools.find((t) => t.name === name);
  if (!spec) throw new Error(`unknown tool ${name}; known: ${tools.map((t) => t.name).join(", ")}`);
  return spec;
}

/** `-X` flags with the version filled in (`v1.36.3` → major 1, minor 36). */
export function ldflags(spec: ToolSpec, version: string): string {
  const [major, minor] = version.replace(/^v/, "").split(".");
  const flags = (spec.versionFlags ?? []).map(
    (f) => `-X ${f.replace("{version}", version).replace("{major}", major).replace("{minor}", minor)}`,
  );
  return ["-s", "-w", ...flags].join(" ");
}
