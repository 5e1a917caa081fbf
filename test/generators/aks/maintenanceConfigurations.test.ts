import * as assert from "node:assert/strict";
import { maintenanceConfigurationSpecs } from "../../../generators/aks/maintenanceConfigurations";
import { stackConfig, type StackName } from "./stackConfigs";

describe("generators/aks/maintenanceConfigurations", () => {
  const windows: Record<StackName, { dayOfWeek: string; startTime: string }> = {
    dev: { dayOfWeek: "Tuesday", startTime: "03:00" },
    staging: { dayOfWeek: "Tuesday", startTime: "02:00" },
    prod: { dayOfWeek: "Thursday", startTime: "02:00" },
  };
  for (const [stack, window] of Object.entries(windows) as [StackName, (typeof windows)[StackName]][]) {
    it(`${stack}: both channels wait for ${window.dayOfWeek} ${window.startTime} +00:00, 4 hours, weekly`, () => {
      const maintenanceWindow = {
        schedule: { weekly: { dayOfWeek: window.dayOfWeek, intervalWeeks: 1 } },
        durationHours: 4,
        startTime: window.startTime,
        utcOffset: "+00:00",
      };
      assert.deepEqual(maintenanceConfigurationSpecs(stackConfig(stack).cluster), [
        { role: "auto-upgrade-window", configName: "aksManagedAutoUpgradeSchedule", maintenanceWindow },
        { role: "node-os-upgrade-window", configName: "aksManagedNodeOSUpgradeSchedule", maintenanceWindow },
      ]);
    });
  }

  const channels: { upgradeChannel: string; nodeOsUpgradeChannel: string; configNames: string[] }[] = [
    { upgradeChannel: "none", nodeOsUpgradeChannel: "NodeImage", configNames: ["aksManagedNodeOSUpgradeSchedule"] },
    {
      upgradeChannel: "node-image",
      nodeOsUpgradeChannel: "SecurityPatch",
      configNames: ["aksManagedAutoUpgradeSchedule", "aksManagedNodeOSUpgradeSchedule"],
    },
    { upgradeChannel: "patch", nodeOsUpgradeChannel: "Unmanaged", configNames: ["aksManagedAutoUpgradeSchedule"] },
    { upgradeChannel: "none", nodeOsUpgradeChannel: "None", configNames: [] },
  ];
  for (const c of channels) {
    it(`upgradeChannel ${c.upgradeChannel}, nodeOsUpgradeChannel ${c.nodeOsUpgradeChannel}: ${c.configNames.join(", ") || "no windows"}`, () => {
      const cfg = stackConfig("prod", { upgradeChannel: c.upgradeChannel, nodeOsUpgradeChannel: c.nodeOsUpgradeChannel });
      assert.deepEqual(
        maintenanceConfigurationSpecs(cfg.cluster).map((s) => s.configName),
        c.configNames,
      );
    });
  }

  it("rejects a window AKS would refuse", () => {
    const cluster = {
      ...stackConfig("prod").cluster,
      maintenanceWindow: { dayOfWeek: "Sunday" as const, startTime: "02:00", durationHours: 2, utcOffset: "+00:00" },
    };
    assert.throws(
      () => maintenanceConfigurationSpecs(cluster),
      /maintenance window of 2 hours: AKS needs a whole number of hours from 4 to 24/,
    );
  });
});
