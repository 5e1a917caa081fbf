import * as pulumi from "@pulumi/pulumi";
import { ConfigError } from "./config/errors";
import { ReleaseManifestsError } from "./release/errors";

/**
 * Runs `work` and turns the errors a user can fix (bad config, unobtainable Flux
 * manifests, invalid Flux options) into a `pulumi.RunError`, which Pulumi prints
 * as its message alone, without a stack trace, before any resource is registered.
 */
export function asRunError<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof ConfigError) {
      throw new pulumi.RunError(
        `invalid stack configuration (${error.problems.length} problem${error.problems.length === 1 ? "" : "s"}):\n${error.problems.join("\n")}`,
      );
    }
    if (error instanceof ReleaseManifestsError) throw new pulumi.RunError(error.message);
    if (error instanceof Error) throw new pulumi.RunError(error.message);
    throw error;
  }
}
