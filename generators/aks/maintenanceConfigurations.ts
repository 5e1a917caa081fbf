import type { AksClusterOptions, MaintenanceWindow } from "./clusterOptions";

/**
 * The planned-maintenance windows AKS uses for its auto-upgrade channels. AKS binds
 * a window to a channel by the configuration's name alone:
 * `aksManagedAutoUpgradeSchedule` gates `autoUpgradeProfile.upgradeChannel`,
 * `aksManagedNodeOSUpgradeSchedule` gates `nodeOSUpgradeChannel` (AKS "planned
 * maintenance"; the same names as AVM's maintenance-configurations module). Both
 * get the environment's weekly `cluster.maintenanceWindow`. A window is only
 * created for a channel that AKS drives: none for `upgradeChannel: none`, none for
 * node OS channels `None` and `Unmanaged` (the OS patches itself there).
 */
export const autoUpgradeScheduleName = "aksManagedAutoUpgradeSchedule";
export const nodeOsUpgradeScheduleName = "aksManagedNodeOSUpgradeSchedule";

export interface MaintenanceConfigurationSpec {
  /** Suffix of the Pulumi resource name (`${name}-<role>`): stable, never an index. */
  readonly role: "auto-upgrade-window" | "node-os-upgrade-window";
  /** `configName` of `containerservice.MaintenanceConfiguration`. */
  readonly configName: typeof autoUpgradeScheduleName | typeof nodeOsUpgradeScheduleName;
  readonly maintenanceWindow: {
    readonly schedule: { readonly weekly: { readonly dayOfWeek: MaintenanceWindow["dayOfWeek"]; readonly intervalWeeks: 1 } };
    readonly durationHours: number;
    readonly startTime: string;
    readonly utcOffset: string;
  };
}

export function maintenanceConfigurationSpecs(cluster: AksClusterOptions): MaintenanceConfigurationSpec[] {
  const window = weeklyWindow(cluster.maintenanceWindow);
  const specs: MaintenanceConfigurationSpec[] = [];
  if (cluster.upgradeChannel !== "none") {
    specs.push({ role: "auto-upgrade-window", configName: autoUpgradeScheduleName, maintenanceWindow: window });
  }
  if (cluster.nodeOsUpgradeChannel === "NodeImage" || cluster.nodeOsUpgradeChannel === "SecurityPatch") {
    specs.push({ role: "node-os-upgrade-window", configName: nodeOsUpgradeScheduleName, maintenanceWindow: window });
  }
  return specs;
}

function weeklyWindow(window: MaintenanceWindow): MaintenanceConfigurationSpec["maintenanceWindow"] {
  // AKS requires at least four hours for these two schedules.
  if (!Number.isInteger(window.durationHours) || window.durationHours < 4 || window.durationHours > 24) {
    throw new Error(`maintenance window of ${window.durationHours} hours: AKS needs a whole number of hours from 4 to 24`);
  }
  return {
    schedule: { weekly: { dayOfWeek: window.dayOfWeek, intervalWeeks: 1 } },
    durationHours: window.durationHours,
    startTime: window.startTime,
    utcOffset: window.utcOffset,
  };
}
