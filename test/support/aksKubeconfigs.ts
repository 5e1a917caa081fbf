/**
 * What `listClusterUserCredential` returns for an Entra ID cluster (exec format,
 * kubelogin in devicecode mode), with a fake CA and endpoint.
 */
export const tenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";

export function aksUserKubeconfig(clusterName = "aks-dev"): string {
  return `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCkZBS0UKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=
    server: https://${clusterName}-x1y2z3.hcp.westeurope.azmk8s.io:443
  name: ${clusterName}
contexts:
- context:
    cluster: ${clusterName}
    user: clusterUser_rg-aks-flux-gitops-dev_${clusterName}
  name: ${clusterName}
current-context: ${clusterName}
kind: Config
preferences: {}
users:
- name: clusterUser_rg-aks-flux-gitops-dev_${clusterName}
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      args:
      - get-token
      - --environment
      - AzurePublicCloud
      - --server-id
      - 6dae42f8-4368-4678-94ff-3960e28e3630
      - --client-id
      - 80faf920-1908-4b52-b5ef-a8e7bedfc67a
      - --tenant-id
      - ${tenantId}
      - --login
      - devicecode
      command: kubelogin
      env: null
      installHint: |2

        kubelogin is not installed which is required to connect to AAD enabled cluster.

        To learn more, please go to https://aka.ms/aks/kubelogin
      provideClusterInfo: false
`;
}

/** The older "azure" auth-provider format AKS returned before exec. */
export const legacyAzureAuthProviderKubeconfig = `apiVersion: v1
kind: Config
clusters:
- name: aks-dev
  cluster:
    server: https://aks-dev.hcp.westeurope.azmk8s.io:443
contexts:
- name: aks-dev
  context: { cluster: aks-dev, user: legacy }
current-context: aks-dev
users:
- name: legacy
  user:
    auth-provider:
      name: azure
      config:
        apiserver-id: 6dae42f8-4368-4678-94ff-3960e28e3630
        client-id: 80faf920-1908-4b52-b5ef-a8e7bedfc67a
        config-mode: "1"
        environment: AzureChinaCloud
        tenant-id: ${tenantId}
`;

/** A kubeconfig with static credentials, as an admin or non-Entra cluster would have. */
export const staticCredentialKubeconfig = `apiVersion: v1
kind: Config
clusters:
- name: aks-dev
  cluster:
    server: https://aks-dev.hcp.westeurope.azmk8s.io:443
contexts:
- name: aks-dev
  context: { cluster: aks-dev, user: admin }
users:
- name: admin
  user:
    client-certificate-data: Q0VSVA==
    client-key-data: S0VZ
    token: 0123456789abcdef
`;
