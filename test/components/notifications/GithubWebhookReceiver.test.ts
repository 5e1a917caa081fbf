import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import type { GithubWebhookReceiver as ReceiverType } from "../../../components/notifications/GithubWebhookReceiver";
import { githubProvider, recordComponent, usesProvider } from "../../support/componentHarness";
import { isSecretInput, unwrapSecrets, valueOf, type ResourceRecorder } from "../../support/mockMonitor";
import { types as T } from "../../support/resourceTypes";

async function receivers(rotations: Record<string, number>) {
  return recordComponent(async () => {
    const { GithubWebhookReceiver } = await import("../../../components/notifications/GithubWebhookReceiver");
    const provider = await githubProvider();
    return Object.fromEntries(
      Object.entries(rotations).map(([name, tokenRotation]) => [
        name,
        new GithubWebhookReceiver(name, {
          receiverName: "github-receiver",
          receiverNamespace: "flux-system",
          hostname: "flux-dev.example.com",
          repositories: ["fleet-infra", "fleet-apps"],
          tokenRotation,
          githubProvider: provider,
        }),
      ]),
    );
  });
}

describe("components/notifications/GithubWebhookReceiver", () => {
  let recorder: ResourceRecorder;
  let receiver: Record<string, ReceiverType>;

  before(async () => {
    ({ recorder, value: receiver } = await receivers({ receiver: 0, rotated: 1 }));
  });

  it("generates a 40-character letters-and-digits token kept secret in state, keyed to the rotation", () => {
    const token = recorder.get(T.randomPassword, "receiver-token");
    assert.equal(token.options.parent, recorder.get(T.githubWebhookReceiver, "receiver").urn);
    assert.deepEqual([token.inputs.length, token.inputs.special, token.inputs.keepers], [40, false, { rotation: "0" }]);
    assert.ok(token.options.additionalSecretOutputs.includes("result"));
    assert.deepEqual(recorder.get(T.randomPassword, "rotated-token").inputs.keepers, { rotation: "1" });
  });

  it("a rotation bump is a new token, so a new webhook path", async () => {
    const [before, after] = [await valueOf(receiver.receiver.token), await valueOf(receiver.rotated.token)];
    assert.match(before, /^[A-Za-z0-9]{40}$/);
    assert.notEqual(before, after);
    assert.notEqual(await valueOf(receiver.receiver.webhookUrl), await valueOf(receiver.rotated.webhookUrl));
  });

  it("posts to https://<hostname>/hook/<sha256(token + name + namespace)>, as Flux's Receiver serves it; the URL and token are secrets", async () => {
    const token = await valueOf(receiver.receiver.token);
    const digest = createHash("sha256").update(`${token}github-receiverflux-system`).digest("hex");
    assert.equal(await valueOf(receiver.receiver.webhookUrl), `https://flux-dev.example.com/hook/${digest}`);
    assert.equal(await pulumi.isSecret(receiver.receiver.webhookUrl), true);
    assert.equal(await pulumi.isSecret(receiver.receiver.token), true);
  });

  it("adds one signed JSON push webhook per repository, named after it, through the GitHub provider, with its URL and secret as secrets", async () => {
    const provider = recorder.get(T.githubProvider, "github");
    const hooks = recorder.ofType(T.repositoryWebhook).filter((h) => h.name.startsWith("receiver-"));
    assert.deepEqual(
      hooks.map((h) => [h.name, h.inputs.repository]),
      [
        ["receiver-fleet-infra", "fleet-infra"],
        ["receiver-fleet-apps", "fleet-apps"],
      ],
    );
    for (const hook of hooks) {
      assert.ok(usesProvider(hook, provider.urn));
      assert.deepEqual([hook.inputs.active, hook.inputs.events], [true, ["push"]]);
      const configuration = hook.inputs.configuration as Record<string, unknown>;
      assert.ok(isSecretInput(configuration.url) && isSecretInput(configuration.secret), "url and secret travel as secrets");
      assert.deepEqual(unwrapSecrets(configuration), {
        url: await valueOf(receiver.receiver.webhookUrl),
        contentType: "json",
        insecureSsl: false,
        secret: await valueOf(receiver.receiver.token),
      });
    }
  });
});
