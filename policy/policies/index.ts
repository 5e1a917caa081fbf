import type { Policies } from "@pulumi/policy";
import type { ContextResolver } from "../environment";
import { aksPolicies } from "./aks";
import { githubPolicies } from "./github";
import { keyVaultPolicies } from "./keyVault";
import { kubernetesPolicies } from "./kubernetes";
import { stackPolicies } from "./stack";

/** Every policy of the pack, by area, each judged against the context `contexts` resolves. */
export function createPolicies(contexts: ContextResolver): Policies {
  return [
    ...aksPolicies(contexts),
    ...keyVaultPolicies(contexts),
    ...githubPolicies(contexts),
    ...kubernetesPolicies(contexts),
    ...stackPolicies(contexts),
  ];
}
