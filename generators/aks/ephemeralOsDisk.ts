/**
 * OS disk choice for an AKS node pool: Ephemeral when the VM size's local storage
 * can hold the OS disk, Managed otherwise.
 *
 * Why: the AKS baseline and the AVM WAF-aligned example use ephemeral OS disks
 * (faster boot, scale and reimage, no disk cost). AKS rejects an explicit
 * `osDiskType: Ephemeral` whose `osDiskSizeGB` does not fit, so we only ask for
 * it when we know it fits, from this table.
 *
 * Where the OS disk goes (AKS "Storage concepts", "Ephemeral OS disk"): VM sizes
 * with a dedicated cache put it in the cache (Standard_DS2_v2: 86 GiB;
 * Standard_D8s_v3: 200 GiB); "the latest generation of VM series doesn't have a
 * dedicated cache, but only temporary storage" (Standard_E2bds_v5: 75 GiB,
 * Standard_E4bds_v5: 150 GiB). Sizes without a local disk (no `d` in the name,
 * e.g. Standard_D4s_v5) cannot use ephemeral OS disks. Values are GiB from the
 * Azure VM size pages; v6 sizes (NVMe placement) are not listed and fall back to
 * Managed until someone adds them with their documented sizes.
 */
export interface VmLocalStorage {
  /** Dedicated cache in GiB; 0 when the series has none (ephemeral OS then uses the temp disk). */
  readonly cacheGiB: number;
  /** Temporary (resource) disk in GiB; 0 when the size has no local disk. */
  readonly tempGiB: number;
}

export const vmLocalStorage: Readonly<Record<string, VmLocalStorage>> = Object.freeze({
  // Dsv2: cache and a small temp disk.
  Standard_DS2_v2: { cacheGiB: 86, tempGiB: 14 },
  Standard_DS3_v2: { cacheGiB: 172, tempGiB: 28 },
  Standard_DS4_v2: { cacheGiB: 344, tempGiB: 56 },
  // Dsv3: cache and temp disk.
  Standard_D2s_v3: { cacheGiB: 50, tempGiB: 16 },
  Standard_D4s_v3: { cacheGiB: 100, tempGiB: 32 },
  Standard_D8s_v3: { cacheGiB: 200, tempGiB: 64 },
  Standard_D16s_v3: { cacheGiB: 400, tempGiB: 128 },
  // Ddsv5 / Dadsv5 / Ebdsv5: temp disk only.
  Standard_D2ds_v5: { cacheGiB: 0, tempGiB: 75 },
  Standard_D4ds_v5: { cacheGiB: 0, tempGiB: 150 },
  Standard_D8ds_v5: { cacheGiB: 0, tempGiB: 300 },
  Standard_D16ds_v5: { cacheGiB: 0, tempGiB: 600 },
  Standard_D2ads_v5: { cacheGiB: 0, tempGiB: 75 },
  Standard_D4ads_v5: { cacheGiB: 0, tempGiB: 150 },
  Standard_D8ads_v5: { cacheGiB: 0, tempGiB: 300 },
  Standard_D16ads_v5: { cacheGiB: 0, tempGiB: 600 },
  Standard_E2bds_v5: { cacheGiB: 0, tempGiB: 75 },
  Standard_E4bds_v5: { cacheGiB: 0, tempGiB: 150 },
  // Dsv5 / Dasv5: no local disk at all.
  Standard_D2s_v5: { cacheGiB: 0, tempGiB: 0 },
  Standard_D4s_v5: { cacheGiB: 0, tempGiB: 0 },
  Standard_D8s_v5: { cacheGiB: 0, tempGiB: 0 },
  Standard_D2as_v5: { cacheGiB: 0, tempGiB: 0 },
  Standard_D4as_v5: { cacheGiB: 0, tempGiB: 0 },
  Standard_D8as_v5: { cacheGiB: 0, tempGiB: 0 },
});

/** OS disk size we aim for: AKS's own default for small nodes (P10, 128 GiB). */
export const preferredOsDiskSizeGB = 128;
/** Below this an ephemeral OS disk leaves too little room for images and logs; use Managed instead. */
export const minimumEphemeralOsDiskSizeGB = 64;

export interface OsDiskChoice {
  readonly osDiskType: "Ephemeral" | "Managed";
  /** Set for Ephemeral (must fit the local storage); absent for Managed (AKS sizes it by vCPU count). */
  readonly osDiskSizeGB?: number;
}

/** Where an ephemeral OS disk of this VM size lives, in GiB (cache if the size has one, else temp disk). */
export function ephemeralCapacityGiB(storage: VmLocalStorage): number {
  return storage.cacheGiB > 0 ? storage.cacheGiB : storage.tempGiB;
}

/**
 * Ephemeral with min(128, capacity) GiB when the VM size is known and its
 * capacity is at least 64 GiB; otherwise Managed with AKS's default size.
 * `table` is injectable for tests.
 */
export function osDiskFor(vmSize: string, table: Readonly<Record<string, VmLocalStorage>> = vmLocalStorage): OsDiskChoice {
  const storage = lookup(table, vmSize);
  if (storage === undefined) return { osDiskType: "Managed" };
  const capacity = ephemeralCapacityGiB(storage);
  if (capacity < minimumEphemeralOsDiskSizeGB) return { osDiskType: "Managed" };
  return { osDiskType: "Ephemeral", osDiskSizeGB: Math.min(preferredOsDiskSizeGB, capacity) };
}

/** VM size names are case-insensitive in Azure. */
function lookup(table: Readonly<Record<string, VmLocalStorage>>, vmSize: string): VmLocalStorage | undefined {
  const wanted = vmSize.toLowerCase();
  const key = Object.keys(table).find((k) => k.toLowerCase() === wanted);
  return key === undefined ? undefined : table[key];
}
