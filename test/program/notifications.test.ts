import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { parseAllDocuments } from "yaml";
import { isSecretInput, unwrapSecrets, type RecordedResource } from "../support/mockMonitor";
import { runProgram, type ProgramRun } from "../support/programHarness";

const webhookType = "github:index/repositoryWebhook:RepositoryWebhook";
const teamsAddress = "https://acme.webhook.office.com/webhookb2/0f1e2d3c-teams-address-SECRET";
const githubToken = "github_pat_11ABCDEFG0commitstatusonlySECRET";

/** A stack with the webhook receiver, commit statuses (token) and a Teams channel. */
export function withNotifications(v: Record<string, any>): void {
  v.flux.receiver = { hostname: "flux-dev.example.com", tls: { secretName: "flux-webhook-tls" } };
  v.notifications = { commitStatus: true, githubToken, chat: { type: "msteams", address: teamsAddress } };
}

function clusterSecret(run: ProgramRun, name: string): RecordedResource {
  const found = run.recorder.ofType("kubernetes:core/v1:Secret").find((r) => (r.inputs.metadata as { name: string }).name === name);
  assert.ok(found, `Secret ${name} is applied`);
  return found;
}

function committed(run: ProgramRun, path: string): string {
  const file = run.recorder.ofType("github:index/repositoryFile:RepositoryFile").find((r) => r.inputs.file === path);
  assert.ok(file, `${path} is committed`);
  return String(file.inputs.content);
}

