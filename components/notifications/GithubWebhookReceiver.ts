import * as github from "@pulumi/github";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { receiverWebhookUrl } from "../../generators/notifications/receiver";

export interface GithubWebhookReceiverArgs {
  /** Name and namespace of the Flux Receiver: with the token, they make its webhook path. */
  readonly receiverName: string;
  readonly receiverNamespace: string;
  /** Host name the webhook-receiver Ingress serves over HTTPS. */
  readonly hostname: string;
  /** Repositories (names, without owner) that get a webhook. */
  readonly repositories: readonly string[];
  /** Token generation (`flux.receiver.tokenRotation`): bump it for a new token; the Secret and every webhook follow in the same update. */
  readonly tokenRotation: number;
  /** The GitHub provider for the repositories' owner and host. */
  readonly githubProvider: github.Provider;
}

/**
 * The shared token of a Flux `github` Receiver, generated here (a Pulumi secret, never
 * in Git), and a webhook on each repository that posts `push` events as JSON to
 * `https://<hostname>/hook/<sha256(token+name+namespace)>`, signed with the token.
 */
export class GithubWebhookReceiver extends pulumi.ComponentResource {
  /** The token for the Receiver's Secret (key `token`). Secret. */
  readonly token: pulumi.Output<string>;
  /** The URL every webhook posts to. Secret: it is derived from the token. */
  readonly webhookUrl: pulumi.Output<string>;
  readonly webhooks: github.RepositoryWebhook[];

  constructor(name: string, args: GithubWebhookReceiverArgs, opts?: pulumi.ComponentResourceOptions) {
    super("aks-flux-gitops:notifications:GithubWebhookReceiver", name, {}, opts);
    // Letters and digits only: the token travels in a Secret and GitHub's form, never needs escaping.
    const token = new random.RandomPassword(
      `${name}-token`,
      { length: 40, special: false, keepers: { rotation: String(args.tokenRotation) } },
      { parent: this, additionalSecretOutputs: ["result", "bcryptHash"] },
    );
    this.token = pulumi.secret(token.result);
    this.webhookUrl = pulumi.secret(
      token.result.apply((t) => receiverWebhookUrl(args.hostname, t, args.receiverName, args.receiverNamespace)),
    );
    this.webhooks = args.repositories.map(
      (repository) =>
        new github.RepositoryWebhook(
          `${name}-${repository}`,
          {
            repository,
            active: true,
            events: ["push"],
            configuration: { url: this.webhookUrl, contentType: "json", insecureSsl: false, secret: this.token },
          },
          { parent: this, provider: args.githubProvider },
        ),
    );
    this.registerOutputs({ webhookUrl: this.webhookUrl });
  }
}
