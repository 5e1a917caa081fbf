import * as pulumi from "@pulumi/pulumi";
import { ageKeyRotationProblems } from "./config/ageKeyGenerations";
import { ConfigError } from "./config/errors";
import type { StackConfig } from "./config/types";
import { asRunError } from "./programErrors";

/** The stack output that records the age key generations of the last deployment. */
export const ageKeyGenerationsOutput = "sopsAgeKeyGenerations";

/**
 * Compares this update's age key generations with the last deployment's (the stack's
 * own output `sopsAgeKeyGenerations`, read through a StackReference to this stack) and
 * throws a RunError, before any resource is registered, when the step goes back or
 * jumps (config/ageKeyGenerations.ts). A first deployment has no output: no check.
 * A failing read fails the update; it is never taken as "no previous deployment".
 */
export async function checkAgeKeyRotation(cfg: StackConfig): Promise<void> {
  const self = new pulumi.StackReference("age-key-generations-of-last-deployment", {
    name: `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}`,
  });
  const details = await self.getOutputDetails(ageKeyGenerationsOutput);
  const previous = details.value;
  const previousList = Array.isArray(previous) && previous.every((g) => Number.isInteger(g)) ? (previous as number[]) : undefined;
  const problems = ageKeyRotationProblems(previousList, cfg.sops.ageKeyGenerations, cfg.sops.explicitAgeKeyGenerations);
  if (problems.length > 0)
    asRunError(() => {
      throw new ConfigError(problems);
    });
}