describe("program: notifications and the webhook receiver", () => {
  for (const layout of ["two repositories", "monorepo"] as const) {
    describe(`dev, ${layout}`, () => {
      let run: ProgramRun;
      before(async () => {
        run = await runProgram({
          stack: "dev",
          mutate: (v) => {
            withNotifications(v);
            if (layout === "monorepo") delete v.github.appsRepository;
          },
        });
        assert.equal(run.error, undefined, run.error?.stack);
      });

      it("registers one JSON push webhook per repository at https://<hostname>/hook/<64 hex>, signed with the token (a Pulumi secret)", () => {
        const webhooks = run.recorder.ofType(webhookType);
        assert.deepEqual(
          webhooks.map((w) => w.inputs.repository),
          layout === "monorepo" ? ["fleet-infra"] : ["fleet-infra", "fleet-apps"],
        );
        const token = (unwrapSecrets(clusterSecret(run, "github-receiver-token").inputs.stringData) as Record<string, string>).token;
        assert.match(token, /^[A-Za-z0-9]{40}$/);
        for (const webhook of webhooks) {
          const raw = webhook.inputs.configuration as Record<string, unknown>;
          assert.ok(isSecretInput(raw.secret), "the webhook secret is a Pulumi secret");
          assert.ok(isSecretInput(raw.url), "the URL (derived from the token) is a Pulumi secret");
          const configuration = unwrapSecrets(raw) as Record<string, unknown>;
          assert.match(String(configuration.url), /^https:\/\/flux-dev\.example\.com\/hook\/[0-9a-f]{64}$/);
          // notification-controller: sha256(token + name + namespace), see test/generators/notifications/receiver.test.ts.
          const digest = createHash("sha256").update(`${token}github-receiverflux-system`).digest("hex");
          assert.equal(configuration.url, `https://flux-dev.example.com/hook/${digest}`);
          assert.equal(configuration.contentType, "json");
          assert.equal(configuration.insecureSsl, false);
          assert.equal(configuration.secret, token, "GitHub signs payloads with the Receiver's token");
          assert.deepEqual(webhook.inputs.events, ["push"]);
          assert.equal(webhook.inputs.active, true);
          assert.ok(webhook.options.provider.includes("pulumi:providers:github::github"), "the stack's GitHub provider");
        }
      });

      it("commits the Receiver, Ingress, Providers and Alerts to clusters/dev/notifications.yaml", () => {
        const objects = parseAllDocuments(committed(run, "clusters/dev/notifications.yaml")).map((d) => d.toJS());
        const kinds = objects.map((o) => `${o.kind}/${o.metadata.name}`);
        assert.deepEqual(kinds, [
          "Receiver/github-receiver",
          "Ingress/webhook-receiver",
          "Provider/github-status-infra",
          "Alert/github-status-infra",
          ...(layout === "monorepo" ? [] : ["Provider/github-status-apps", "Alert/github-status-apps"]),
          "Provider/chat",
          "Alert/chat",
        ]);
        const receiver = objects[0];
        assert.deepEqual(
          receiver.spec.resources.map((r: any) => r.name),
          layout === "monorepo" ? ["flux-system"] : ["flux-system", "apps"],
        );
        const infraStatus = objects.find((o) => o.kind === "Provider" && o.metadata.name === "github-status-infra");
        assert.equal(infraStatus.spec.address, "https://github.com/acme-platform/fleet-infra");
        const statusAlert = objects.find((o) => o.kind === "Alert" && o.metadata.name === "github-status-infra");
        assert.deepEqual(
          statusAlert.spec.eventSources.map((s: any) => s.name),
          layout === "monorepo" ? ["flux-system", "infrastructure", "apps"] : ["flux-system", "infrastructure"],
        );
      });

      it("keeps every secret value in cluster Secrets only: never in Git, never in a plain output", () => {
        const token = (unwrapSecrets(clusterSecret(run, "github-receiver-token").inputs.stringData) as Record<string, string>).token;
        for (const name of ["github-receiver-token", "github-status-credentials", "chat-address"]) {
          assert.ok(isSecretInput(clusterSecret(run, name).inputs.stringData), `${name} data is a Pulumi secret`);
        }
        assert.deepEqual(unwrapSecrets(clusterSecret(run, "github-status-credentials").inputs.stringData), { token: githubToken });
        assert.deepEqual(unwrapSecrets(clusterSecret(run, "chat-address").inputs.stringData), { address: teamsAddress });
        const values = [token, githubToken, teamsAddress];
        for (const file of run.recorder.ofType("github:index/repositoryFile:RepositoryFile")) {
          for (const value of values) assert.ok(!String(file.inputs.content).includes(value), `${file.inputs.file} holds no secret`);
        }
        for (const [key, output] of Object.entries(run.outputs)) {
          if (run.secretOutputs.has(key)) continue;
          for (const value of values) assert.ok(!JSON.stringify(output).includes(value), `plain output ${key} holds no secret`);
        }
        assert.ok(run.secretOutputs.has("receiverWebhookUrl"), "the webhook URL output is a secret");
        assert.match(run.outputs.receiverWebhookUrl, /^https:\/\/flux-dev\.example\.com\/hook\/[0-9a-f]{64}$/);
      });
    });
  }

  it("enables AKS's application routing add-on for the default ingress class, and the Key Vault provider for a Key Vault certificate", async () => {
    const plain = await runProgram({ stack: "dev" });
    const cluster = (r: ProgramRun) => r.recorder.ofType("azure-native:containerservice:ManagedCluster")[0].inputs as Record<string, any>;
    assert.equal(cluster(plain).ingressProfile, undefined, "nothing changes for a stack without a receiver");
    const run = await runProgram({
      stack: "dev",
      mutate: (v) =>
        (v.flux.receiver = {
          hostname: "flux-dev.example.com",
          tls: { keyVaultCertificateUri: "https://kv-certs.vault.azure.net/certificates/flux-dev" },
        }),
    });
    assert.equal(run.error, undefined, run.error?.stack);
    assert.deepEqual(cluster(run).ingressProfile, { webAppRouting: { enabled: true } });
    assert.deepEqual(cluster(run).addonProfiles.azureKeyvaultSecretsProvider, { enabled: true, config: { enableSecretRotation: "true" } });
    const [, ingress] = parseAllDocuments(committed(run, "clusters/dev/notifications.yaml")).map((d) => d.toJS());
    assert.equal(
      ingress.metadata.annotations["kubernetes.azure.com/tls-cert-keyvault-uri"],
      "https://kv-certs.vault.azure.net/certificates/flux-dev",
    );
    assert.deepEqual(ingress.spec.tls, [{ hosts: ["flux-dev.example.com"], secretName: "keyvault-webhook-receiver" }]);
  });

  it("rotates the token with flux.receiver.tokenRotation: Secret and webhooks change, their names do not", async () => {
    const before = await runProgram({ stack: "dev", mutate: withNotifications });
    const after = await runProgram({
      stack: "dev",
      mutate: (v) => {
        withNotifications(v);
        v.flux.receiver.tokenRotation = 1;
      },
    });
    const url = (r: ProgramRun) => (unwrapSecrets(r.recorder.ofType(webhookType)[0].inputs.configuration) as { url: string }).url;
    assert.notEqual(url(before), url(after));
    assert.deepEqual(
      after.recorder.ofType(webhookType).map((w) => w.name),
      before.recorder.ofType(webhookType).map((w) => w.name),
    );
    assert.deepEqual(
      after.recorder.ofType(webhookType).map((w) => w.name),
      ["receiver-fleet-infra", "receiver-fleet-apps"],
    );
  });

  it("registers no webhook and commits no notifications file without the options", async () => {
    const run = await runProgram({ stack: "prod" });
    assert.equal(run.recorder.ofType(webhookType).length, 0);
    assert.equal(
      run.recorder.ofType("github:index/repositoryFile:RepositoryFile").filter((f) => String(f.inputs.file).endsWith("notifications.yaml"))
        .length,
      0,
    );
    assert.equal(run.outputs.receiverWebhookUrl, undefined);
  });
});
