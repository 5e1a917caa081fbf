import assert from "node:assert/strict";
import Ajv from "ajv";
import { parseAllDocuments } from "yaml";
import { renderEnvironment, type RenderedFile } from "../../render/renderEnvironment";
import { releaseForRender, stackConfig } from "./renderSupport";

const teamsAddress = "https://acme.webhook.office.com/webhookb2/RENDER-LEAK-CHECK";
const privateKey = "-----BEGIN RSA PRIVATE KEY-----\nRENDER-LEAK-CHECK\n-----END RSA PRIVATE KEY-----";

/** A stack with the receiver, commit statuses through a GitHub App, and a Teams chat (secrets as the stack file holds them, or decrypted). */
function withNotifications(secure: boolean) {
  const secret = (plaintext: string) => (secure ? { secure: "v1:AAAAencrypted" } : plaintext);
  return (v: Record<string, any>) => {
    v.flux.receiver = {
      hostname: "flux-prod.example.com",
      tls: { keyVaultCertificateUri: "https://kv-certs.vault.azure.net/certificates/flux-prod" },
    };
    v.notifications = {
      commitStatus: true,
      githubApp: { id: 123456, installationId: 7890123, privateKey: secret(privateKey) },
      chat: { type: "msteams", address: secret(teamsAddress) },
    };
  };
}

function objects(files: readonly RenderedFile[]): { file: string; object: any }[] {
  return files
    .flatMap((f) => parseAllDocuments(f.content).map((d) => ({ file: f.path, object: d.toJS() as any })))
    .filter(({ object }) => object);
}

describe("render: notifications and the webhook receiver", function () {
  const { manifests, real } = releaseForRender();
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const schemas = new Map<string, ReturnType<Ajv["compile"]>>();
  for (const text of Object.values(manifests.files)) {
    for (const doc of parseAllDocuments(text)) {
      const crd = doc.toJS() as any;
      if (crd?.kind !== "CustomResourceDefinition" || crd.spec.group !== "notification.toolkit.fluxcd.io") continue;
      for (const version of crd.spec.versions.filter((v: any) => v.served))
        schemas.set(`${crd.spec.group}/${version.name} ${crd.spec.names.kind}`, ajv.compile(version.schema.openAPIV3Schema));
    }
  }

  for (const secure of [true, false]) {
    describe(secure ? "from the encrypted stack file" : "with decrypted values", () => {
      const rendered = renderEnvironment(
        stackConfig("prod", withNotifications(secure), secure ? undefined : new Set(["notifications"])),
        manifests,
      );
      const all = objects(rendered);

      it("renders a github Receiver with its token Secret, an Ingress for webhook-receiver, github and msteams Providers each used by an Alert", () => {
        const notification = all.filter(
          ({ object }) => /^notification\.toolkit\.fluxcd\.io\//.test(object.apiVersion) || object.kind === "Ingress",
        );
        assert.ok(
          notification.every(({ file }) => file === "repos/fleet-infra/clusters/prod/notifications.yaml"),
          "committed, reconciled by Flux",
        );
        const receiver = notification.find(({ object }) => object.kind === "Receiver")?.object;
        assert.equal(receiver.spec.type, "github");
        const tokenSecret = all.find(({ object }) => object.kind === "Secret" && object.metadata.name === receiver.spec.secretRef.name);
        assert.equal(tokenSecret?.file, "cluster/secret-flux-system-github-receiver-token.yaml");
        assert.deepEqual(tokenSecret?.object.stringData, { token: "<redacted>" });
        const ingress = notification.find(({ object }) => object.kind === "Ingress")?.object;
        assert.equal(ingress.spec.rules[0].host, "flux-prod.example.com");
        assert.equal(ingress.spec.rules[0].http.paths[0].backend.service.name, "webhook-receiver");
        const providers = notification.filter(({ object }) => object.kind === "Provider").map(({ object }) => object);
        const alerts = notification.filter(({ object }) => object.kind === "Alert").map(({ object }) => object);
        assert.deepEqual(providers.map((p) => p.spec.type).sort(), ["github", "github", "msteams"]);
        for (const provider of providers) {
          assert.ok(
            alerts.some((a) => a.spec.providerRef.name === provider.metadata.name),
            `${provider.metadata.name} is used by an Alert`,
          );
          assert.ok(
            all.some(({ object }) => object.kind === "Secret" && object.metadata.name === provider.spec.secretRef.name),
            `${provider.metadata.name}'s Secret is applied`,
          );
        }
      });

      it("validates the Receiver, Providers and Alerts against Flux v2.9's served CRD versions", function () {
        if (!real) {
          console.log("      skipped: ../shared/flux/v2.9.0 (the real CRD schemas) is not present");
          this.skip();
        }
        assert.deepEqual([...schemas.keys()].sort(), [
          "notification.toolkit.fluxcd.io/v1 Receiver",
          "notification.toolkit.fluxcd.io/v1beta3 Alert",
          "notification.toolkit.fluxcd.io/v1beta3 Provider",
        ]);
        const checked = all.filter(({ object }) => String(object.apiVersion ?? "").startsWith("notification.toolkit.fluxcd.io/"));
        assert.equal(checked.length, 7, "Receiver, 3 Providers, 3 Alerts");
        for (const { object } of checked) {
          const validate = schemas.get(`${object.apiVersion} ${object.kind}`);
          assert.ok(validate, `${object.apiVersion} ${object.kind} is served by Flux v2.9`);
          assert.ok(validate(object), `${object.kind}/${object.metadata.name}: ${ajv.errorsText(validate.errors)}`);
        }
        const bad = structuredClone(checked.find(({ object }) => object.kind === "Provider")?.object);
        bad.spec.type = "teams";
        assert.equal(schemas.get("notification.toolkit.fluxcd.io/v1beta3 Provider")?.(bad), false, "the schema check can fail");
      });

      it("shows every secret value redacted, keeps the keys, and commits none", () => {
        const secret = (name: string) =>
          all.find(({ object }) => object.kind === "Secret" && object.metadata.name === name)?.object.stringData;
        assert.deepEqual(secret("github-status-credentials"), {
          githubAppID: "123456",
          githubAppInstallationID: "7890123",
          githubAppPrivateKey: "<redacted>",
        });
        assert.deepEqual(secret("chat-address"), { address: "<redacted>" });
        const text = rendered.map((f) => f.content).join("\n");
        assert.doesNotMatch(text, /RENDER-LEAK-CHECK|v1:AAAAencrypted/);
      });
    });
  }
});
