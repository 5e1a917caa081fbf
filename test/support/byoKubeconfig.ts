/** A minimal kubeconfig kubectl accepts (current context, its cluster and user), carrying `token`. */
export function byoKubeconfig(token: string, server = "https://127.0.0.1:6443"): string {
  return [
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    "- name: local",
    "  cluster:",
    `    server: ${server}`,
    "users:",
    "- name: me",
    "  user:",
    `    token: ${token}`,
    "contexts:",
    "- name: local",
    "  context:",
    "    cluster: local",
    "    user: me",
    "current-context: local",
    "",
  ].join("\n");
}
