import { FLUX_DEFAULT_COMPONENTS, FLUX_EXTRA_COMPONENTS, FLUX_REQUIRED_COMPONENTS } from "../generators/flux/install/options";
import { problem } from "./errors";

/** Checks `flux.components`/`flux.componentsExtra` the way Flux validates `--components`/`--components-extra`. */
export function checkFluxComponents(components: readonly string[] | undefined, extras: readonly string[] | undefined): string[] {
  const problems: string[] = [];
  const base: readonly string[] = FLUX_DEFAULT_COMPONENTS;
  const extra: readonly string[] = FLUX_EXTRA_COMPONENTS;
  (components ?? []).forEach((name, i) => {
    if (!base.includes(name)) {
      const hint = extra.includes(name) ? `; list it in flux.componentsExtra instead` : `; allowed: ${base.join(", ")}`;
      problems.push(problem(["flux", "components", i], name, `is not a Flux default component${hint}`));
    }
  });
  (extras ?? []).forEach((name, i) => {
    if (!extra.includes(name))
      problems.push(problem(["flux", "componentsExtra", i], name, `is not a Flux extra component; allowed: ${extra.join(", ")}`));
  });
  if (components !== undefined) {
    for (const requiredName of FLUX_REQUIRED_COMPONENTS) {
      if (!components.includes(requiredName)) {
        problems.push(problem(["flux", "components"], components, `must include ${requiredName} (Flux cannot reconcile without it)`));
      }
    }
  }
  const all = [...(components ?? base), ...(extras ?? [])];
  const duplicate = all.find((name, i) => all.indexOf(name) !== i);
  if (duplicate)
    problems.push(
      problem(["flux", "componentsExtra"], extras ?? [], `lists ${duplicate} twice (flux.components and flux.componentsExtra are merged)`),
    );
  const needsReflector = (extras ?? []).includes("image-automation-controller") && !(extras ?? []).includes("image-reflector-controller");
  if (needsReflector)
    problems.push(
      problem(
        ["flux", "componentsExtra"],
        extras,
        "includes image-automation-controller without image-reflector-controller, which it needs; add both",
      ),
    );
  return problems;
}
