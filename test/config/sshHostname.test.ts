import assert from "node:assert/strict";
import { ConfigError } from "../../config/errors";
import { sshRepositoryUrl } from "../../generators/git/gitRef";
import { resolveValues, stackValues } from "./fixtures";

// github.sshHostname is `flux bootstrap github --ssh-hostname`: the SSH host (and port) Flux clones
// from when it differs from the HTTPS host, e.g. a GitHub Enterprise Server behind a load balancer
// that serves Git over SSH on another port (and the end-to-end loop's loopback sshd).
const key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";

function withGithub(github: Record<string, unknown>) {
  const values = stackValues("dev");
  Object.assign(values.github, github);
  return resolveValues("dev", values);
}

function problems(github: Record<string, unknown>): string[] {
  try {
    withGithub(github);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return assert.fail("the configuration was accepted");
}

describe("config: github.sshHostname", () => {
  it("defaults to github.hostname", () => {
    const cfg = withGithub({ hostname: "github.acme.example", knownHosts: `github.acme.example ${key}` });
    assert.equal(cfg.github.sshHostname, "github.acme.example");
    assert.equal(sshRepositoryUrl(cfg.github.sshHostname, "o", "r"), "ssh://git@github.acme.example/o/r");
  });

  it("puts a non-standard port in the clone URL and pins [host]:port", () => {
    const cfg = withGithub({ hostname: "github.acme.example", sshHostname: "127.0.0.1:2222", knownHosts: `[127.0.0.1]:2222 ${key}` });
    assert.equal(cfg.github.sshHostname, "127.0.0.1:2222");
    assert.equal(cfg.github.knownHosts, `[127.0.0.1]:2222 ${key}\n`);
    assert.equal(sshRepositoryUrl(cfg.github.sshHostname, "o", "r"), "ssh://git@127.0.0.1:2222/o/r");
  });

  it("rejects known hosts that name the host without its port, naming the entry ssh looks up", () => {
    const found = problems({
      hostname: "github.acme.example",
      sshHostname: "ssh.acme.example:2222",
      knownHosts: `ssh.acme.example ${key}`,
    });
    assert.equal(found.length, 1);
    assert.match(
      found[0],
      /^aks-flux-gitops:github\.knownHosts: .* for \[ssh\.acme\.example\]:2222: no line names \[ssh\.acme\.example\]:2222; use `ssh-keyscan -p 2222 ssh\.acme\.example`/,
    );
  });

  it("rejects a different SSH host on github.com without known hosts: GitHub's pinned keys name github.com only", () => {
    const found = problems({ sshHostname: "ssh.github.com:443" });
    assert.equal(found.length, 1);
    assert.match(
      found[0],
      /^aks-flux-gitops:github\.knownHosts: \(missing\) is required for SSH host ssh\.github\.com:443: .*ssh-keyscan -p 443 ssh\.github\.com/,
    );
  });

  for (const bad of ["ssh://git.acme.example", "git.acme.example:0", "git.acme.example:65536", "300.1.1.1", "git.acme.example:22:22"]) {
    it(`rejects ${JSON.stringify(bad)}`, () => {
      const found = problems({ hostname: "github.acme.example", sshHostname: bad, knownHosts: `github.acme.example ${key}` });
      assert.match(found.join("\n"), /^aks-flux-gitops:github\.sshHostname: .*must be a host name or IPv4 address with an optional port/m);
    });
  }
});
