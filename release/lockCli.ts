import { parseArgs } from "node:util";
import { addOperatorReleaseToLock } from "./addOperatorToLock";
import { addReleaseToLock } from "./addToLock";
import { LOCK_COMMAND } from "./releaseLock";

const usage = `usage: ${LOCK_COMMAND} [--operator] <vX.Y.Z> [--replace] [--base-url <releases page of a mirror>]`;

/**
 * `npm run flux:lock -- v2.9.1`: exit 0 when the lock holds the verified digest, 2 on bad arguments, 1 otherwise.
 * With `--operator`, a Flux Operator release's install.yaml goes to release/flux-operator-lock.json.
 */
export async function runLock(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        replace: { type: "boolean" },
        operator: { type: "boolean" },
        "base-url": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (err) {
    console.error(`${(err as Error).message}\n${usage}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(usage);
    return 0;
  }
  if (parsed.positionals.length !== 1) {
    console.error(usage);
    return 2;
  }
  try {
    const options = {
      version: parsed.positionals[0],
      replace: parsed.values.replace,
      baseUrl: parsed.values["base-url"],
      onRetry: (message: string) => console.error(`retry: ${message}`),
    };
    const operator = parsed.values.operator === true;
    const result = operator ? await addOperatorReleaseToLock(options) : await addReleaseToLock(options);
    const what = { added: "added to", unchanged: "already in", replaced: `replaced (was ${result.previous}) in` }[result.change];
    console.log(
      operator
        ? `Flux Operator ${result.version} install.yaml sha256 ${result.sha256} ${what} release/flux-operator-lock.json; review the diff and commit it`
        : `Flux ${result.version} manifests.tar.gz sha256 ${result.sha256} ${what} release/flux-lock.json; review the diff and commit it`,
    );
    return 0;
  } catch (err) {
    console.error(`flux:lock failed: ${(err as Error).message}`);
    return 1;
  }
}

if (require.main === module) {
  void runLock(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
