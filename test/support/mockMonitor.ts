import * as pulumi from "@pulumi/pulumi";
import type * as resproto from "@pulumi/pulumi/proto/resource_pb";
import * as settings from "@pulumi/pulumi/runtime/settings";

/**
 * Records every resource registration the program makes under Pulumi mocks,
 * including the resource options that `Mocks.newResource` never sees
 * (`dependsOn`, `deletedWith`, `parent`, `ignoreChanges`, ...).
 *
 * Usage, in a mocha `before`:
 *
 *   await pulumi.runtime.setMocks(mocks, "aks-flux-gitops", "dev", false);
 *   const recorder = startRecording();          // after setMocks: it wraps that monitor
 *   const { AksCluster } = await import("../../components/aks/AksCluster");
 *   new AksCluster("cluster", args);
 *   await recorder.settled();                   // every registration and invoke has finished
 *   const cluster = recorder.get("azure-native:containerservice:ManagedCluster", "cluster-cluster");
 *
 * Inputs are recorded as the engine receives them: plain JSON, secrets as
 * `{ [secretSigKey]: secretSig, value }` (see `isSecretInput`/`unwrapSecrets`),
 * unknown values as the `unknownValue` sentinel, resource references as
 * `{ [secretSigKey]: resourceSig, urn, ... }`.
 */
export interface RecordedOptions {
  /** URN of the parent; "" for the stack's direct children. */
  readonly parent: string;
  /** URNs of all dependencies: explicit `dependsOn` (components expanded to their children) and those of the inputs. */
  readonly dependencies: readonly string[];
  /** URN given as `deletedWith`; "" when none. */
  readonly deletedWith: string;
  readonly protect: boolean;
  readonly provider: string;
  readonly ignoreChanges: readonly string[];
  readonly replaceOnChanges: readonly string[];
  readonly additionalSecretOutputs: readonly string[];
  readonly deleteBeforeReplace: boolean;
  readonly retainOnDelete: boolean;
  /** The `replacementTrigger` option as the engine receives it; undefined when not set. */
  readonly replacementTrigger: unknown;
  /** `customTimeouts.delete` (e.g. "20m"); "" when not set. */
  readonly deleteTimeout: string;
}

export interface RecordedResource {
  readonly type: string;
  readonly name: string;
  /** URN the mock monitor assigned; "" if the registration failed. */
  readonly urn: string;
  readonly custom: boolean;
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly options: RecordedOptions;
}

export interface ResourceRecorder {
  /** Every registration so far, in registration order. */
  all(): readonly RecordedResource[];
  /** Registrations of one type token, e.g. "azure-native:containerservice:ManagedCluster". */
  ofType(type: string): readonly RecordedResource[];
  /** The one registration with this type and name; throws listing what was registered otherwise. */
  get(type: string, name: string): RecordedResource;
  /** The registration with this name, or undefined. */
  find(type: string, name: string): RecordedResource | undefined;
  /** Resolves when every pending registration, invoke and apply of the program has completed. */
  settled(): Promise<void>;
}

/** Pulumi's wire signatures (`@pulumi/pulumi/runtime/rpc`). */
export const secretSigKey = "4dabf18193072939515e22adb298388d";
export const secretSig = "1b47061264138c4ac30d75fd1eb44270";
export const resourceSig = "5cf8f73096256a8f31e491e813e4eb8e";
export const unknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

type RegisterCallback = (err: Error | null, response?: resproto.RegisterResourceResponse) => void;
interface WrappableMonitor {
  registerResource(req: resproto.RegisterResourceRequest, callback: RegisterCallback): unknown;
}

/** Wraps the monitor installed by the last `pulumi.runtime.setMocks` call. */
export function startRecording(): ResourceRecorder {
  const monitor = settings.getMonitor() as unknown as WrappableMonitor | undefined;
  if (monitor === undefined || typeof monitor.registerResource !== "function") {
    throw new Error("startRecording: no monitor; call `await pulumi.runtime.setMocks(...)` first");
  }
  const recorded: RecordedResource[] = [];
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) => {
    const entry = {
      type: req.getType(),
      name: req.getName(),
      urn: "",
      custom: req.getCustom(),
      inputs: (req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>,
      options: {
        parent: req.getParent(),
        dependencies: req.getDependenciesList(),
        deletedWith: req.getDeletedwith(),
        protect: req.getProtect() ?? false,
        provider: req.getProvider(),
        ignoreChanges: req.getIgnorechangesList(),
        replaceOnChanges: req.getReplaceonchangesList(),
        additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
        deleteBeforeReplace: req.getDeletebeforereplace(),
        retainOnDelete: req.getRetainondelete() ?? false,
        replacementTrigger: req.hasReplacementTrigger() ? req.getReplacementTrigger()?.toJavaScript() : undefined,
        deleteTimeout: req.getCustomtimeouts()?.getDelete() ?? "",
      },
    };
    recorded.push(entry);
    return original(req, (err, response) => {
      if (!err && response) entry.urn = response.getUrn();
      callback(err, response);
    });
  };

  const find = (type: string, name: string) => recorded.find((r) => r.type === type && r.name === name);
  return {
    all: () => [...recorded],
    ofType: (type) => recorded.filter((r) => r.type === type),
    find,
    get: (type, name) => {
      const found = recorded.filter((r) => r.type === type && r.name === name);
      if (found.length !== 1) {
        const known = recorded.map((r) => `${r.type} ${r.name}`).join("\n  ");
        throw new Error(`expected one ${type} named ${name}, found ${found.length}; registered:\n  ${known}`);
      }
      return found[0];
    },
    // `waitForRPCs` is what the runtime awaits before a program exits; it is internal, hence the cast.
    settled: () => (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs(),
  };
}

/** True for a secret as it appears in recorded inputs. */
export function isSecretInput(value: unknown): value is { value: unknown } {
  return value !== null && typeof value === "object" && (value as Record<string, unknown>)[secretSigKey] === secretSig;
}

/** `value` with every secret wrapper replaced by what it wraps (deeply). */
export function unwrapSecrets(value: unknown): unknown {
  if (isSecretInput(value)) return unwrapSecrets(value.value);
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)]));
  }
  return value;
}

/** Resolves an Output's value in a test. Under mocks every value is known; an unknown one would never resolve. */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((v) => resolve(v)));
}
