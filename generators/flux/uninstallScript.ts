/** How long each kubectl call may take: one API request, and a delete waiting for its objects to go. */
export const uninstallTimeouts = { request: "30s", wait: "2m" } as const;

/**
 * A bash script that removes Flux from a cluster in the order `flux uninstall` does
 * (fluxcd/flux2 v2.9.0 cmd/flux/uninstall.go, pkg/uninstall): controllers first, then the
 * finalizers of every Flux object (so nothing Flux applied is garbage-collected), then the CRDs
 * and the namespace. Workloads that Flux reconciled keep running.
 *
 * Like `flux uninstall`, a failure on one object is reported and the others of the step are
 * still done. Unlike it, a step with a failure stops the script before the next step (a listing
 * that fails counts: `flux uninstall` skips those silently), because each step is only safe after
 * the previous one: CRDs deleted while a controller still runs make it prune what it applied, and
 * CRDs deleted while objects keep finalizers hang. The exit status is non-zero whenever something
 * was left, so `pulumi destroy` fails and can be re-run (every step is idempotent). Every kubectl
 * call is bounded (`--request-timeout`, and `--timeout` for deletes that wait).
 *
 * Expects `kubectl` on PATH and the kubeconfig's content in the environment variable
 * `kubeconfigEnv` (never on the command line).
 */
export function fluxUninstallScript(namespace: string, kubeconfigEnv = "KUBECONFIG_CONTENT"): string {
  const selector = `app.kubernetes.io/part-of=flux,app.kubernetes.io/instance=${namespace}`;
  const request = `--request-timeout=${uninstallTimeouts.request}`;
  const wait = `--wait=true --timeout=${uninstallTimeouts.wait}`;
  return [
    "set -uo pipefail",
    'KUBECONFIG="$(mktemp)"',
    "trap 'rm -f \"$KUBECONFIG\"' EXIT",
    `printf '%s' "\$${kubeconfigEnv}" > "$KUBECONFIG"`,
    "export KUBECONFIG",
    "failed=0",
    'fail() { echo "✗ $*" >&2; failed=1; }',
    // Stops after a step that failed, naming what is left and how to finish.
    "stop_if_failed() {",
    '  [ "$failed" -eq 0 ] && return 0',
    `  echo "Flux uninstall stopped before: $1. Left in the cluster: $1 (and later steps). Fix the cause and run pulumi destroy again, or finish with: flux uninstall --namespace ${namespace}" >&2`,
    "  exit 1",
    "}",
    `echo "► deleting components in ${namespace} namespace"`,
    `kubectl delete deployments,services,networkpolicies,serviceaccounts --namespace ${namespace} --selector ${selector} --ignore-not-found ${wait} ${request} || fail "deleting the controllers in ${namespace}"`,
    `kubectl delete clusterroles,clusterrolebindings --selector ${selector} --ignore-not-found ${wait} ${request} || fail "deleting Flux's cluster roles"`,
    'stop_if_failed "removing finalizers, deleting the CRDs and the namespace"',
    'echo "► deleting toolkit.fluxcd.io finalizers in all namespaces"',
    `crds="$(kubectl get customresourcedefinitions --selector ${selector} --output name ${request})" || fail "listing Flux's custom resource definitions"`,
    'stop_if_failed "removing finalizers, deleting the CRDs and the namespace"',
    "for crd in $crds; do",
    '  resource="${crd#*/}"',
    `  objects="$(kubectl get "$resource" --all-namespaces --output jsonpath='{range .items[*]}{.metadata.namespace}{" "}{.metadata.name}{"\\n"}{end}' ${request})" || { fail "listing $resource"; continue; }`,
    "  while read -r ns name; do",
    '    [ -n "$name" ] || continue',
    `    kubectl patch "$resource" "$name" --namespace "$ns" --type merge --patch '{"metadata":{"finalizers":null}}' ${request} >/dev/null || fail "removing the finalizers of $resource $ns/$name"`,
    '  done <<< "$objects"',
    "done",
    'stop_if_failed "deleting the CRDs and the namespace"',
    'echo "► deleting toolkit.fluxcd.io custom resource definitions"',
    `kubectl delete customresourcedefinitions --selector ${selector} --ignore-not-found ${wait} ${request} || fail "deleting Flux's custom resource definitions"`,
    'stop_if_failed "deleting the namespace"',
    `kubectl delete namespace ${namespace} --ignore-not-found ${wait} ${request} || fail "deleting namespace ${namespace}"`,
    `stop_if_failed "nothing (the namespace ${namespace} is still terminating)"`,
    'echo "✔ uninstall finished"',
    "",
  ].join("\n");
}
