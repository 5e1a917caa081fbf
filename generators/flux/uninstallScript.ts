/**
 * A bash script that removes Flux from a cluster the way `flux uninstall` does:
 * controllers first, then the finalizers of every Flux object (so nothing Flux
 * applied is garbage-collected), then the CRDs and the namespace. Workloads that
 * Flux reconciled keep running. Expects `kubectl` on PATH and the kubeconfig's
 * content in the environment variable `kubeconfigEnv` (never on the command line).
 */
export function fluxUninstallScript(namespace: string, kubeconfigEnv = "KUBECONFIG_CONTENT"): string {
  const selector = `app.kubernetes.io/part-of=flux,app.kubernetes.io/instance=${namespace}`;
  return [
    "set -euo pipefail",
    'KUBECONFIG="$(mktemp)"',
    'trap \'rm -f "$KUBECONFIG"\' EXIT',
    `printf '%s' "\$${kubeconfigEnv}" > "$KUBECONFIG"`,
    "export KUBECONFIG",
    `kubectl delete deployments,services,networkpolicies,serviceaccounts --namespace ${namespace} --selector ${selector} --ignore-not-found --wait=true`,
    `kubectl delete clusterroles,clusterrolebindings --selector ${selector} --ignore-not-found`,
    `for crd in $(kubectl get customresourcedefinitions --selector ${selector} --output name); do`,
    '  resource="${crd#*/}"',
    '  kubectl get "$resource" --all-namespaces --output jsonpath=\'{range .items[*]}{.metadata.namespace}{" "}{.metadata.name}{"\\n"}{end}\' |',
    "    while read -r ns name; do",
    '      [ -n "$name" ] || continue',
    '      kubectl patch "$resource" "$name" --namespace "$ns" --type merge --patch \'{"metadata":{"finalizers":null}}\'',
    "    done",
    "done",
    `kubectl delete customresourcedefinitions --selector ${selector} --ignore-not-found`,
    `kubectl delete namespace ${namespace} --ignore-not-found`,
    "",
  ].join("\n");
}
