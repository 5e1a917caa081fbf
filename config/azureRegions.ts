/**
 * Azure public-cloud region names (`az account list-locations --query "[].name"`),
 * each with whether it has availability zones. The one place region data lives:
 * config validation (a typo in `azure.location`, `cluster.zones` in a region
 * without zones) and the production profile's zone default read it.
 *
 * A region Azure adds, or one that gains zones, is one line here; check with
 * `az account list-locations --query "[?name=='<region>'].availabilityZoneMappings"`
 * (non-empty: the region has zones).
 */
const regionsWithZones = [
  "australiaeast",
  "austriaeast",
  "belgiumcentral",
  "brazilsouth",
  "canadacentral",
  "centralindia",
  "centralus",
  "chilecentral",
  "denmarkeast",
  "eastasia",
  "eastus",
  "eastus2",
  "francecentral",
  "germanywestcentral",
  "indonesiacentral",
  "israelcentral",
  "italynorth",
  "japaneast",
  "japanwest",
  "koreacentral",
  "malaysiawest",
  "mexicocentral",
  "newzealandnorth",
  "northeurope",
  "norwayeast",
  "polandcentral",
  "qatarcentral",
  "southafricanorth",
  "southcentralus",
  "southeastasia",
  "spaincentral",
  "swedencentral",
  "switzerlandnorth",
  "uaenorth",
  "uksouth",
  "westeurope",
  "westus2",
  "westus3",
] as const;

const regionsWithoutZones = [
  "australiacentral",
  "australiacentral2",
  "australiasoutheast",
  "brazilsoutheast",
  "canadaeast",
  "francesouth",
  "germanynorth",
  "jioindiacentral",
  "jioindiawest",
  "koreasouth",
  "northcentralus",
  "norwaywest",
  "southafricawest",
  "southindia",
  "swedensouth",
  "switzerlandwest",
  "uaecentral",
  "ukwest",
  "westcentralus",
  "westindia",
  "westus",
] as const;

export const azureRegions: ReadonlySet<string> = new Set([...regionsWithZones, ...regionsWithoutZones]);

/** True when the region has availability zones "1", "2" and "3". */
export function regionHasZones(region: string): boolean {
  return (regionsWithZones as readonly string[]).includes(region);
}
