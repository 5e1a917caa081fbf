/** Type tokens of the resources the components register, as the engine records them (`recorder.get(T.deployKey, ...)`). */
export const types = {
  // This program's components.
  aksCluster: "aks-flux-gitops:aks:AksCluster",
  environmentResourceGroup: "aks-flux-gitops:azure:EnvironmentResourceGroup",
  fluxWorkloadIdentity: "aks-flux-gitops:azure:FluxWorkloadIdentity",
  fluxBootstrap: "aks-flux-gitops:flux:FluxBootstrap",
  // GitDeployKey keeps its original `git` area: the token is part of existing stacks' URNs.
  gitDeployKey: "aks-flux-gitops:git:GitDeployKey",
  repositoryFiles: "aks-flux-gitops:github:RepositoryFiles",
  githubWebhookReceiver: "aks-flux-gitops:notifications:GithubWebhookReceiver",
  sopsAgeKey: "aks-flux-gitops:sops:SopsAgeKey",
  sopsKeyVault: "aks-flux-gitops:sops:SopsKeyVault",
  repoWiring: "aks-flux-gitops:wiring:RepoWiring",
  // Azure.
  roleAssignment: "azure-native:authorization:RoleAssignment",
  keyVault: "azure-native:keyvault:Vault",
  keyVaultSecret: "azure-native:keyvault:Secret",
  identity: "azure-native:managedidentity:UserAssignedIdentity",
  federatedCredential: "azure-native:managedidentity:FederatedIdentityCredential",
  dataCollectionRule: "azure-native:monitor:DataCollectionRule",
  dataCollectionRuleAssociation: "azure-native:monitor:DataCollectionRuleAssociation",
  logAnalyticsWorkspace: "azure-native:operationalinsights:Workspace",
  resourceGroup: "azure-native:resources:ResourceGroup",
  // GitHub.
  repository: "github:index/repository:Repository",
  deployKey: "github:index/repositoryDeployKey:RepositoryDeployKey",
  repositoryFile: "github:index/repositoryFile:RepositoryFile",
  repositoryWebhook: "github:index/repositoryWebhook:RepositoryWebhook",
  // Kubernetes.
  namespace: "kubernetes:core/v1:Namespace",
  kubernetesSecret: "kubernetes:core/v1:Secret",
  crd: "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition",
  deployment: "kubernetes:apps/v1:Deployment",
  gitRepository: "kubernetes:source.toolkit.fluxcd.io/v1:GitRepository",
  kustomization: "kubernetes:kustomize.toolkit.fluxcd.io/v1:Kustomization",
  // Providers, keys, random values and commands.
  githubProvider: "pulumi:providers:github",
  kubernetesProvider: "pulumi:providers:kubernetes",
  privateKey: "tls:index/privateKey:PrivateKey",
  randomBytes: "random:index/randomBytes:RandomBytes",
  randomId: "random:index/randomId:RandomId",
  randomPassword: "random:index/randomPassword:RandomPassword",
  command: "command:local:Command",
} as const;
