import type { ResourceValidationPolicy } from "@pulumi/policy";
import type { ContextResolver } from "../environment";
import { exactType, get, quoted, resourcePolicy } from "./common";

export const deployKeyType = "github:index/repositoryDeployKey:RepositoryDeployKey";
export const repositoryType = "github:index/repository:Repository";
export const webhookType = "github:index/repositoryWebhook:RepositoryWebhook";

export function githubPolicies(contexts: ContextResolver): ResourceValidationPolicy[] {
  return [
    resourcePolicy(
      {
        name: "github-deploy-key-read-only",
        description: "GitHub deploy keys are read-only, except that of the repository the image-automation controller commits to.",
        enforcementLevel: "mandatory",
        appliesTo: exactType(deployKeyType),
        check: (props, context, report) => {
          const readOnly = get(props, "readOnly");
          // The provider's default is read-only; only an explicit false grants push access.
          if (readOnly !== false) return;
          if (!context.imageAutomation) {
            report(
              "readOnly",
              readOnly,
              `set readOnly to true: Flux only reads, and environment ${context.environment} runs no image-automation controller (add image-automation-controller to aks-flux-gitops:flux.componentsExtra if it really must push)`,
            );
            return;
          }
          if (context.infraRepository === undefined) return;
          const repository = get(props, "repository");
          if (repository !== context.infraRepository) {
            report(
              "readOnly",
              readOnly,
              `set readOnly to true for repository ${String(repository)}: image automation pushes only to ${quoted(context.infraRepository)} (aks-flux-gitops:flux.imageUpdateAutomation.repository)`,
            );
          }
        },
      },
      contexts,
    ),
    resourcePolicy(
      {
        name: "github-repository-private",
        description: "GitHub repositories created by the program are private.",
        enforcementLevel: "mandatory",
        appliesTo: exactType(repositoryType),
        check: (props, _context, report) => {
          const visibility = get(props, "visibility");
          if (visibility === "private") return;
          // `private: true` is the provider's deprecated spelling of the same thing.
          if (visibility === undefined && get(props, "private") === true) return;
          report(
            "visibility",
            visibility,
            'set visibility to "private" (the program does when aks-flux-gitops:github.createRepositories is true): the fleet repositories describe the clusters and hold their SOPS-encrypted secrets',
          );
        },
      },
      contexts,
    ),
    resourcePolicy(
      {
        name: "github-webhook-signed-https",
        description: "GitHub webhooks post over verified HTTPS and are signed with a secret (Flux's Receiver rejects unsigned payloads).",
        enforcementLevel: "mandatory",
        appliesTo: exactType(webhookType),
        check: (props, _context, report) => {
          // The URL and the secret are secret values: messages show only what is wrong, never them.
          const url = get(props, "configuration.url");
          if (typeof url === "string" && !url.startsWith("https://")) {
            report(
              "configuration.url",
              `${url.split(":")[0]}:…`,
              "post to an https:// URL: the payload reveals the repository's commits and the receiver's path",
            );
          }
          if (get(props, "configuration.insecureSsl") === true) {
            report(
              "configuration.insecureSsl",
              true,
              "set insecureSsl to false and give the receiver a trusted certificate (aks-flux-gitops:flux.receiver.tls)",
            );
          }
          const secret = get(props, "configuration.secret");
          if (secret === undefined || secret === "") {
            report(
              "configuration.secret",
              undefined,
              "set the webhook secret to the Receiver's token (the program does): without a signature Flux's github Receiver rejects every delivery",
            );
          }
        },
      },
      contexts,
    ),
  ];
}
