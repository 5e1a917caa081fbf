import assert from "node:assert/strict";
import { createPolicies } from "../policies";
import { resolverForStack } from "./support/engineEnv";
import { validateAll } from "./support/policyHarness";
import { resourceArgsForStack } from "./support/resourceArgs";

const imageAutomation = { version: "v2.9.0", componentsExtra: ["image-reflector-controller", "image-automation-controller"] };

describe("github-deploy-key-read-only with github.appsKeyReadWrite", () => {
  it("passes the writable apps key the program registers when image automation pushes to the apps repository", async () => {
    const overrides = { flux: imageAutomation, github: { owner: "acme-platform", infraRepository: "fleet-infra", appsRepository: "fleet-apps", appsKeyReadWrite: true } };
    const resources = await resourceArgsForStack("staging", overrides);
    const keys = resources.filter((r) => r.type === "github:index/repositoryDeployKey:RepositoryDeployKey");
    assert.deepEqual(keys.map((k) => [k.inputs.repository, k.inputs.readOnly]), [["fleet-infra", false], ["fleet-apps", false]]);
    const outcomes = await validateAll(createPolicies(resolverForStack("staging", overrides)), resources, {}, "staging");
    assert.deepEqual(outcomes.filter((o) => o.policy === "github-deploy-key-read-only").flatMap((o) => o.violations), []);
  });
});
