import * as path from "node:path";
import { PolicyPack } from "@pulumi/policy";
import { ContextResolver, projectName, stackContextFromEngine } from "./environment";
import { createPolicies } from "./policies";

// The pack lives in the project's `policy/` directory; the engine starts it with the stack's
// name and configuration in the environment (see environment.ts for the fallbacks).
const contexts = new ContextResolver(stackContextFromEngine(process.env, path.resolve(__dirname, "..")));

new PolicyPack(projectName, {
  description:
    "Catches well-formed but unsafe changes to aks-flux-gitops environments (AKS, Key Vault, GitHub, Flux objects) before anything is deployed.",
  enforcementLevel: "mandatory",
  policies: createPolicies(contexts),
});
