import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ContextResolver, policyPackConfigFor, stackContextFromEngine } from "../environment";
import { createPolicies } from "../policies";
import { stackPolicyConfig } from "../stack-policy-config";
import { engineEnvFor, resolverFor } from "./support/engineEnv";
import { projectRoot, stacks } from "./support/resourceArgs";

const expectedProfile = { dev: "development", staging: "production", prod: "production" } as const;

describe("environment: how the pack knows the stack it judges", () => {
  describe("from the configuration the engine passes (PULUMI_NODEJS_STACK, PULUMI_CONFIG)", () => {
    for (const stack of stacks) {
      it(`resolves ${stack} exactly as the program does`, () => {
        const lookup = stackContextFromEngine(engineEnvFor(stack), projectRoot);
        assert.ok(lookup.context, lookup.note);
        assert.equal(lookup.context.source, "stack-config");
        assert.equal(lookup.context.environment, stack);
        assert.equal(lookup.context.profile, expectedProfile[stack]);
        assert.equal(lookup.context.fluxNamespace, "flux-system");
        assert.equal(lookup.context.imageAutomation, false);
        assert.equal(lookup.context.networkPolicy, true);
        assert.equal(lookup.context.infraRepository, "fleet-infra");
      });
    }

    it("accepts structured values and the legacy `<project>:config:<key>` spelling", () => {
      for (const env of [engineEnvFor("prod", { encoding: "objects" }), engineEnvFor("prod", { legacyKeys: true })]) {
        const lookup = stackContextFromEngine(env, projectRoot);
        assert.equal(lookup.context?.profile, "production", lookup.note);
        assert.equal(lookup.context?.source, "stack-config");
      }
    });

    it("strips an organization and project qualifier from the stack name", () => {
      const lookup = stackContextFromEngine(engineEnvFor("dev", { stackName: "acme/aks-flux-gitops/dev" }), projectRoot);
      assert.equal(lookup.context?.environment, "dev");
      assert.equal(lookup.context?.profile, "development");
    });

    it("follows the profile rule of config/defaults.ts, not the stack name", () => {
      const overridden = stackContextFromEngine(engineEnvFor("prod", { overrides: { profile: "development" } }), projectRoot);
      assert.equal(overridden.context?.profile, "development");
      // A production-profile environment needs its own authorized ranges (the program refuses an open API server).
      const renamedOverrides = { environment: "sandbox", cluster: { authorizedIpRanges: ["52.174.0.0/24"] } };
      const renamed = stackContextFromEngine(engineEnvFor("dev", { overrides: renamedOverrides }), projectRoot);
      assert.equal(renamed.context?.environment, "sandbox");
      assert.equal(renamed.context?.profile, "production");
    });

    it("reads flux.namespace, flux.networkPolicy and image automation from the stack", () => {
      const lookup = stackContextFromEngine(
        engineEnvFor("staging", {
          overrides: {
            flux: {
              version: "v2.9.0",
              namespace: "gitops",
              networkPolicy: false,
              componentsExtra: ["image-reflector-controller", "image-automation-controller"],
            },
          },
        }),
        projectRoot,
      );
      assert.equal(lookup.context?.fluxNamespace, "gitops");
      assert.equal(lookup.context?.networkPolicy, false);
      assert.equal(lookup.context?.imageAutomation, true);
    });
  });

  describe("fallbacks", () => {
    it("reads Pulumi.<stack>.yaml from the project directory when the engine passes no configuration", () => {
      const { PULUMI_CONFIG: _omitted, ...env } = engineEnvFor("prod");
      const lookup = stackContextFromEngine(env, projectRoot);
      assert.equal(lookup.context?.source, "stack-file");
      assert.equal(lookup.context?.profile, "production");
      assert.match(lookup.note, /Pulumi\.prod\.yaml$/);
    });

    it("rejects a stack file of another project", () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-env-"));
      try {
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: other-project\nruntime: nodejs\n");
        fs.copyFileSync(path.join(projectRoot, "Pulumi.prod.yaml"), path.join(dir, "Pulumi.prod.yaml"));
        const { PULUMI_CONFIG: _omitted, ...env } = engineEnvFor("prod");
        const lookup = stackContextFromEngine(env, dir);
        assert.equal(lookup.context, undefined);
        assert.match(lookup.note, /is not a stack file of aks-flux-gitops/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it("rejects the configuration of another project", () => {
      const lookup = stackContextFromEngine({ ...engineEnvFor("prod"), PULUMI_NODEJS_PROJECT: "other-project" }, projectRoot);
      assert.equal(lookup.context, undefined);
      assert.equal(lookup.note, "project other-project is not aks-flux-gitops: its stack configuration means nothing to this pack");
    });

    it("rejects a configuration that does not resolve, and says why", () => {
      const lookup = stackContextFromEngine(engineEnvFor("prod", { overrides: { azure: { location: "mars-north" } } }), projectRoot);
      assert.equal(lookup.context, undefined);
      assert.match(
        lookup.note,
        /^stack prod: its configuration does not resolve \(aks-flux-gitops:azure\.location: "mars-north" is not an Azure region name/,
      );
    });

    it("knows nothing outside pulumi preview/up", () => {
      const lookup = stackContextFromEngine({}, projectRoot);
      assert.equal(lookup.context, undefined);
      assert.match(lookup.note, /^no stack name in the environment/);
    });

    it("uses the policy pack configuration when the stack's is not available", () => {
      const resolver = resolverFor({});
      const context = resolver.resolve(
        {
          environment: "qa",
          profile: "development",
          fluxNamespace: "gitops",
          imageAutomation: true,
          networkPolicy: false,
          infraRepository: "infra",
        },
        "prod",
      );
      assert.deepEqual(
        { ...context, origin: undefined },
        {
          environment: "qa",
          profile: "development",
          fluxNamespace: "gitops",
          imageAutomation: true,
          networkPolicy: false,
          infraRepository: "infra",
          source: "policy-config",
          origin: undefined,
        },
      );
      assert.equal(resolver.resolve({ environment: "dev" }).profile, "development");
      assert.equal(resolver.resolve({ environment: "perf" }).profile, "production");
      assert.equal(resolver.resolve({ fluxNamespace: "gitops" }).profile, "production");
    });

    it("then the resource's environment tag, then the production defaults", () => {
      const resolver = resolverFor({});
      const tagged = resolver.resolve({}, "dev");
      assert.equal(tagged.source, "resource-tag");
      assert.equal(tagged.profile, "development");
      const unknown = resolver.resolve({}, undefined);
      assert.equal(unknown.source, "default");
      assert.equal(unknown.profile, "production");
      assert.equal(unknown.fluxNamespace, "flux-system");
      assert.equal(unknown.imageAutomation, false);
      assert.equal(unknown.networkPolicy, true);
    });

    it("prefers the stack's own configuration over policy configuration and tags", () => {
      const resolver = resolverFor(engineEnvFor("prod"));
      const context = resolver.resolve({ environment: "dev", profile: "development" }, "dev");
      assert.equal(context.source, "stack-config");
      assert.equal(context.profile, "production");
    });
  });

  describe("policy pack configuration files", () => {
    it("gives every policy the stack's context", () => {
      const names = createPolicies(new ContextResolver({ note: "" })).map((p) => p.name);
      const config = stackPolicyConfig("dev", projectRoot);
      assert.deepEqual(Object.keys(config), names);
      for (const name of names) {
        assert.deepEqual(config[name], {
          environment: "dev",
          profile: "development",
          fluxNamespace: "flux-system",
          imageAutomation: false,
          networkPolicy: true,
          infraRepository: "fleet-infra",
        });
      }
    });

    it("round-trips through the resolver", () => {
      const context = stackContextFromEngine(engineEnvFor("staging"), projectRoot).context;
      assert.ok(context);
      const config = policyPackConfigFor(context, ["aks-standard-tier"]);
      const back = resolverFor({}).resolve(config["aks-standard-tier"]);
      assert.deepEqual({ ...back, source: context.source, origin: context.origin }, context);
    });
  });
});
