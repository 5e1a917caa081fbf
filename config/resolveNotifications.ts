import { appRoutingIngressClass } from "../generators/notifications/receiver";
import { problem } from "./errors";
import type { RawConfig } from "./schema";
import { SecretValue } from "./secretValue";
import type { NotificationsConfig, ReceiverConfig } from "./types";

const secret = (value: string | { secure: string }) => new SecretValue(typeof value === "string" ? value : undefined);

/** Applies defaults to `flux.receiver` and reports what is missing or contradictory. */
export function resolveReceiver(
  raw: RawConfig,
  clusterMode: "aks" | "existing",
  problems: string[],
  failed: ReadonlySet<string>,
): ReceiverConfig | undefined {
  const r = raw.flux?.receiver;
  if (r === undefined) return undefined;
  const at = (key: string) => ["flux", "receiver", key];
  // A key that failed the schema is reported there already; don't also call it missing.
  const failedUnder = (prefix: string) => [...failed].some((p) => p === prefix || p.startsWith(`${prefix}.`));
  if (r.hostname === undefined && !failedUnder("flux.receiver.hostname")) {
    problems.push(
      problem(
        at("hostname"),
        undefined,
        "is required when flux.receiver is set: the DNS name GitHub posts to, e.g. `pulumi config set --path flux.receiver.hostname flux-dev.example.com`",
      ),
    );
  }
  if (clusterMode === "existing" && r.ingressClassName === undefined && !failedUnder("flux.receiver.ingressClassName")) {
    problems.push(
      problem(
        at("ingressClassName"),
        undefined,
        "is required for a bring-your-own cluster: name the IngressClass that serves the host name (`kubectl get ingressclass`)",
      ),
    );
  }
  const ingressClassName = r.ingressClassName ?? appRoutingIngressClass;
  const appRouting = ingressClassName === appRoutingIngressClass;
  const tlsSources = Object.values(r.tls ?? {}).filter((v) => v !== undefined).length;
  if (tlsSources !== 1 && !failedUnder("flux.receiver.tls")) {
    problems.push(
      problem(
        at("tls"),
        r.tls,
        "must set exactly one of secretName (a kubernetes.io/tls Secret in the Flux namespace) or keyVaultCertificateUri (a Key Vault certificate the application routing add-on syncs); GitHub only delivers to a trusted HTTPS endpoint",
      ),
    );
  }
  if (r.tls?.keyVaultCertificateUri !== undefined && (!appRouting || clusterMode === "existing")) {
    problems.push(
      problem(
        ["flux", "receiver", "tls", "keyVaultCertificateUri"],
        r.tls.keyVaultCertificateUri,
        `needs the application routing add-on of an AKS cluster (ingress class ${appRoutingIngressClass}); with another ingress controller use tls.secretName`,
      ),
    );
  }
  if (r.hostname === undefined || tlsSources !== 1) return undefined;
  const tls =
    r.tls?.secretName !== undefined
      ? { secretName: r.tls.secretName }
      : { keyVaultCertificateUri: r.tls?.keyVaultCertificateUri as string };
  return {
    hostname: r.hostname,
    ingressClassName,
    appRouting: appRouting && clusterMode === "aks",
    tls,
    tokenRotation: r.tokenRotation ?? 0,
  };
}

/** Applies defaults to `notifications` and reports missing credentials and unused ones. */
export function resolveNotifications(raw: RawConfig, problems: string[], failed: ReadonlySet<string>): NotificationsConfig {
  const n = raw.notifications;
  if (n === undefined) return {};
  const ok = (path: string) => !failed.has(path);
  const commitStatus = n.commitStatus ?? false;
  const app = n.githubApp;
  const appSet = app !== undefined && Object.values(app).some((v) => v !== undefined);
  const token = n.githubToken;
  let credentials: NonNullable<NotificationsConfig["commitStatus"]>["credentials"] | undefined;
  if (commitStatus) {
    if (appSet && token !== undefined) {
      problems.push(
        problem(
          ["notifications", "githubToken"],
          token,
          "cannot be combined with notifications.githubApp; keep one way for Flux to set commit statuses",
        ),
      );
    } else if (!appSet && token === undefined) {
      problems.push(
        problem(
          ["notifications", "commitStatus"],
          true,
          "needs credentials that may write commit statuses (never the deploy key): set notifications.githubApp.{id,installationId,privateKey} (a GitHub App with Commit statuses: write) or `pulumi config set --secret --path notifications.githubToken <fine-grained token with Commit statuses: write>`",
        ),
      );
    } else if (appSet) {
      const missing = (["id", "installationId", "privateKey"] as const).filter((k) => app?.[k] === undefined);
      for (const key of missing.filter((k) => ok(`notifications.githubApp.${k}`)))
        problems.push(
          problem(
            ["notifications", "githubApp", key],
            undefined,
            "is required with notifications.githubApp (GitHub App id, installation id and private key)",
          ),
        );
      if (missing.length === 0 && app?.id !== undefined && app.installationId !== undefined && app.privateKey !== undefined) {
        credentials = { kind: "app", appId: app.id, installationId: app.installationId, privateKey: secret(app.privateKey) };
      }
    } else if (token !== undefined) {
      credentials = { kind: "token", token: secret(token) };
    }
  } else {
    if (appSet)
      problems.push(
        problem(
          ["notifications", "githubApp"],
          "<set>",
          "is only used with notifications.commitStatus: true; set that too or remove the credentials",
        ),
      );
    if (token !== undefined)
      problems.push(
        problem(
          ["notifications", "githubToken"],
          token,
          "is only used with notifications.commitStatus: true; set that too or remove the token",
        ),
      );
  }

  const c = n.chat;
  let chat: NotificationsConfig["chat"];
  if (c !== undefined) {
    if (c.type === undefined && ok("notifications.chat.type"))
      problems.push(
        problem(["notifications", "chat", "type"], undefined, "is required with notifications.chat: msteams, slack or generic"),
      );
    if (c.address === undefined && ok("notifications.chat.address"))
      problems.push(
        problem(
          ["notifications", "chat", "address"],
          undefined,
          "is required with notifications.chat: `pulumi config set --secret --path notifications.chat.address <incoming webhook URL>`",
        ),
      );
    if (c.channel !== undefined && c.type !== "slack")
      problems.push(
        problem(
          ["notifications", "chat", "channel"],
          c.channel,
          `is only used by slack (the ${c.type ?? "chosen"} webhook address decides where messages go)`,
        ),
      );
    if (c.type !== undefined && c.address !== undefined) {
      chat = {
        type: c.type,
        address: secret(c.address),
        channel: c.channel,
        eventSeverity: c.eventSeverity ?? "info",
        eventSources: c.eventSources,
      };
    }
  }
  return { ...(credentials !== undefined ? { commitStatus: { credentials } } : {}), ...(chat !== undefined ? { chat } : {}) };
}

/** The controller every option here relies on. */
export function checkNotificationController(raw: RawConfig, components: readonly string[], problems: string[]): void {
  const used = raw.flux?.receiver !== undefined || raw.notifications?.commitStatus === true || raw.notifications?.chat !== undefined;
  if (used && !components.includes("notification-controller")) {
    problems.push(problem(["flux", "components"], components, "must include notification-controller for flux.receiver and notifications"));
  }
}
