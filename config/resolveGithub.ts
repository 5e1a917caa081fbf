import { githubDotComKnownHosts } from "../generators/ssh/githubHostKeys";
import { commonDefaults } from "./defaults";
import { problem } from "./errors";
import { hostsMatch, parseKnownHosts } from "./knownHosts";
import type { RawConfig } from "./schema";
import type { StackConfig } from "./types";

/** `github.*`: repositories, branch, hosts and the pinned host keys (required off github.com, checked like ssh-keygen reads them). */
export function resolveGithub(raw: RawConfig, problems: string[]): StackConfig["github"] {
  const infraRepository = raw.github?.infraRepository ?? "";
  const appsRepository = raw.github?.appsRepository ?? infraRepository;
  const hostname = raw.github?.hostname ?? commonDefaults.hostname;
  const sshHostname = raw.github?.sshHostname ?? hostname;
  const onGithubDotCom = sshHostname === "github.com";
  const [sshHost, sshPort] = sshHostname.split(":");
  const scanTarget = sshPort === undefined ? sshHost : `-p ${sshPort} ${sshHost}`;
  if (!onGithubDotCom && raw.github?.knownHosts === undefined) {
    const what = sshHostname === hostname ? `GitHub Enterprise Server host ${hostname}` : `SSH host ${sshHostname}`;
    problems.push(
      problem(
        ["github", "knownHosts"],
        undefined,
        `is required for ${what}: ask your GitHub administrator for the host's SSH keys or run \`ssh-keyscan ${scanTarget}\` and verify the fingerprints out of band, then \`pulumi config set --path github.knownHosts "<lines>"\``,
      ),
    );
  }
  const knownHosts = raw.github?.knownHosts ?? (onGithubDotCom ? githubDotComKnownHosts() : "");
  if (raw.github?.knownHosts !== undefined) {
    const entry = sshPort === undefined || sshPort === "22" ? sshHost : `[${sshHost}]:${sshPort}`;
    const reason = knownHostsProblem(raw.github.knownHosts, sshHost, sshPort);
    if (reason)
      problems.push(
        problem(
          ["github", "knownHosts"],
          raw.github.knownHosts,
          `must be known_hosts lines ("<host> <key-type> <base64-key>") for ${entry}: ${reason}; use \`ssh-keyscan ${scanTarget}\` output verified out of band`,
        ),
      );
  }
  return {
    owner: raw.github?.owner ?? "",
    infraRepository,
    appsRepository,
    monorepo: appsRepository === infraRepository,
    branch: raw.github?.branch ?? commonDefaults.branch,
    hostname,
    sshHostname,
    knownHosts: knownHosts.endsWith("\n") || knownHosts === "" ? knownHosts : `${knownHosts}\n`,
    createRepositories: raw.github?.createRepositories ?? false,
    commitAuthor: {
      name: raw.github?.commitAuthor?.name ?? commonDefaults.commitAuthor.name,
      email: raw.github?.commitAuthor?.email ?? commonDefaults.commitAuthor.email,
    },
  };
}

function knownHostsProblem(text: string, hostname: string, port?: string): string | undefined {
  const { lines, problems } = parseKnownHosts(text);
  if (problems.length > 0) return problems.join("; ");
  const trusted = lines.filter((l) => l.marker !== "@revoked");
  if (trusted.length === 0) return "there is no host key line";
  const entry = port === undefined || port === "22" ? hostname : `[${hostname}]:${port}`;
  if (!trusted.some((l) => hostsMatch(l.hosts, hostname, port))) return `no line names ${entry}`;
  return undefined;
}
