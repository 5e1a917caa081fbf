import assert from "node:assert/strict";
import { createPolicies } from "../policies";
import { resolverForStack } from "./support/engineEnv";
import { mutate, resourceOf } from "./support/mutate";
import { messages, validateAll } from "./support/policyHarness";
import { resourceArgsForStack } from "./support/resourceArgs";

const WEBHOOK = "github:index/repositoryWebhook:RepositoryWebhook";
/** The dev stack with the Flux webhook receiver, as a user would configure it. */
const receiver = { flux: { version: "v2.9.0", receiver: { hostname: "flux-dev.example.com", tls: { secretName: "flux-webhook-tls" } } } };

async function violations(mutations: { path: string; value: unknown }[]): Promise<string[]> {
  const base = await resourceArgsForStack("dev", receiver);
  const outcomes = await validateAll(createPolicies(resolverForStack("dev", receiver)), mutate(base, WEBHOOK, mutations), {}, "dev");
  return messages(outcomes);
}

describe("policy github-webhook-signed-https", () => {
  it("passes the program's webhooks", async () => {
    const base = await resourceArgsForStack("dev", receiver);
    assert.equal(base.filter((r) => r.type === WEBHOOK).length, 2);
    assert.deepEqual(await violations([]), []);
  });

  it("rejects a webhook that skips TLS verification", async () => {
    const name = resourceOf(await resourceArgsForStack("dev", receiver), WEBHOOK).name;
    assert.deepEqual(await violations([{ path: "configuration.insecureSsl", value: true }]), [
      `${WEBHOOK} ${name}: configuration.insecureSsl is true; set insecureSsl to false and give the receiver a trusted certificate (aks-flux-gitops:flux.receiver.tls)`,
    ]);
  });

  it("rejects plain HTTP and an unsigned webhook without showing the URL", async () => {
    const found = await violations([
      { path: "configuration.url", value: "http://flux-dev.example.com/hook/SECRET-DIGEST" },
      { path: "configuration.secret", value: undefined },
    ]);
    assert.equal(found.length, 2);
    assert.match(found[0], /configuration\.url is "http:…"; post to an https:\/\/ URL/);
    assert.match(found[1], /configuration\.secret is unset; set the webhook secret to the Receiver's token/);
    assert.doesNotMatch(found.join("\n"), /SECRET-DIGEST/);
  });
});
