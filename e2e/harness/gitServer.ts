import * as fs from "node:fs";
import * as path from "node:path";
import { freePort, type Processes, run, waitFor } from "./processes";

/** The Unix user Flux connects as (`ssh://git@host/...`), with git-shell as its login shell. */
export const gitUser = "git";
const gitHome = "/var/lib/aks-flux-gitops-e2e-git";
const gitShell = "/usr/bin/git-shell";

export interface GitServer {
  readonly port: number;
  /** `[127.0.0.1]:PORT ssh-ed25519 AAAA...`: the line a client pins. */
  readonly knownHostsLine: string;
  /** Bare repository folder of `repository`. */
  bareRepo(repository: string): string;
  /** Lets `publicKey` read (clone, fetch) `owner/repository`, and only that one, as a read-only deploy key. */
  authorize(publicKey: string, owner: string, repository: string): void;
  /** Removes every key authorized for the repository (the deploy key is deleted on the server). */
  revoke(repository: string): void;
}

/**
 * Debian's OpenSSH server on a loopback port with its own host key, serving bare
 * repositories to a dedicated user whose shell is git-shell. Each authorized key is
 * bound by `restrict,command=` to one repository and to git-upload-pack, like a
 * read-only GitHub deploy key; the forced command checks the path the client asked
 * for, so a wrong owner or repository in the URL fails as it would on GitHub.
 */
export async function startGitServer(procs: Processes, dir: string): Promise<GitServer> {
  ensureGitUser();
  fs.mkdirSync(dir, { recursive: true });
  // sshd reads the authorized keys and git-shell the repositories as the git user.
  fs.chmodSync(dir, 0o755);
  const hostKey = path.join(dir, "ssh_host_ed25519_key");
  run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "e2e-git-server", "-f", hostKey]);
  const authorizedKeys = path.join(dir, "authorized_keys");
  fs.writeFileSync(authorizedKeys, "", { mode: 0o644 });
  const reposDir = path.join(dir, "repos");
  fs.mkdirSync(reposDir, { recursive: true, mode: 0o755 });
  const port = await freePort();
  const config = path.join(dir, "sshd_config");
  fs.writeFileSync(
    config,
    [
      `Port ${port}`,
      "ListenAddress 127.0.0.1",
      `HostKey ${hostKey}`,
      `PidFile ${path.join(dir, "sshd.pid")}`,
      `AuthorizedKeysFile ${authorizedKeys}`,
      `AllowUsers ${gitUser}`,
      "StrictModes no",
      "PubkeyAuthentication yes",
      "PasswordAuthentication no",
      "KbdInteractiveAuthentication no",
      "UsePAM no",
      "PermitRootLogin no",
      "LogLevel VERBOSE",
      "",
    ].join("\n"),
  );
  // Debian's service unit creates the privilege separation directory; here nothing else does.
  fs.mkdirSync("/run/sshd", { recursive: true, mode: 0o755 });
  run("/usr/sbin/sshd", ["-t", "-f", config]);
  procs.start("sshd", "/usr/sbin/sshd", ["-D", "-e", "-f", config]);
  await waitFor(`sshd on 127.0.0.1:${port}`, 30_000, () => {
    if (!procs.isRunning("sshd")) throw new Error(`sshd exited:\n${procs.tail("sshd")}`);
    const scan = run("ssh-keyscan", ["-T", "2", "-t", "ed25519", "-p", String(port), "127.0.0.1"], { timeoutMs: 10_000 });
    return scan.includes("ssh-ed25519") ? true : undefined;
  });
  const hostPublic = fs.readFileSync(`${hostKey}.pub`, "utf8").trim().split(/\s+/).slice(0, 2).join(" ");
  const grants = new Map<string, string[]>();
  const writeGrants = () => fs.writeFileSync(authorizedKeys, [...grants.values()].flat().join(""));
  return {
    port,
    knownHostsLine: `[127.0.0.1]:${port} ${hostPublic}`,
    bareRepo: (repository) => path.join(reposDir, `${repository}.git`),
    authorize(publicKey, owner, repository) {
      const bare = path.join(reposDir, `${repository}.git`);
      const key = publicKey.trim().split(/\s+/).slice(0, 2).join(" ");
      // git-shell runs commands from ~/git-shell-commands only; `serve` is written by ensureGitUser.
      const line = `restrict,command="serve /${owner}/${repository} ${bare}" ${key} deploy-key-${repository}\n`;
      grants.set(repository, [...(grants.get(repository) ?? []), line]);
      writeGrants();
    },
    revoke(repository) {
      grants.delete(repository);
      writeGrants();
    },
  };
}

/** The forced command: only `git-upload-pack '<expected path>'` (what Flux's SSH client sends) is served. */
const serveScript = `#!/bin/sh
# Written by the aks-flux-gitops end-to-end loop (e2e/harness/gitServer.ts).
# Usage (forced by authorized_keys): serve <path the client must ask for> <bare repository>
set -eu
expected="$1"
bare="$2"
case "$SSH_ORIGINAL_COMMAND" in
  "git-upload-pack '$expected'"|"git-upload-pack '$expected.git'"|"git-upload-pack $expected"|"git-upload-pack $expected.git")
    exec git-upload-pack --strict "$bare" ;;
  *)
    echo "deploy key for $expected is read-only and for that repository only; refused: $SSH_ORIGINAL_COMMAND" >&2
    exit 1 ;;
esac
`;

function ensureGitUser(): void {
  if (process.getuid?.() !== 0)
    throw new Error("the Git server needs root: sshd and the dedicated git user (CI and this machine run as root)");
  const entry = run("getent", ["passwd"])
    .split("\n")
    .find((l) => l.startsWith(`${gitUser}:`));
  if (entry === undefined) {
    run("useradd", [
      "--system",
      "--home-dir",
      gitHome,
      "--create-home",
      "--shell",
      gitShell,
      "--comment",
      "aks-flux-gitops e2e git server",
      gitUser,
    ]);
  } else {
    const [, , , , , home, shell] = entry.split(":");
    if (home !== gitHome || shell !== gitShell)
      throw new Error(
        `a user named ${gitUser} already exists (${home}, ${shell}); the e2e Git server needs one with home ${gitHome} and shell ${gitShell}`,
      );
  }
  // useradd leaves the password "!" (locked), and sshd without PAM refuses locked accounts even
  // for keys; "*" means no password can ever match, which is what a key-only account wants.
  run("usermod", ["--password", "*", gitUser]);
  const commands = path.join(gitHome, "git-shell-commands");
  fs.mkdirSync(commands, { recursive: true, mode: 0o755 });
  fs.writeFileSync(path.join(commands, "serve"), serveScript, { mode: 0o755 });
  // The bare repositories belong to root (the loop pushes to them directly); the git user may read them.
  fs.writeFileSync(path.join(gitHome, ".gitconfig"), "[safe]\n\tdirectory = *\n");
}
