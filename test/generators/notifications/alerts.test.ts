import assert from "node:assert/strict";
import {
  alertObject,
  chatAddressSecret,
  commitStatusExpression,
  githubStatusSecret,
  providerObject,
} from "../../../generators/notifications/alerts";

describe("generators/notifications/alerts", () => {
  it("makes a github Provider for one repository with a per-environment commit status context", () => {
    const provider = providerObject({
      name: "github-status-infra",
      namespace: "flux-system",
      type: "github",
      address: "https://github.com/acme/fleet-infra",
      secretName: "github-status-credentials",
      commitStatusExpr: commitStatusExpression("prod"),
    });
    assert.equal(provider.apiVersion, "notification.toolkit.fluxcd.io/v1beta3");
    assert.deepEqual(provider.spec, {
      type: "github",
      address: "https://github.com/acme/fleet-infra",
      commitStatusExpr: "('flux/prod/' + event.involvedObject.kind + '/' + event.involvedObject.name).lowerAscii()",
      secretRef: { name: "github-status-credentials" },
    });
  });

  it("keeps a chat address out of the Provider: it lives in the Secret under `address`", () => {
    const provider = providerObject({ name: "chat", namespace: "flux-system", type: "msteams", secretName: "chat-address" });
    assert.deepEqual(provider.spec, { type: "msteams", secretRef: { name: "chat-address" } });
    assert.deepEqual(chatAddressSecret({ name: "chat-address", namespace: "flux-system", address: "https://x" }).stringData, {
      address: "https://x",
    });
  });

  it("makes an Alert with severity, sources and metadata", () => {
    const alert = alertObject({
      name: "chat",
      namespace: "flux-system",
      providerName: "chat",
      eventSeverity: "error",
      eventSources: [
        { kind: "Kustomization", name: "apps" },
        { kind: "HelmRelease", name: "*", namespace: "podinfo" },
      ],
      eventMetadata: { environment: "prod" },
    });
    assert.deepEqual(alert.spec, {
      eventMetadata: { environment: "prod" },
      eventSeverity: "error",
      eventSources: [
        { kind: "Kustomization", name: "apps" },
        { kind: "HelmRelease", name: "*", namespace: "podinfo" },
      ],
      providerRef: { name: "chat" },
    });
  });

  it("rejects an Alert without sources", () => {
    assert.throws(
      () => alertObject({ name: "a", namespace: "n", providerName: "p", eventSeverity: "info", eventSources: [] }),
      /at least one event source/,
    );
  });

  it("writes GitHub App credentials under the keys fluxcd/pkg auth/githubapp reads, with the API base on GitHub Enterprise Server", () => {
    const app = { kind: "app" as const, appId: "123", installationId: "456", privateKey: "-----BEGIN RSA PRIVATE KEY-----\n..." };
    assert.deepEqual(githubStatusSecret({ name: "s", namespace: "flux-system", hostname: "github.com", credentials: app }).stringData, {
      githubAppID: "123",
      githubAppInstallationID: "456",
      githubAppPrivateKey: app.privateKey,
    });
    assert.equal(
      (githubStatusSecret({ name: "s", namespace: "flux-system", hostname: "github.example.com", credentials: app }).stringData as any)
        .githubAppBaseURL,
      "https://github.example.com/api/v3",
    );
    assert.deepEqual(
      githubStatusSecret({ name: "s", namespace: "flux-system", hostname: "github.com", credentials: { kind: "token", token: "t" } })
        .stringData,
      { token: "t" },
    );
  });

  it("rejects an environment name that cannot be quoted in CEL", () => {
    assert.throws(() => commitStatusExpression("pr'od"), /cannot be quoted/);
  });
});
