import * as monitor from "@pulumi/azure-native/monitor";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import * as pulumi from "@pulumi/pulumi";
import { containerInsightsAssociationName, containerInsightsRuleSpec } from "../../generators/aks/containerInsights";

/** Log retention of the environment's workspace, in days (the free retention period of PerGB2018). */
export const logRetentionDays = 30;

/**
 * The Log Analytics workspace Container insights writes to. Created before the
 * cluster because the monitoring add-on names it.
 */
export function createLogAnalyticsWorkspace(
  name: string,
  args: { clusterName: string; location: string; resourceGroupName: pulumi.Input<string>; tags: Readonly<Record<string, string>> },
  parent: pulumi.Resource,
): operationalinsights.Workspace {
  return new operationalinsights.Workspace(
    `${name}-logs`,
    {
      workspaceName: `log-${args.clusterName}`,
      resourceGroupName: args.resourceGroupName,
      location: args.location,
      sku: { name: "PerGB2018" },
      retentionInDays: logRetentionDays,
      tags: { ...args.tags },
    },
    { parent },
  );
}

/**
 * The data collection rule for the ContainerInsights extension and its
 * association with the cluster (association name `ContainerInsightsExtension`, as
 * the portal and `az aks enable-addons` create it).
 */
export function createContainerInsightsRule(
  name: string,
  args: {
    clusterName: string;
    clusterId: pulumi.Input<string>;
    location: string;
    resourceGroupName: pulumi.Input<string>;
    workspaceId: pulumi.Input<string>;
    tags: Readonly<Record<string, string>>;
  },
  parent: pulumi.Resource,
): { rule: monitor.DataCollectionRule; association: monitor.DataCollectionRuleAssociation } {
  const spec = containerInsightsRuleSpec({
    clusterName: args.clusterName,
    location: args.location,
    resourceGroupName: args.resourceGroupName,
    workspaceId: args.workspaceId,
    tags: args.tags,
  });
  const rule = new monitor.DataCollectionRule(`${name}-container-insights`, spec, { parent });
  const association = new monitor.DataCollectionRuleAssociation(
    `${name}-container-insights-association`,
    {
      associationName: containerInsightsAssociationName,
      resourceUri: args.clusterId,
      dataCollectionRuleId: rule.id,
      description: "Association of data collection rule. Deleting this association will break the data collection for this AKS Cluster.",
    },
    { parent },
  );
  return { rule, association };
}
