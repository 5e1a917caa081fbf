import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runRender } from "../../render/cli";
import { FIXTURE_RELEASE_DIR } from "../../bench/fluxRelease";
import { capProblems, problemKey } from "../../config/problemCap";
import { projectRoot } from "../support/programHarness";

/**
 * Oversized stack files (generated, up to 1 MiB): each is refused with exit 2 and a short message in
 * well under the bound. Before, the YAML library's duplicate-key check was quadratic (30,000 keys: 28 s)
 * and a bad 50,000-entry list printed 50,000 lines.
 */
const base =
  "config:\n  aks-flux-gitops:azure:\n    location: westeurope\n  aks-flux-gitops:github:\n    owner: acme\n    infraRepository: fleet-infra\n";
const lines = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i)).join("");

const cases: { name: string; text: () => string; expect: RegExp; maxLines: number }[] = [
  {
    name: "over 1 MiB",
    text: () => base + `# ${"x".repeat(1100000)}\n`,
    expect: /^Pulumi\.dev\.yaml: is \d+ bytes; a stack file may be at most 1048576 bytes/,
    maxLines: 1,
  },
  {
    name: "1 MB flux.namespace",
    text: () => base + `  aks-flux-gitops:flux:\n    namespace: ${"a".repeat(1040000)}\n`,
    expect: /^aks-flux-gitops:flux\.namespace: "a{10,}\.\.\. must be a Kubernetes namespace name/,
    maxLines: 1,
  },
  {
    name: "50,000 layers",
    text: () => base + `  aks-flux-gitops:layers: [${lines(50000, (i) => `l${i},`)}]\n`,
    expect: /^aks-flux-gitops:layers: \["l0",.*\.\.\. has 50000 entries; at most 100 layers/,
    maxLines: 1,
  },
  {
    name: "30,000 unknown keys",
    text: () => base + lines(30000, (i) => `  aks-flux-gitops:k${i}: ${i}\n`),
    expect: /^\.\.\. and 29960 more problems \(30000 in all\)/m,
    maxLines: 41,
  },
  {
    name: "60,000 unknown flux keys",
    text: () => base + "  aks-flux-gitops:flux:\n" + lines(60000, (i) => `    k${i}: 1\n`),
    expect: /^aks-flux-gitops:flux\.k0: 1 is not a known key/,
    maxLines: 41,
  },
  {
    name: "100,000 duplicate keys",
    text: () => base + "  aks-flux-gitops:flux:\n" + lines(100000, () => "    k: 1\n"),
    expect: /^Pulumi\.dev\.yaml: and 99994 more problems like these \(99999 in all\)/m,
    maxLines: 6,
  },
  {
    name: "3,000-segment apps.path",
    text: () => base + `  aks-flux-gitops:apps:\n    path: ./apps/overlays/dev/${"a/".repeat(3000)}a\n`,
    expect: /^aks-flux-gitops:apps\.path: "\.\/apps\/overlays\/dev\/a\/a.*\.\.\. is 6021 characters; a repository path may be at most 1024/,
    maxLines: 1,
  },
  {
    name: "1 MB github.knownHosts",
    text: () => base + `    knownHosts: "${"x ".repeat(500000)}"\n`,
    expect: /^aks-flux-gitops:github\.knownHosts: "x x .*\.\.\. must be known_hosts lines/,
    maxLines: 1,
  },
];

describe("render: oversized stack files are refused quickly", function () {
  this.timeout(30000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "oversized-"));
    fs.copyFileSync(path.join(projectRoot, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const c of cases) {
    it(`${c.name}: exit 2 within 5 s, at most ${c.maxLines} lines`, async () => {
      fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), c.text());
      const stderr: string[] = [];
      const { error, log } = console;
      console.error = (...args: unknown[]) => stderr.push(args.join(" "));
      console.log = () => undefined;
      const started = Date.now();
      let code: number;
      try {
        code = await runRender(["-s", "dev", "--out", path.join(dir, "out"), "--flux-manifests", FIXTURE_RELEASE_DIR], dir);
      } finally {
        console.error = error;
        console.log = log;
      }
      const elapsed = Date.now() - started;
      const text = stderr.join("\n");
      assert.equal(code, 2, text.slice(0, 500));
      assert.ok(elapsed < 5000, `took ${elapsed} ms`);
      assert.match(text, c.expect);
      assert.ok(text.split("\n").filter((l) => /^(aks-flux-gitops:|Pulumi\.|\.\.\.)/.test(l)).length <= c.maxLines, text.slice(0, 2000));
      assert.ok(text.length < 20000, `${text.length} characters printed`);
      assert.ok(!fs.existsSync(path.join(dir, "out")));
    });
  }
});

describe("capProblems", () => {
  it("keeps 5 problems of a key and says how many more", () => {
    const problems = Array.from({ length: 8 }, (_, i) => `aks-flux-gitops:layers[${i}]: "A" must be a layer name`);
    const capped = capProblems([...problems, "aks-flux-gitops:flux.namespace: 1 must be a string"]);
    assert.deepEqual(capped, [
      ...problems.slice(0, 5),
      "aks-flux-gitops:layers: and 3 more problems like these (8 in all); fix them as the ones above say",
      "aks-flux-gitops:flux.namespace: 1 must be a string",
    ]);
  });
  it("keeps 40 problems in all", () => {
    const capped = capProblems(Array.from({ length: 100 }, (_, i) => `aks-flux-gitops:k${i}: 1 is not a known key`));
    assert.equal(capped.length, 41);
    assert.equal(capped[40], "... and 60 more problems (100 in all); fix the ones above and render again to see the rest");
  });
  it("counts a file's YAML errors as one key", () => {
    assert.equal(problemKey("Pulumi.dev.yaml:9:5: invalid YAML: Map keys must be unique"), "Pulumi.dev.yaml");
    assert.equal(problemKey("aks-flux-gitops:cluster.zones[2]: 4 must be"), "aks-flux-gitops:cluster.zones[]");
  });
});
