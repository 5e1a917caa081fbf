import { createHash } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import { aksUserKubeconfig } from "./aksKubeconfigs";
import { unwrapSecrets } from "./mockMonitor";
import { generateTlsKey, type TlsKeyMaterial } from "./sshKeys";

/** Identity of the principal the mocked `getClientConfig` returns. */
export const mockClient = {
  clientId: "11111111-2222-4333-8444-555555555555",
  objectId: "99999999-8888-4777-8666-555555555555",
  subscriptionId: "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",
  tenantId: "12345678-9abc-4def-8012-3456789abcde",
};

export interface MockOptions {
  /** Files that exist in the repositories: `<repo>/<path>` -> last commit message. */
  readonly existingRepositoryFiles?: ReadonlyMap<string, string>;
  /** Content and last commit of files that exist: `<repo>/<path>` -> file. Takes precedence over existingRepositoryFiles. */
  readonly repositoryFiles?: ReadonlyMap<string, { readonly content: string; readonly commitAuthor: string; readonly commitEmail: string }>;
  /** Repositories the mocked GitHub knows, with their default branch. Default: every repository, "main". */
  readonly defaultBranch?: string;
  /**
   * Outputs of the stack's last deployment, as the program's StackReference to its own
   * stack reads them (e.g. `sopsAgeKeyGenerations`). Default: none (a first deployment).
   */
  readonly previousOutputs?: Readonly<Record<string, unknown>>;
  /** Receives the token of every invoke the program makes. */
  readonly callLog?: string[];
  /** How the repository lookup fails: "error" (the invoke throws) or "not found" (a 404: empty fields, as the data source answers). */
  readonly repositoryLookup?: "error" | "not found";
}

const sha = (text: string) => createHash("sha256").update(text).digest();

/** Like Pulumi state, a key resource keeps its key across runs (and RSA keys are slow to make). */
const tlsKeys = new Map<string, TlsKeyMaterial>();
function stableTlsKey(name: string, inputs: Record<string, any>): TlsKeyMaterial {
  const id = `${name}/${inputs.algorithm}/${inputs.ecdsaCurve ?? ""}/${inputs.rsaBits ?? ""}`;
  if (!tlsKeys.has(id)) tlsKeys.set(id, generateTlsKey(inputs.algorithm, inputs));
  return tlsKeys.get(id) as TlsKeyMaterial;
}

/**
 * Mocks that give each resource type the outputs its real provider computes (real SSH
 * keys, random bytes, Azure URIs), and answer the invokes the program makes.
 */
