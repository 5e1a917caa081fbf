import { marshalYaml } from "../yaml/goYaml";

/** Fields SOPS encrypts in Kubernetes manifests: Secret data only, so diffs stay reviewable. */
export const sopsEncryptedRegex = "^(data|stringData)$";

/** `.sops.yaml` for one environment's directory: every YAML file there is encrypted for its age recipient. */
export function generateSopsConfig(options: { environment: string; recipient: string }): string {
  const header =
    `# Managed by aks-flux-gitops for the ${options.environment} environment; changes are overwritten.\n` +
    `# Encrypt a Secret for ${options.environment}: sops --encrypt --in-place <file>.yaml (see docs/sops.md).\n`;
  return (
    header +
    marshalYaml({
      creation_rules: [{ path_regex: ".*\\.ya?ml$", encrypted_regex: sopsEncryptedRegex, age: options.recipient }],
    })
  );
}
