import * as pulumi from "@pulumi/pulumi";
import { aksUserKubeconfig, tenantId } from "../../support/aksKubeconfigs";

/** Shared by the AksCluster tests: ids, resource types and Pulumi mocks that answer as AKS would. */
export const subscription = "0b1f6471-1bf0-4dda-aec3-111122223333";
export const deployer = "9d1c2b3a-4e5f-6789-abcd-ef0123456789";
export const clusterAdminRole = "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b";
export const T = {
  component: "aks-flux-gitops:aks:AksCluster",
  identity: "azure-native:managedidentity:UserAssignedIdentity",
  cluster: "azure-native:containerservice:ManagedCluster",
  agentPool: "azure-native:containerservice:AgentPool",
  maintenance: "azure-native:containerservice:MaintenanceConfiguration",
  roleAssignment: "azure-native:authorization:RoleAssignment",
  workspace: "azure-native:operationalinsights:Workspace",
  dcr: "azure-native:monitor:DataCollectionRule",
  dcra: "azure-native:monitor:DataCollectionRuleAssociation",
  provider: "pulumi:providers:kubernetes",
};
const credentialsToken = "azure-native:containerservice:listManagedClusterUserCredentials";

/** Resource ids and the outputs AKS computes, so the component's applies have something to read. */
export const mocks: pulumi.runtime.Mocks = {
  newResource(args) {
    const rg = `/subscriptions/${subscription}/resourceGroups/${String(args.inputs.resourceGroupName ?? "rg")}`;
    switch (args.type) {
      case T.identity:
        return {
          id: `${rg}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${String(args.inputs.resourceName)}`,
          state: { ...args.inputs, name: args.inputs.resourceName, principalId: "cp-principal-id", clientId: "cp-client-id" },
        };
      case T.cluster:
        return {
          id: `${rg}/providers/Microsoft.ContainerService/managedClusters/${String(args.inputs.resourceName)}`,
          state: {
            ...args.inputs,
            name: args.inputs.resourceName,
            resourceUID: `uid-${String(args.inputs.resourceName)}`,
            oidcIssuerProfile: {
              enabled: true,
              issuerURL: `https://westeurope.oic.prod-aks.azure.com/${tenantId}/uid-${String(args.inputs.resourceName)}/`,
            },
            identityProfile: { kubeletidentity: { objectId: "kubelet-object-id", clientId: "kubelet-client-id", resourceId: "/kubelet" } },
          },
        };
      case T.workspace:
        return { id: `${rg}/providers/Microsoft.OperationalInsights/workspaces/${String(args.inputs.workspaceName)}`, state: args.inputs };
      case T.dcr:
        return {
          id: `${rg}/providers/Microsoft.Insights/dataCollectionRules/${String(args.inputs.dataCollectionRuleName)}`,
          state: args.inputs,
        };
      default:
        return { id: `${args.name}-id`, state: args.inputs };
    }
  },
  call(args) {
    if (args.token === credentialsToken) {
      return {
        kubeconfigs: [{ name: "clusterUser", value: Buffer.from(aksUserKubeconfig(String(args.inputs.resourceName))).toString("base64") }],
      };
    }
    throw new Error(`unexpected invoke ${args.token}`);
  },
};
