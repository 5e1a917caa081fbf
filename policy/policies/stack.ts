import type { StackValidationPolicy } from "@pulumi/policy";
import { defaultProfileFor } from "../../config/defaults";
import type { ContextResolver } from "../environment";
import { quoted, stackPolicy, stackResourceName, violationMessage } from "./common";

const stackType = "pulumi:pulumi:Stack";

/** Policies about the environment the pack judges, rather than about one resource. */
export function stackPolicies(contexts: ContextResolver): StackValidationPolicy[] {
  return [
    stackPolicy(
      {
        name: "environment-known",
        description: "The pack judges the stack with its own configuration; it says so when it had to fall back to a guess.",
        enforcementLevel: "advisory",
        check: (resources, context, reportViolation) => {
          if (context.source === "stack-config" || context.source === "stack-file" || context.source === "policy-config") return;
          reportViolation(
            violationMessage(
              stackType,
              stackResourceName(resources, context),
              "the environment the policies assumed",
              `${context.environment} (${context.profile} profile, from ${context.origin})`,
              "run the pack with `pulumi preview --policy-pack policy` in this project so it reads the stack's configuration, or pass --policy-pack-config with the file policy/stack-policy-config.ts writes for the stack",
            ),
          );
        },
      },
      contexts,
    ),
    stackPolicy(
      {
        name: "development-profile-override",
        description: "An environment other than dev that opts into the development profile (and so looser policies) is pointed out.",
        enforcementLevel: "advisory",
        check: (resources, context, reportViolation) => {
          if (context.profile !== "development" || defaultProfileFor(context.environment) === "development") return;
          reportViolation(
            violationMessage(
              stackType,
              stackResourceName(resources, context),
              "aks-flux-gitops:profile",
              context.profile,
              `remove it unless environment ${quoted(context.environment)} is disposable: the development profile drops the Standard tier, zone, API server, auto-upgrade and purge-protection policies and makes local accounts advisory`,
            ),
          );
        },
      },
      contexts,
    ),
  ];
}
