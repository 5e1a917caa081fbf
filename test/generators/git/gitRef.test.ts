import assert from "node:assert/strict";
import { describeGitRef, fluxGitRef, httpsRepositoryUrl, sshRepositoryUrl, type GitRef } from "../../../generators/git/gitRef";

describe("generators/git/gitRef", () => {
  const refs: [GitRef, Record<string, string>, string][] = [
    [{ branch: "main" }, { branch: "main" }, "branch main"],
    [{ tag: "prod-v1.4.0" }, { tag: "prod-v1.4.0" }, "tag prod-v1.4.0"],
    [{ semver: ">=1.4.0 <2.0.0" }, { semver: ">=1.4.0 <2.0.0" }, "semver >=1.4.0 <2.0.0"],
    [
      { commit: "0123456789abcdef0123456789abcdef01234567" },
      { commit: "0123456789abcdef0123456789abcdef01234567" },
      "commit 0123456789abcdef0123456789abcdef01234567",
    ],
  ];
  for (const [ref, spec, text] of refs) {
    it(`writes ${text} as Flux's spec.ref with that one field`, () => {
      assert.deepEqual(fluxGitRef(ref), spec);
      assert.equal(describeGitRef(ref), text);
    });
  }

  it("spells the SSH clone URL as flux bootstrap github does (ssh://, no .git, a port kept) and the browser URL", () => {
    assert.equal(sshRepositoryUrl("github.com", "acme-platform", "fleet-infra"), "ssh://git@github.com/acme-platform/fleet-infra");
    assert.equal(
      sshRepositoryUrl("ssh.github.acme.example:2222", "platform", "fleet"),
      "ssh://git@ssh.github.acme.example:2222/platform/fleet",
    );
    assert.equal(httpsRepositoryUrl("github.acme.example", "platform", "fleet"), "https://github.acme.example/platform/fleet");
  });
});
