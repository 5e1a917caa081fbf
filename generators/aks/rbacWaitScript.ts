/**
 * A bash script that waits until the Kubernetes API of a fresh AKS cluster grants the
 * identity running `pulumi up` what the Flux bootstrap needs. Azure RBAC role
 * assignments reach the API server asynchronously (minutes, sometimes more), so the
 * first Namespace create would otherwise fail with 403 midway through the first up.
 *
 * Bounded: `attempts` checks `intervalSeconds` apart, then it fails with a message
 * that tells "not yet granted" (wait, run again; or the runner is not a deployer)
 * from "not reachable" (the runner is outside the authorized ranges or the private
 * network). Expects `kubectl` and kubelogin on PATH and the kubeconfig's content in
 * `$KUBECONFIG_CONTENT` (written to a private temporary file, removed on exit).
 */
export interface RbacWaitOptions {
  readonly clusterName: string;
  readonly attempts: number;
  readonly intervalSeconds: number;
}

/** What the Flux bootstrap creates first: cluster-scoped objects, the CRDs, RBAC for the controllers. */
export const requiredPermissions: readonly string[] = [
  "create namespaces",
  "create customresourcedefinitions.apiextensions.k8s.io",
  "create clusterrolebindings.rbac.authorization.k8s.io",
];

export const defaultRbacWait = { attempts: 40, intervalSeconds: 15 } as const;

export function rbacWaitScript(options: RbacWaitOptions): string {
  const waited = options.attempts * options.intervalSeconds;
  const checks = requiredPermissions.map((p) => `"${p}"`).join(" ");
  return [
    "set -u",
    "umask 077",
    'kubeconfig="$(mktemp)"',
    "trap 'rm -f \"$kubeconfig\"' EXIT",
    'printf \'%s\' "$KUBECONFIG_CONTENT" > "$kubeconfig"',
    'missing=""',
    'unreachable=""',
    `for attempt in $(seq 1 ${options.attempts}); do`,
    '  missing=""',
    '  unreachable=""',
    `  for check in ${checks}; do`,
    '    answer="$(kubectl --kubeconfig "$kubeconfig" auth can-i $check --all-namespaces 2>&1)"',
    '    case "$answer" in',
    "      yes) ;;",
    '      no|no\\ *) missing="$missing, $check" ;;',
    '      *) unreachable="$answer" ;;',
    "    esac",
    "  done",
    '  if [ -z "$missing" ] && [ -z "$unreachable" ]; then',
    `    echo "the Kubernetes API of ${options.clusterName} grants the deployer ${requiredPermissions.join(", ")} (check $attempt)"`,
    "    exit 0",
    "  fi",
    `  [ "$attempt" -lt ${options.attempts} ] && sleep ${options.intervalSeconds}`,
    "done",
    'if [ -n "$unreachable" ]; then',
    `  echo "cannot reach the Kubernetes API of ${options.clusterName} after ${waited}s: $unreachable. A runner outside aks-flux-gitops:cluster.authorizedIpRanges (or outside the private network of a private cluster) cannot run pulumi up for this stack; see docs/aks.md, \\"Reaching the API server\\"." >&2`,
    "else",
    `  echo "the Kubernetes API of ${options.clusterName} still denies the identity running pulumi up: \${missing#, } after ${waited}s. Azure RBAC assignments can take several minutes to reach the API server: run pulumi up again. If it keeps failing, that identity is not in aks-flux-gitops:azure.deployerObjectIds (nor in a group listed there or in cluster.adminGroupObjectIds)." >&2`,
    "fi",
    "exit 1",
    "",
  ].join("\n");
}
