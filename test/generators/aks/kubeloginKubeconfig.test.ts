import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import {
  aksAadServerAppId,
  kubeloginExec,
  kubeloginExecApiVersion,
  kubeloginKubeconfig,
  userKubeconfigFromCredentials,
} from "../../../generators/aks/kubeloginKubeconfig";
import { requireTool, runTool } from "../../support/realTools";
import { aksUserKubeconfig, legacyAzureAuthProviderKubeconfig, staticCredentialKubeconfig, tenantId } from "../../support/aksKubeconfigs";

type Kubeconfig = {
  clusters: { name: string; cluster: Record<string, unknown> }[];
  contexts: unknown[];
  "current-context"?: string;
  users: { name: string; user: Record<string, unknown> & { exec?: Record<string, unknown> & { args: string[] } } }[];
};
const parsed = (text: string) => parse(text) as Kubeconfig;
const otherTenant = "11111111-2222-3333-4444-555555555555";

describe("generators/aks/kubeloginKubeconfig kubeloginExec", () => {
  const server = ["get-token", "--login"];
  const cases: { title: string; options: Parameters<typeof kubeloginExec>[0]; args: string[] }[] = [
    {
      title: "azurecli: server id only, never a tenant (the az login session decides it)",
      options: { mode: "azurecli", tenantId, environment: "AzurePublicCloud" },
      args: [...server, "azurecli", "--server-id", aksAadServerAppId],
    },
    {
      title: "workloadidentity: server id and tenant; client id comes from AZURE_CLIENT_ID",
      options: { mode: "workloadidentity", tenantId },
      args: [...server, "workloadidentity", "--server-id", aksAadServerAppId, "--tenant-id", tenantId],
    },
    {
      title: "workloadidentity without a tenant leaves it to AZURE_TENANT_ID",
      options: { mode: "workloadidentity" },
      args: [...server, "workloadidentity", "--server-id", aksAadServerAppId],
    },
    {
      title: "spn: server id, cloud environment and tenant; no client secret",
      options: { mode: "spn", tenantId, environment: "AzurePublicCloud" },
      args: [...server, "spn", "--server-id", aksAadServerAppId, "--environment", "AzurePublicCloud", "--tenant-id", tenantId],
    },
    {
      title: "a given server id wins",
      options: { mode: "azurecli", serverId: "00000000-0000-0000-0000-000000000001" },
      args: [...server, "azurecli", "--server-id", "00000000-0000-0000-0000-000000000001"],
    },
  ];
  for (const c of cases) {
    it(c.title, () => {
      const exec = kubeloginExec(c.options);
      assert.deepEqual(exec.args, c.args);
      assert.equal(exec.command, "kubelogin");
      assert.equal(exec.apiVersion, "client.authentication.k8s.io/v1beta1");
      assert.equal(exec.provideClusterInfo, false);
      assert.match(exec.installHint, /az aks install-cli/);
      assert.match(exec.installHint, /azure\/use-kubelogin/);
    });
  }

  it("tells each mode what it needs in the install hint", () => {
    assert.match(kubeloginExec({ mode: "azurecli" }).installHint, /az login/);
    assert.match(kubeloginExec({ mode: "workloadidentity" }).installHint, /AZURE_CLIENT_ID/);
    assert.match(kubeloginExec({ mode: "spn", tenantId }).installHint, /AZURE_CLIENT_SECRET/);
  });

  it("rejects spn without a tenant id", () => {
    assert.throws(() => kubeloginExec({ mode: "spn" }), /kubelogin login mode spn needs the Entra ID tenant id/);
  });
});

