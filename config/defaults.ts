import { defaultFluxInstallOptions } from "../generators/flux/install/options";
import type { Profile } from "./types";

/**
 * Per-profile defaults. An environment takes the `development` profile when it is
 * named `dev` and `production` otherwise (so a new environment is safe by default),
 * unless `aks-flux-gitops:profile` says otherwise. Stack files override any value.
 */
export interface ProfileDefaults {
  /** Pin stateful resources against destroy and replacement. */
  readonly protect: boolean;
  readonly skuTier: "Free" | "Standard";
  readonly systemPool: { readonly vmSize: string; readonly count: number };
  readonly userPool: { readonly enabled: boolean; readonly vmSize: string; readonly minCount: number; readonly maxCount: number };
  /** Zones for regions that have them (config/azureRegions.ts); regions without get none. */
  readonly zones: readonly string[];
  readonly maintenanceWindow: {
    readonly dayOfWeek: "Tuesday" | "Sunday";
    readonly startTime: string;
    readonly durationHours: number;
    readonly utcOffset: string;
  };
  readonly monitoring: boolean;
  readonly azurePolicy: boolean;
  readonly appsInterval: string;
  readonly purgeProtection: boolean;
  readonly softDeleteRetentionDays: number;
}

export const profileDefaults: Readonly<Record<Profile, ProfileDefaults>> = {
  development: {
    protect: false,
    skuTier: "Free",
    systemPool: { vmSize: "Standard_D2ads_v5", count: 1 },
    userPool: { enabled: false, vmSize: "Standard_D4ads_v5", minCount: 1, maxCount: 3 },
    zones: [],
    maintenanceWindow: { dayOfWeek: "Tuesday", startTime: "03:00", durationHours: 4, utcOffset: "+00:00" },
    monitoring: false,
    azurePolicy: false,
    appsInterval: "1m0s",
    purgeProtection: false,
    softDeleteRetentionDays: 7,
  },
  production: {
    protect: true,
    skuTier: "Standard",
    systemPool: { vmSize: "Standard_D4ads_v5", count: 3 },
    userPool: { enabled: true, vmSize: "Standard_D4ads_v5", minCount: 2, maxCount: 6 },
    zones: ["1", "2", "3"],
    maintenanceWindow: { dayOfWeek: "Sunday", startTime: "02:00", durationHours: 4, utcOffset: "+00:00" },
    monitoring: true,
    azurePolicy: true,
    appsInterval: "5m0s",
    purgeProtection: true,
    softDeleteRetentionDays: 90,
  },
};

/** Defaults that do not depend on the profile. */
export const commonDefaults = {
  branch: "main",
  hostname: "github.com",
  commitAuthor: { name: "aks-flux-gitops", email: "aks-flux-gitops@users.noreply.github.com" },
  network: { podCidr: "10.244.0.0/16", serviceCidr: "10.0.0.0/16", dnsServiceIp: "10.0.0.10" },
  upgradeChannel: "patch",
  nodeOsUpgradeChannel: "NodeImage",
  kubeloginMode: "azurecli",
  flux: {
    // What `flux install` and `flux bootstrap` default to, from the generator that mirrors them.
    ...defaultFluxInstallOptions,
    version: "v2.9.0",
    interval: "1m0s",
    sshKeyAlgorithm: "ecdsa-p384",
  },
} as const;

export function defaultProfileFor(environment: string): Profile {
  return environment === "dev" ? "development" : "production";
}
