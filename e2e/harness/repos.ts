import * as fs from "node:fs";
import * as path from "node:path";
import { run } from "./processes";

const gitEnv = {
  GIT_AUTHOR_NAME: "aks-flux-gitops e2e",
  GIT_AUTHOR_EMAIL: "e2e@aks-flux-gitops.invalid",
  GIT_COMMITTER_NAME: "aks-flux-gitops e2e",
  GIT_COMMITTER_EMAIL: "e2e@aks-flux-gitops.invalid",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
};

/** A working clone of one bare repository on the Git server; pushes go straight to the bare repository's folder. */
export class WorkRepo {
  constructor(
    readonly dir: string,
    readonly branch: string,
  ) {}

  static create(bare: string, dir: string, branch: string): WorkRepo {
    run("git", ["init", "--quiet", "--bare", `--initial-branch=${branch}`, bare], { env: gitEnv });
    run("git", ["init", "--quiet", `--initial-branch=${branch}`, dir], { env: gitEnv });
    run("git", ["-C", dir, "remote", "add", "origin", bare], { env: gitEnv });
    return new WorkRepo(dir, branch);
  }

  git(...args: string[]): string {
    return run("git", ["-C", this.dir, ...args], { env: gitEnv }).trim();
  }

  write(file: string, content: string): void {
    const target = path.join(this.dir, file);
    if (path.relative(this.dir, target).startsWith("..")) throw new Error(`refusing to write outside the repository: ${file}`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }

  read(file: string): string {
    return fs.readFileSync(path.join(this.dir, file), "utf8");
  }

  /** Commits everything and pushes the branch (and `tag`, when given); returns the commit SHA. */
  commitAndPush(message: string, tag?: string): string {
    this.git("add", "--all");
    this.git("commit", "--quiet", "--allow-empty", "-m", message);
    if (tag) this.git("tag", tag);
    this.git("push", "--quiet", "origin", this.branch, ...(tag ? [tag] : []));
    return this.git("rev-parse", "HEAD");
  }
}
