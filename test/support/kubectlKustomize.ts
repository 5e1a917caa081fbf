import { runTool } from "./realTools";

/** `kubectl kustomize` over a written overlay: legacy order, or input order (`--reorder none`, what the flux CLI does). */
export function kubectlKustomize(dir: string, order: "legacy" | "fifo" = "legacy"): string {
  return runTool("kubectl", ["kustomize", ...(order === "fifo" ? ["--reorder", "none"] : []), dir]);
}
