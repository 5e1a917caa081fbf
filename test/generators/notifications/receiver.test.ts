import assert from "node:assert/strict";
import {
  githubReceiver,
  receiverTokenSecret,
  receiverWebhookPath,
  receiverWebhookUrl,
  webhookReceiverIngress,
} from "../../../generators/notifications/receiver";

/**
 * Vectors computed by notification-controller itself: `Receiver.GetWebhookPath(token)` of
 * github.com/fluxcd/notification-controller/api v1.9.1 (the controller Flux v2.9.0 ships),
 * run with Go on these names. The first uses the token of the upstream test
 * `TestReceiverReconciler_EventHandler` (internal/controller/receiver_controller_test.go),
 * which asserts `/hook/` + sha256sum(token+name+namespace).
 */
const upstreamVectors: readonly [token: string, name: string, namespace: string, path: string][] = [
  ["test-token", "flux-system", "flux-system", "/hook/fe5c4c8856ddefc41af426c9c440b2985a0d87291cc7a41a4b92ec3ce6e9511f"],
  ["test-token", "github-receiver", "flux-system", "/hook/df3ebadde655d58cd8236886baaaca95ff9c420f4c89e11a5d91965baa0cdf0f"],
  ["s3cr3t-T0ken/with+chars=", "github", "flux-ops", "/hook/676d9521daf1a7477ade9558968959f77bda3d7f54aaaddcbe1fae9e288e0513"],
];

describe("generators/notifications/receiver", () => {
  for (const [token, name, namespace, path] of upstreamVectors) {
    it(`computes the webhook path as notification-controller v1.9.1 does (${name}/${namespace})`, () => {
      assert.equal(receiverWebhookPath(token, name, namespace), path);
    });
  }

  it("changes the path with the token, the name and the namespace (no separator between them)", () => {
    const base = receiverWebhookPath("t", "n", "ns");
    assert.notEqual(receiverWebhookPath("t2", "n", "ns"), base);
    assert.notEqual(receiverWebhookPath("t", "n2", "ns"), base);
    assert.notEqual(receiverWebhookPath("t", "n", "ns2"), base);
    // Upstream concatenates without a separator, so only the joined string matters.
    assert.equal(receiverWebhookPath("tn", "", "ns"), base);
  });

  it("builds the HTTPS URL GitHub posts to", () => {
    assert.equal(
      receiverWebhookUrl("flux.example.com", "test-token", "github-receiver", "flux-system"),
      `https://flux.example.com${upstreamVectors[1][3]}`,
    );
  });

  it("makes a github Receiver for ping and push that reconciles the given GitRepositories", () => {
    assert.deepEqual(
      githubReceiver({
        name: "github-receiver",
        namespace: "flux-system",
        secretName: "github-receiver-token",
        gitRepositories: ["flux-system", "apps"],
      }),
      {
        apiVersion: "notification.toolkit.fluxcd.io/v1",
        kind: "Receiver",
        metadata: { name: "github-receiver", namespace: "flux-system" },
        spec: {
          type: "github",
          events: ["ping", "push"],
          resources: [
            { apiVersion: "source.toolkit.fluxcd.io/v1", kind: "GitRepository", name: "flux-system" },
            { apiVersion: "source.toolkit.fluxcd.io/v1", kind: "GitRepository", name: "apps" },
          ],
          secretRef: { name: "github-receiver-token" },
        },
      },
    );
  });

  it("rejects a Receiver with nothing to reconcile", () => {
    assert.throws(
      () => githubReceiver({ name: "r", namespace: "flux-system", secretName: "s", gitRepositories: [] }),
      /needs at least one GitRepository/,
    );
  });

  it("stores the token under the key notification-controller reads", () => {
    assert.deepEqual(receiverTokenSecret({ name: "github-receiver-token", namespace: "flux-system", token: "abc" }).stringData, {
      token: "abc",
    });
  });

  it("exposes only /hook/ of webhook-receiver on the host name, with a TLS Secret", () => {
    const ingress = webhookReceiverIngress({
      name: "webhook-receiver",
      namespace: "flux-system",
      hostname: "flux.example.com",
      ingressClassName: "nginx",
      tls: { secretName: "flux-tls" },
    });
    assert.deepEqual(ingress.metadata, { name: "webhook-receiver", namespace: "flux-system" });
    assert.deepEqual(ingress.spec, {
      ingressClassName: "nginx",
      rules: [
        {
          host: "flux.example.com",
          http: {
            paths: [{ path: "/hook/", pathType: "Prefix", backend: { service: { name: "webhook-receiver", port: { number: 80 } } } }],
          },
        },
      ],
      tls: [{ hosts: ["flux.example.com"], secretName: "flux-tls" }],
    });
  });

  it("asks the application routing add-on for a Key Vault certificate, in the Secret it syncs to", () => {
    const uri = "https://kv-certs.vault.azure.net/certificates/flux-webhook";
    const ingress = webhookReceiverIngress({
      name: "webhook-receiver",
      namespace: "flux-system",
      hostname: "flux.example.com",
      ingressClassName: "webapprouting.kubernetes.azure.com",
      tls: { keyVaultCertificateUri: uri },
    });
    assert.deepEqual(ingress.metadata.annotations, { "kubernetes.azure.com/tls-cert-keyvault-uri": uri });
    assert.deepEqual((ingress.spec as any).tls, [{ hosts: ["flux.example.com"], secretName: "keyvault-webhook-receiver" }]);
  });
});
