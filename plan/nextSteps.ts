import type { StackConfig } from "../config/types";

/** The short text `pulumi stack output nextSteps` prints after an up. */
export function nextStepsText(cfg: StackConfig): string {
  const env = cfg.environment;
  const kubeconfig = `pulumi stack output kubeconfig --show-secrets -s ${env} > ~/.kube/${env}.yaml && export KUBECONFIG=~/.kube/${env}.yaml`;
  return [
    `1. Reach the cluster: ${kubeconfig}${cfg.cluster.mode === "aks" ? ` (needs kubelogin on PATH${cfg.cluster.kubeloginMode === "azurecli" ? " and `az login`" : ""})` : ""}`,
    `2. Watch Flux reconcile: flux get kustomizations --watch (or kubectl -n ${cfg.flux.namespace} get kustomizations)${cfg.flux.installMode === "operator" ? `; the Flux Operator's install: kubectl -n ${cfg.flux.namespace} get fluxinstance flux` : ""}`,
    `3. Add infrastructure under infrastructure/overlays/${env}/ in ${cfg.github.infraRepository}, apps under ${cfg.apps.path.replace(/^\.\//, "")}/ in ${cfg.github.appsRepository}.`,
    `4. Encrypt secrets for ${env}: sops --encrypt --in-place <file>.yaml in those directories (docs/sops.md).`,
    `5. Promote apps by changing aks-flux-gitops:apps.ref in Pulumi.${cfg.stack}.yaml in a reviewed pull request (docs/promotion.md).${"branch" in cfg.apps.ref && "branch" in cfg.flux.ref ? "" : " On day 1, cut the tag that `pulumi stack output tagsToCut` names first."}`,
    ...(cfg.flux.receiver
      ? [
          `6. Point DNS for ${cfg.flux.receiver.hostname} at the ingress controller's public address, then check delivery under Settings > Webhooks in GitHub (docs/notifications.md).`,
        ]
      : []),
  ].join("\n");
}

/**
 * Without a Key Vault the age key lives only in the stack's encrypted state and the
 * cluster's Secret: how to keep a copy (the key itself is the secret output `sopsAgeKey`).
 */
export function ageKeyBackupText(cfg: StackConfig): string {
  return [
    `No Key Vault (sops.keyVault: false): the age key exists only in this stack's encrypted state and in the Secret ${cfg.flux.namespace}/sops-age of the cluster.`,
    `Back it up once, and after every sops.ageKeyGeneration change: pulumi stack output sopsAgeKey --show-secrets -s ${cfg.stack} > sops-age-${cfg.environment}.agekey`,
    `and keep that file in a password manager or a secret store, not in Git. Losing both the state and the cluster loses every file encrypted for it.`,
  ].join("\n");
}
