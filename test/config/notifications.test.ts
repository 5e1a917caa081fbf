import assert from "node:assert/strict";
import { ConfigError } from "../../config/errors";
import { resolveValues, stackValues } from "./fixtures";

type Mutation = (v: Record<string, any>) => void;

const credentialPaths = [["githubToken"], ["githubApp", "privateKey"], ["chat", "address"]];

/**
 * How the values arrive: "stack file" as render reads Pulumi.<stack>.yaml, the credentials encrypted as
 * `pulumi config set --secret` leaves them; "engine" decrypted, with `notifications` held secret; "plain text"
 * a stack file with the credentials typed in clear.
 */
type Source = "stack file" | "engine" | "plain text";

function resolve(stack: string, mutate: Mutation, source: Source = "stack file") {
  const values = stackValues(stack);
  mutate(values);
  if (source === "stack file") {
    for (const path of credentialPaths) {
      const parent = path.slice(0, -1).reduce((node, k) => node?.[k], values.notifications);
      if (typeof parent?.[path[path.length - 1]] === "string") parent[path[path.length - 1]] = { secure: "v1:AAAAencrypted" };
    }
  }
  return resolveValues(stack, values, source === "engine" ? new Set(["notifications"]) : undefined);
}

function problems(stack: string, mutate: Mutation, source: Source = "stack file"): readonly string[] {
  try {
    resolve(stack, mutate, source);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return assert.fail("the configuration was accepted");
}

/** Problems when the engine holds exactly `secretKeys` as secrets (values decrypted). */
function problemsUnder(stack: string, mutate: Mutation, secretKeys: ReadonlySet<string>): readonly string[] {
  const values = stackValues(stack);
  mutate(values);
  try {
    resolveValues(stack, values, secretKeys);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return assert.fail("the configuration was accepted");
}

const receiver =
  (extra: Record<string, unknown> = {}): Mutation =>
  (v) =>
    (v.flux.receiver = { hostname: "flux-dev.example.com", tls: { secretName: "flux-tls" }, ...extra });
const secretMarker = "https://acme.webhook.office.com/webhookb2/LEAK-ME-NOT";

const cases: ReadonlyArray<{ name: string; stack?: string; mutate: Mutation; expect: RegExp }> = [
  {
    name: "a receiver without a host name",
    mutate: (v) => (v.flux.receiver = { tls: { secretName: "t" } }),
    expect: /^aks-flux-gitops:flux\.receiver\.hostname: \(missing\) is required when flux\.receiver is set/,
  },
  {
    name: "a receiver host name with a scheme",
    mutate: receiver({ hostname: "https://flux.example.com" }),
    expect: /^aks-flux-gitops:flux\.receiver\.hostname: "https:\/\/flux\.example\.com" must be a DNS host name/,
  },
  {
    name: "a receiver without a certificate",
    mutate: (v) => (v.flux.receiver = { hostname: "flux.example.com" }),
    expect: /^aks-flux-gitops:flux\.receiver\.tls: \(missing\) must set exactly one of secretName .* or keyVaultCertificateUri/,
  },
  {
    name: "a receiver with two certificate sources",
    mutate: receiver({ tls: { secretName: "t", keyVaultCertificateUri: "https://kv1.vault.azure.net/certificates/c" } }),
    expect: /^aks-flux-gitops:flux\.receiver\.tls: .* must set exactly one of/,
  },
  {
    name: "a Key Vault certificate URI of a secret",
    mutate: receiver({ tls: { keyVaultCertificateUri: "https://kv1.vault.azure.net/secrets/c" } }),
    expect: /^aks-flux-gitops:flux\.receiver\.tls\.keyVaultCertificateUri: .* must be a Key Vault certificate URI/,
  },
  {
    name: "a Key Vault certificate with another ingress class",
    mutate: receiver({ ingressClassName: "nginx", tls: { keyVaultCertificateUri: "https://kv1.vault.azure.net/certificates/c" } }),
    expect: /keyVaultCertificateUri: .* needs the application routing add-on/,
  },
  {
    name: "a bring-your-own cluster receiver without an ingress class",
    mutate: (v) => {
      v.cluster = { existingKubeconfig: { secure: "v1:kubeconfig" } };
      receiver()(v);
    },
    expect: /^aks-flux-gitops:flux\.receiver\.ingressClassName: \(missing\) is required for a bring-your-own cluster/,
  },
  {
    name: "a negative token rotation",
    mutate: receiver({ tokenRotation: -1 }),
    expect: /^aks-flux-gitops:flux\.receiver\.tokenRotation: -1 must be an integer from 0 to 1000000$/,
  },
  {
    name: "commit statuses without credentials",
    mutate: (v) => (v.notifications = { commitStatus: true }),
    expect: /^aks-flux-gitops:notifications\.commitStatus: true needs credentials that may write commit statuses \(never the deploy key\)/,
  },
  {
    name: "commit statuses with an App and a token",
    mutate: (v) =>
      (v.notifications = { commitStatus: true, githubToken: "ghp_x", githubApp: { id: 1, installationId: 2, privateKey: "k" } }),
    expect: /^aks-flux-gitops:notifications\.githubToken: <secret> cannot be combined with notifications\.githubApp/,
  },
  {
    name: "a GitHub App without its private key",
    mutate: (v) => (v.notifications = { commitStatus: true, githubApp: { id: 1, installationId: 2 } }),
    expect: /^aks-flux-gitops:notifications\.githubApp\.privateKey: \(missing\) is required with notifications\.githubApp/,
  },
  {
    name: "a GitHub App id that is a name",
    mutate: (v) => (v.notifications = { commitStatus: true, githubApp: { id: "flux-status", installationId: 2, privateKey: "k" } }),
    expect: /^aks-flux-gitops:notifications\.githubApp\.id: "flux-status" must be the numeric GitHub App id/,
  },
  {
    name: "a token without commit statuses",
    mutate: (v) => (v.notifications = { githubToken: "ghp_x" }),
    expect: /^aks-flux-gitops:notifications\.githubToken: <secret> is only used with notifications\.commitStatus: true/,
  },
  {
    name: "a chat without an address",
    mutate: (v) => (v.notifications = { chat: { type: "msteams" } }),
    expect: /^aks-flux-gitops:notifications\.chat\.address: \(missing\) is required with notifications\.chat/,
  },
  {
    name: "an unknown chat type",
    mutate: (v) => (v.notifications = { chat: { type: "teams", address: "x" } }),
    expect: /^aks-flux-gitops:notifications\.chat\.type: "teams" must be one of msteams, slack, generic$/,
  },
  {
    name: "a Teams chat with a channel",
    mutate: (v) => (v.notifications = { chat: { type: "msteams", address: "x", channel: "#ops" } }),
    expect: /^aks-flux-gitops:notifications\.chat\.channel: "#ops" is only used by slack/,
  },
  {
    name: "an unknown severity",
    mutate: (v) => (v.notifications = { chat: { type: "slack", address: "x", eventSeverity: "warning" } }),
    expect: /^aks-flux-gitops:notifications\.chat\.eventSeverity: "warning" must be one of info, error$/,
  },
  {
    name: "an event source of an unknown kind",
    mutate: (v) => (v.notifications = { chat: { type: "slack", address: "x", eventSources: [{ kind: "Deployment", name: "*" }] } }),
    expect:
      /^aks-flux-gitops:notifications\.chat\.eventSources\[0\]\.kind: "Deployment" must be one of Bucket, GitRepository, Kustomization/,
  },
  {
    name: "notifications without notification-controller",
    mutate: (v) => {
      v.flux.components = ["source-controller", "kustomize-controller"];
      v.notifications = { chat: { type: "slack", address: "x" } };
    },
    expect: /^aks-flux-gitops:flux\.components: .* must include notification-controller for flux\.receiver and notifications$/,
  },
];

describe("config: flux.receiver and notifications", () => {
  for (const { name, stack = "dev", mutate, expect } of cases) {
    it(`rejects ${name}`, () => {
      const found = problems(stack, mutate);
      assert.equal(found.length, 1, `exactly one problem expected, got:\n${found.join("\n")}`);
      assert.match(found[0], expect);
    });
  }

  for (const [key, set] of [
    ["notifications.githubToken", (v: Record<string, any>) => (v.notifications = { commitStatus: true, githubToken: "ghp_PLAINTEXT" })],
    [
      "notifications.githubApp.privateKey",
      (v: Record<string, any>) =>
        (v.notifications = { commitStatus: true, githubApp: { id: 1, installationId: 2, privateKey: "-----BEGIN PLAINTEXT" } }),
    ],
    [
      "notifications.chat.address",
      (v: Record<string, any>) => (v.notifications = { chat: { type: "slack", address: "https://PLAINTEXT" } }),
    ],
  ] as const) {
    it(`rejects ${key} in plain text, in a stack file and under the engine, without showing it`, () => {
      const expected = new RegExp(
        `^aks-flux-gitops:${key.replace(/\./g, "\\.")}: <secret> is stored in plain text, .*pulumi config set --secret --path ${key} <value>`,
      );
      for (const source of ["plain text", "engine without the secret flag"] as const) {
        const found = source === "plain text" ? problems("dev", set, "plain text") : problemsUnder("dev", set, new Set<string>());
        assert.equal(found.length, 1, found.join("\n"));
        assert.match(found[0], expected);
        assert.doesNotMatch(found[0], /PLAINTEXT/);
      }
      assert.doesNotThrow(() => resolve("dev", set, "stack file"), "an encrypted value in the stack file is accepted");
      assert.doesNotThrow(() => resolve("dev", set, "engine"), "a decrypted value the engine holds as a secret is accepted");
    });
  }

  it("never prints a chat address, a token or a private key, even in an error", () => {
    const found = problems(
      "dev",
      (v) => {
        v.notifications = {
          githubToken: "ghp_LEAKMENOT",
          githubApp: { id: 1, privateKey: "-----BEGIN LEAKMENOT" },
          chat: { type: "teams", address: secretMarker, bogus: 1 },
        };
      },
      "plain text",
    );
    assert.ok(found.length >= 3);
    assert.doesNotMatch(found.join("\n"), /LEAK-?ME-?NOT/);
  });

  it("defaults the ingress class to AKS's application routing and the token rotation to 0", () => {
    const cfg = resolve("dev", receiver());
    assert.deepEqual(cfg.flux.receiver, {
      hostname: "flux-dev.example.com",
      ingressClassName: "webapprouting.kubernetes.azure.com",
      appRouting: true,
      tls: { secretName: "flux-tls" },
      tokenRotation: 0,
    });
  });

  it("takes another ingress class, and one on a bring-your-own cluster", () => {
    assert.equal(resolve("dev", receiver({ ingressClassName: "nginx" })).flux.receiver?.appRouting, false);
    const byo = resolve("dev", (v) => {
      v.cluster = { existingKubeconfig: { secure: "v1:kubeconfig" } };
      receiver({ ingressClassName: "webapprouting.kubernetes.azure.com" })(v);
    });
    assert.equal(byo.flux.receiver?.appRouting, false, "the program enables the add-on only on a cluster it creates");
  });

  it("resolves commit statuses with an App and a chat with the environment's sources by default", () => {
    const cfg = resolve(
      "prod",
      (v) =>
        (v.notifications = {
          commitStatus: "true",
          githubApp: { id: 123, installationId: "456", privateKey: "pem" },
          chat: { type: "slack", address: "https://hooks.example/x", channel: "ops" },
        }),
      "engine",
    );
    const credentials = cfg.notifications.commitStatus?.credentials;
    assert.equal(credentials?.kind, "app");
    assert.ok(
      credentials?.kind === "app" &&
        credentials.appId === "123" &&
        credentials.installationId === "456" &&
        credentials.privateKey.reveal() === "pem",
    );
    assert.equal(String(credentials?.kind === "app" ? credentials.privateKey : ""), "<secret>");
    assert.equal(cfg.notifications.chat?.eventSeverity, "info");
    assert.equal(cfg.notifications.chat?.eventSources, undefined, "the plan fills in the environment's own objects");
    assert.equal(cfg.notifications.chat?.address.reveal(), "https://hooks.example/x");
  });

  it("leaves shipped stacks without notifications", () => {
    for (const stack of ["dev", "staging", "prod"]) {
      const cfg = resolve(stack, () => undefined);
      assert.deepEqual(cfg.notifications, {});
      assert.equal(cfg.flux.receiver, undefined);
    }
  });
});