export function programMocks(options: MockOptions = {}): pulumi.runtime.Mocks {
  return {
    newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, unknown> } {
      const inputs = unwrapSecrets(args.inputs) as Record<string, any>;
      const id = `${args.name}-id`;
      switch (args.type) {
        case "tls:index/privateKey:PrivateKey":
          return { id, state: { ...inputs, ...stableTlsKey(args.name, inputs) } };
        case "github:index/repositoryFile:RepositoryFile":
          return { id, state: { ...inputs, commitSha: sha(`${args.name}/${inputs.content}`).toString("hex").slice(0, 40) } };
        case "random:index/randomBytes:RandomBytes": {
          const bytes = sha(args.name).subarray(0, inputs.length);
          return { id, state: { ...inputs, base64: bytes.toString("base64"), hex: bytes.toString("hex") } };
        }
        case "random:index/randomPassword:RandomPassword": {
          // Stable per name and keepers, like a password kept in state until a keeper changes.
          const result = sha(`${args.name}/${JSON.stringify(inputs.keepers ?? {})}`)
            .toString("hex")
            .slice(0, inputs.length);
          return { id, state: { ...inputs, result, bcryptHash: `$2a$10$${result}` } };
        }
        case "pulumi:pulumi:StackReference":
          if (!String(inputs.name).startsWith("organization/aks-flux-gitops/"))
            throw new Error(`unexpected stack reference ${inputs.name}`);
          return { id: inputs.name, state: { name: inputs.name, outputs: { ...options.previousOutputs }, secretOutputNames: [] } };
        case "azure-native:resources:ResourceGroup":
          return {
            id: `/subscriptions/${mockClient.subscriptionId}/resourceGroups/${inputs.resourceGroupName}`,
            state: { ...inputs, name: inputs.resourceGroupName },
          };
        case "azure-native:containerservice:ManagedCluster":
          return {
            id: `/subscriptions/${mockClient.subscriptionId}/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/${inputs.resourceName}`,
            state: {
              ...inputs,
              name: inputs.resourceName,
              fqdn: `${inputs.resourceName}-dns-abc123.hcp.${inputs.location}.azmk8s.io`,
              oidcIssuerProfile: {
                ...inputs.oidcIssuerProfile,
                issuerURL: `https://${inputs.location}.oic.prod-aks.azure.com/${mockClient.tenantId}/0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9/`,
              },
              identityProfile: {
                kubeletidentity: { clientId: "kubelet-client-id", objectId: "kubelet-object-id", resourceId: "kubelet-resource-id" },
              },
            },
          };
        case "azure-native:keyvault:Vault":
          return {
            id: `/subscriptions/${mockClient.subscriptionId}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/${inputs.vaultName}`,
            state: {
              ...inputs,
              name: inputs.vaultName,
              properties: { ...inputs.properties, vaultUri: `https://${inputs.vaultName}.vault.azure.net/` },
            },
          };
        case "azure-native:keyvault:Secret":
          return {
            id,
            state: {
              ...inputs,
              name: inputs.secretName,
              properties: { ...inputs.properties, secretUri: `https://${inputs.vaultName}.vault.azure.net/secrets/${inputs.secretName}` },
            },
          };
        case "azure-native:managedidentity:UserAssignedIdentity":
          return {
            id: `/subscriptions/${mockClient.subscriptionId}/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${args.name}`,
            state: { ...inputs, name: inputs.resourceName, principalId: `${args.name}-principal`, clientId: `${args.name}-client` },
          };
        default:
          return { id, state: { ...inputs, name: inputs.name ?? args.name } };
      }
    },
    call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
      options.callLog?.push(args.token);
      const inputs = args.inputs as Record<string, any>;
      switch (args.token) {
        case "azure-native:authorization:getClientConfig":
          return { ...mockClient };
        case "azure-native:containerservice:listManagedClusterUserCredentials":
          return { kubeconfigs: [{ name: "clusterUser", value: Buffer.from(aksUserKubeconfig(inputs.resourceName)).toString("base64") }] };
        case "azure-native:resources:getResourceGroup":
          return {
            name: inputs.resourceGroupName,
            id: `/subscriptions/${mockClient.subscriptionId}/resourceGroups/${inputs.resourceGroupName}`,
            location: "westeurope",
          };
        case "github:index/getRepository:getRepository":
          if (options.repositoryLookup === "error")
            throw new Error("GET https://api.github.com/repos/acme-platform/x: 401 Bad credentials []");
          if (options.repositoryLookup === "not found") return { name: inputs.name, defaultBranch: "", fullName: "" };
          return { name: inputs.name, defaultBranch: options.defaultBranch ?? "main", fullName: `acme/${inputs.name}` };
        case "github:index/getRepositoryFile:getRepositoryFile": {
          const file = options.repositoryFiles?.get(`${inputs.repository}/${inputs.file}`);
          if (file !== undefined)
            return {
              repository: inputs.repository,
              file: inputs.file,
              sha: "0123abcd",
              commitMessage: "Edit",
              commitSha: "fedc3210aa55",
              ...file,
            };
          const message = options.existingRepositoryFiles?.get(`${inputs.repository}/${inputs.file}`);
          // As the provider answers for a missing file (a 404): a result without sha or content.
          if (message === undefined) return { repository: inputs.repository, file: inputs.file };
          return {
            repository: inputs.repository,
            file: inputs.file,
            content: "# existing\n",
            sha: "0123abcd",
            commitMessage: message,
            commitSha: "fedc3210",
          };
        }
        default:
          return inputs;
      }
    },
  };
}