describe("generators/aks/kubeloginKubeconfig kubeloginKubeconfig", () => {
  for (const mode of ["azurecli", "workloadidentity", "spn"] as const) {
    it(`rewrites the AKS user kubeconfig to kubelogin --login ${mode}`, () => {
      const out = parsed(kubeloginKubeconfig(aksUserKubeconfig(), { mode, tenantId }));
      assert.equal(out.users.length, 1);
      const exec = out.users[0].user.exec;
      assert.ok(exec);
      assert.deepEqual(Object.keys(out.users[0].user), ["exec"]);
      assert.equal(exec.command, "kubelogin");
      assert.equal(exec.apiVersion, kubeloginExecApiVersion);
      assert.deepEqual(exec.args.slice(0, 5), ["get-token", "--login", mode, "--server-id", aksAadServerAppId]);
      assert.ok(!exec.args.includes("devicecode") && !exec.args.includes("--client-id"), "the AKS devicecode client must not survive");
    });
  }

  it("keeps clusters, contexts and the current context as AKS returned them", () => {
    const input = parsed(aksUserKubeconfig());
    const out = parsed(kubeloginKubeconfig(aksUserKubeconfig(), { mode: "azurecli" }));
    assert.deepEqual(out.clusters, input.clusters);
    assert.deepEqual(out.contexts, input.contexts);
    assert.equal(out["current-context"], "aks-dev");
    assert.equal(out.users[0].name, input.users[0].name);
  });

  it("takes the tenant and cloud from the input when none is given", () => {
    const out = parsed(kubeloginKubeconfig(aksUserKubeconfig(), { mode: "spn" }));
    assert.deepEqual(out.users[0].user.exec?.args.slice(5), ["--environment", "AzurePublicCloud", "--tenant-id", tenantId]);
  });

  it("prefers the given tenant over the input's", () => {
    const out = parsed(kubeloginKubeconfig(aksUserKubeconfig(), { mode: "workloadidentity", tenantId: otherTenant }));
    assert.deepEqual(out.users[0].user.exec?.args.slice(5), ["--tenant-id", otherTenant]);
  });

  it("converts the legacy azure auth-provider format, keeping its cloud", () => {
    const out = parsed(kubeloginKubeconfig(legacyAzureAuthProviderKubeconfig, { mode: "spn" }));
    assert.deepEqual(out.users[0].user, {
      exec: {
        apiVersion: kubeloginExecApiVersion,
        command: "kubelogin",
        args: [
          "get-token",
          "--login",
          "spn",
          "--server-id",
          aksAadServerAppId,
          "--environment",
          "AzureChinaCloud",
          "--tenant-id",
          tenantId,
        ],
        installHint: out.users[0].user.exec?.installHint,
        provideClusterInfo: false,
      },
    });
  });

  it("drops static credentials: no certificate, key or token survives", () => {
    const text = kubeloginKubeconfig(staticCredentialKubeconfig, { mode: "workloadidentity", tenantId });
    assert.doesNotMatch(text, /client-certificate-data|client-key-data|token:|Q0VSVA==|0123456789abcdef/);
    assert.match(text, /command: kubelogin/);
  });

  const malformed: { title: string; text: string; message: RegExp }[] = [
    {
      title: "text that is not YAML",
      text: "apiVersion: v1\nclusters: [\n",
      message: /kubeconfig is not valid YAML \([A-Z_]+ at line \d+, column \d+\)/,
    },
    { title: "a YAML list", text: "- a\n- b\n", message: /kubeconfig is not a YAML mapping/ },
    { title: "an empty document", text: "", message: /kubeconfig is not a YAML mapping/ },
    { title: "another kind", text: "apiVersion: v1\nkind: Pod\nclusters: []\n", message: /kubeconfig has kind "Pod", expected Config/ },
    { title: "no clusters", text: "apiVersion: v1\nkind: Config\nusers: [{name: u}]\n", message: /kubeconfig has no clusters/ },
    {
      title: "a cluster without a server",
      text: "kind: Config\nclusters: [{name: c, cluster: {}}]\ncontexts: [{name: c, context: {cluster: c, user: u}}]\nusers: [{name: u}]\n",
      message: /kubeconfig clusters\[0\] has no cluster.server/,
    },
    {
      title: "a context without a name",
      text: "kind: Config\nclusters: [{name: c, cluster: {server: s}}]\ncontexts: [{context: {cluster: c}}]\nusers: [{name: u}]\n",
      message: /kubeconfig contexts\[0\] has no name/,
    },
    {
      title: "no users",
      text: "kind: Config\nclusters: [{name: c, cluster: {server: s}}]\ncontexts: [{name: c, context: {cluster: c, user: u}}]\nusers: []\n",
      message: /kubeconfig has no users/,
    },
  ];
  for (const c of malformed) {
    it(`rejects ${c.title}`, () => {
      assert.throws(() => kubeloginKubeconfig(c.text, { mode: "azurecli" }), c.message);
    });
  }

  it("rejects malformed input without quoting it (it may hold credentials)", () => {
    const secretLooking = "users: [{name: u, user: {token: sup3r-s3cret}}\nclusters: [";
    assert.throws(
      () => kubeloginKubeconfig(secretLooking, { mode: "azurecli" }),
      (err: Error) => /not valid YAML/.test(err.message) && !err.message.includes("sup3r-s3cret"),
    );
  });

  it("produces a kubeconfig kubectl loads (oracle)", function () {
    requireTool(this, "kubectl");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubelogin-kubeconfig-"));
    try {
      const file = path.join(dir, "config");
      fs.writeFileSync(file, kubeloginKubeconfig(aksUserKubeconfig(), { mode: "workloadidentity", tenantId }));
      const view = JSON.parse(runTool("kubectl", ["config", "view", "--kubeconfig", file, "-o", "json"])) as Kubeconfig;
      const exec = view.users[0].user.exec;
      assert.equal(exec?.command, "kubelogin");
      assert.deepEqual(exec?.args, ["get-token", "--login", "workloadidentity", "--server-id", aksAadServerAppId, "--tenant-id", tenantId]);
      assert.equal(view["current-context"], "aks-dev");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("generators/aks/kubeloginKubeconfig userKubeconfigFromCredentials", () => {
  const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

  it("decodes the clusterUser entry", () => {
    assert.equal(
      userKubeconfigFromCredentials([
        { name: "other", value: b64("x") },
        { name: "clusterUser", value: b64("kind: Config\n") },
      ]),
      "kind: Config\n",
    );
  });

  it("takes the only entry whatever its name", () => {
    assert.equal(userKubeconfigFromCredentials([{ name: "clusterUser_rg_aks", value: b64("k") }]), "k");
  });

  it("rejects an empty list", () => {
    assert.throws(() => userKubeconfigFromCredentials([]), /AKS returned 0 user kubeconfigs and none named clusterUser/);
  });

  it("rejects a value that is not base64", () => {
    assert.throws(
      () => userKubeconfigFromCredentials([{ name: "clusterUser", value: "apiVersion: v1" }]),
      /AKS user kubeconfig clusterUser is not base64/,
    );
  });
});
