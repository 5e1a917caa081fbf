/**
 * Container insights with managed-identity auth, the current onboarding path:
 * the `omsagent` add-on with `useAADAuth: "true"` (see managedClusterSpec), a data
 * collection rule that routes the ContainerInsights extension's streams to the Log
 * Analytics workspace, and an association of that rule with the cluster. Without
 * the rule and its association the MSI-authenticated agent has nothing to send.
 * Shapes follow Microsoft's onboarding templates (microsoft/Docker-Provider,
 * scripts/onboarding/aks/onboarding-msi-bicep); property names are azure-native v3
 * `monitor.DataCollectionRule` / `DataCollectionRuleAssociation` (API 2022-06-01).
 */
export const containerInsightsExtensionName = "ContainerInsights";
/** Name of the extension data source and of the association; the portal looks for this one. */
export const containerInsightsAssociationName = "ContainerInsightsExtension";
export const containerInsightsDestination = "ciworkspace";
/** The default stream group: what `az aks enable-addons -a monitoring` collects. */
export const containerInsightsStreams = ["Microsoft-ContainerInsights-Group-Default"];

export interface DataCollectionRuleSpec<Ref> {
  readonly dataCollectionRuleName: string;
  readonly resourceGroupName: Ref;
  readonly location: string;
  readonly kind: "Linux";
  readonly tags: Record<string, string>;
  readonly description: string;
  readonly dataSources: {
    readonly extensions: {
      readonly name: string;
      readonly extensionName: string;
      readonly streams: string[];
      readonly extensionSettings: {
        readonly dataCollectionSettings: {
          readonly interval: string;
          readonly namespaceFilteringMode: "Off";
          readonly enableContainerLogV2: true;
        };
      };
    }[];
  };
  readonly destinations: { readonly logAnalytics: { readonly name: string; readonly workspaceResourceId: Ref }[] };
  readonly dataFlows: { readonly streams: string[]; readonly destinations: string[] }[];
}

/**
 * `MSCI-<location>-<cluster>` (max 64 characters) is the name the portal and
 * `az aks enable-addons` give this rule; using it keeps the portal's
 * "Monitor settings" pointing at the rule this stack owns.
 */
export function dataCollectionRuleName(location: string, clusterName: string): string {
  return `MSCI-${location.replace(/\s+/g, "")}-${clusterName}`.slice(0, 64);
}

export function containerInsightsRuleSpec<Ref>(options: {
  clusterName: string;
  location: string;
  resourceGroupName: Ref;
  workspaceId: Ref;
  tags: Readonly<Record<string, string>>;
}): DataCollectionRuleSpec<Ref> {
  return {
    dataCollectionRuleName: dataCollectionRuleName(options.location, options.clusterName),
    resourceGroupName: options.resourceGroupName,
    location: options.location,
    kind: "Linux",
    tags: { ...options.tags },
    description: `Container insights for AKS cluster ${options.clusterName}`,
    dataSources: {
      extensions: [
        {
          name: containerInsightsAssociationName,
          extensionName: containerInsightsExtensionName,
          streams: [...containerInsightsStreams],
          extensionSettings: {
            dataCollectionSettings: { interval: "1m", namespaceFilteringMode: "Off", enableContainerLogV2: true },
          },
        },
      ],
    },
    destinations: { logAnalytics: [{ name: containerInsightsDestination, workspaceResourceId: options.workspaceId }] },
    dataFlows: [{ streams: [...containerInsightsStreams], destinations: [containerInsightsDestination] }],
  };
}
