/**
 * Azure public-cloud region names (`az account list-locations --query "[].name"`).
 * A typo in `azure.location` is caught before anything is created; a region
 * Azure adds later is one line here.
 */
export const azureRegions: ReadonlySet<string> = new Set([
  "australiacentral", "australiacentral2", "australiaeast", "australiasoutheast", "austriaeast",
  "belgiumcentral", "brazilsouth", "brazilsoutheast", "canadacentral", "canadaeast",
  "centralindia", "centralus", "chilecentral", "denmarkeast", "eastasia", "eastus", "eastus2",
  "francecentral", "francesouth", "germanynorth", "germanywestcentral", "indonesiacentral",
  "israelcentral", "italynorth", "japaneast", "japanwest", "jioindiacentral", "jioindiawest",
  "koreacentral", "koreasouth", "malaysiawest", "mexicocentral", "newzealandnorth",
  "northcentralus", "northeurope", "norwayeast", "norwaywest", "polandcentral", "qatarcentral",
  "southafricanorth", "southafricawest", "southcentralus", "southindia", "southeastasia",
  "spaincentral", "swedencentral", "swedensouth", "switzerlandnorth", "switzerlandwest",
  "uaecentral", "uaenorth", "uksouth", "ukwest", "westcentralus", "westeurope", "westindia",
  "westus", "westus2", "westus3",
]);
