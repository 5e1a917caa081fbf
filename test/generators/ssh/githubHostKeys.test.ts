import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { githubDotComHostKeys, githubDotComKnownHosts } from "../../../generators/ssh/githubHostKeys";
import { requireTool, runTool } from "../../support/realTools";

/** GitHub's published fingerprints, copied from the documentation page independently of the key data. */
const published = {
  "ssh-ed25519": "SHA256:+DiY3wvvV6TuJJhbpZisF/zLDA0zPMSvHdkr4UvCOqU",
  "ecdsa-sha2-nistp256": "SHA256:p2QAMXNIC1TJYWeIOttrVc98/R1BUFWu3/LiyKgUfQM",
  "ssh-rsa": "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s",
};

describe("generators/ssh: pinned github.com host keys", () => {
  it("ships one known_hosts line per published key type", () => {
    const lines = githubDotComKnownHosts().trimEnd().split("\n");
    assert.deepEqual(
      lines.map((l) => l.split(" ").slice(0, 2).join(" ")),
      ["github.com ssh-ed25519", "github.com ecdsa-sha2-nistp256", "github.com ssh-rsa"],
    );
  });

  describe("oracle: ssh-keygen", function () {
    before(function () {
      requireTool(this, "ssh-keygen");
    });

    it("ssh-keygen -lf prints exactly GitHub's published SHA256 fingerprints", () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "known-hosts-"));
      try {
        const file = path.join(dir, "known_hosts");
        fs.writeFileSync(file, githubDotComKnownHosts());
        const fingerprints = runTool("ssh-keygen", ["-lf", file])
          .trim()
          .split("\n")
          .map((line) => {
            const [, fingerprint, host, type] = /^\d+ (SHA256:\S+) (\S+) \((\S+)\)$/.exec(line) ?? [];
            return { fingerprint, host, type };
          });
        assert.deepEqual(fingerprints.map((f) => f.fingerprint).sort(), Object.values(published).sort());
        assert.ok(fingerprints.every((f) => f.host === "github.com"));
        for (const key of githubDotComHostKeys) assert.equal(key.fingerprint, published[key.type as keyof typeof published]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
