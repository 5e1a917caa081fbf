import type { Policies } from "@pulumi/policy";
import type { ContextResolver } from "../environment";
import { exactType, get, known, quoted, resourcePolicy, stackPolicy, violationMessage } from "./common";

export const secretTypes = ["kubernetes:core/v1:Secret", "kubernetes:core/v1:SecretPatch"];
export const networkPolicyType = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

/** The NetworkPolicies of Flux's install manifests (`flux install --network-policy`, the default). */
export const fluxNetworkPolicyNames = ["allow-egress", "allow-scraping", "allow-webhooks"] as const;

/** What goes wrong without each of them, for the fix. */
const withoutIt: Readonly<Record<(typeof fluxNetworkPolicyNames)[number], string>> = {
  "allow-egress":
    "it is the policy that admits ingress to the Flux controllers only from their own namespace; without it every pod in the cluster can reach them",
  "allow-scraping": "without it the set differs from Flux's and Prometheus cannot scrape the controllers' metrics",
  "allow-webhooks": "without it the set differs from Flux's and notification-controller's webhook receiver is unreachable",
};

export function kubernetesPolicies(contexts: ContextResolver): Policies {
  return [
    resourcePolicy(
      {
        name: "kubernetes-secrets-in-flux-namespace",
        description: "The program creates Kubernetes Secrets only in the Flux namespace; application secrets go through Git with SOPS.",
        enforcementLevel: "mandatory",
        appliesTo: exactType(...secretTypes),
        check: (props, context, report) => {
          const namespace = get(props, "metadata.namespace");
          if (namespace !== context.fluxNamespace) {
            report(
              "metadata.namespace",
              namespace,
              `create the Secret in the Flux namespace ${quoted(context.fluxNamespace)} (aks-flux-gitops:flux.namespace), or commit it SOPS-encrypted to Git for Flux to apply: a Secret the program creates elsewhere sits in Pulumi state and outside the GitOps review`,
            );
          }
        },
      },
      contexts,
    ),
    stackPolicy(
      {
        name: "flux-network-policies",
        description:
          "Flux's network policies (allow-egress, allow-scraping, allow-webhooks) are present unless disabled with flux.networkPolicy: false.",
        enforcementLevel: "advisory",
        check: (resources, context, reportViolation, args) => {
          if (!context.networkPolicy)
            args.notApplicable(
              `aks-flux-gitops:flux.networkPolicy is false, or flux.installMode is operator (the operator creates them), for environment ${context.environment}`,
            );
          const kubernetes = resources.filter((r) => r.type.startsWith("kubernetes:") && !r.type.startsWith("pulumi:providers:"));
          if (kubernetes.length === 0) args.notApplicable("the stack has no Kubernetes resources: Flux is not bootstrapped by it");
          const present = new Set<string>();
          for (const r of resources) {
            if (r.type !== networkPolicyType) continue;
            const name = known(() => get(r.props, "metadata.name"));
            const namespace = known(() => get(r.props, "metadata.namespace"));
            // A namespace still unknown in a preview may well be the Flux namespace.
            if (typeof name === "string" && (namespace === undefined || namespace === context.fluxNamespace)) present.add(name);
          }
          for (const name of fluxNetworkPolicyNames) {
            if (present.has(name)) continue;
            reportViolation(
              violationMessage(
                networkPolicyType,
                `${context.fluxNamespace}/${name}`,
                "presence in the stack",
                "missing",
                `keep Flux's network policies (the FluxBootstrap component creates them from the release manifests while aks-flux-gitops:flux.networkPolicy is true), or set aks-flux-gitops:flux.networkPolicy to false to opt out explicitly; ${withoutIt[name]}`,
              ),
            );
          }
        },
      },
      contexts,
    ),
  ];
}
