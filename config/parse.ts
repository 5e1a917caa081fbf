import { z } from "zod";
import { rawConfigSchema, type RawConfig } from "./schema";
import { keyPath, looksLikeSecretKey, problem, secretPaths } from "./errors";
import { maxProblems } from "./problemCap";
import { closestName } from "./suggest";

/**
 * Validates the raw namespace values against the schema, section by section, so
 * a problem in one section does not hide the problems of the others. Returns the
 * sections that parsed and every problem found.
 */
export function parseRawConfig(input: Readonly<Record<string, unknown>>): ParsedConfig {
  const problems: string[] = [];
  const failedPaths = new Set<string>();
  const config: Record<string, unknown> = {};
  const shape = rawConfigSchema.shape as Record<string, z.ZodType>;
  const forbidden = forbiddenKeyPaths(input, []);
  const values = withoutReservedKeys(input) as Record<string, unknown>;
  let unknownKeys = 0;
  for (const path of forbidden) {
    failedPaths.add(keyPath(path));
    problems.push(
      problem(
        path,
        undefined,
        `is a key name JavaScript reserves (__proto__, constructor, prototype); remove it or correct its spelling`,
      ).replace(" (missing) ", " "),
    );
  }
  for (const [key, value] of Object.entries(values)) {
    const schema = ownValue(shape, key);
    if (!schema) {
      // Past the problems render shows (config/problemCap.ts), no did-you-mean: thousands of keys would take seconds.
      if (++unknownKeys > maxProblems) problems.push(problem([key], undefined, "is not a known key").replace(" (missing) ", " "));
      else problems.push(problem([key], unknownKeyValue([key], value), `is not a known key${suggestion([], key)}`));
      continue;
    }
    const result = schema.safeParse(value, { error: genericMessage });
    if (result.success) {
      config[key] = result.data;
      continue;
    }
    for (const issue of result.error.issues) {
      failedPaths.add(keyPath([key, ...issue.path]));
      problems.push(...describeIssue(values, [key], issue));
    }
    config[key] = salvage(schema, value);
  }
  return { config: config as RawConfig, problems: [...new Set(problems)], failedPaths };
}

export interface ParsedConfig {
  /** Every section and field that parsed; fields with problems are left out. */
  readonly config: RawConfig;
  readonly problems: string[];
  /** Key paths (`cluster.zones[0]`) that had a problem. */
  readonly failedPaths: ReadonlySet<string>;
}

/** The parts of a value that pass the schema, so cross-field checks still run on them. */
function salvage(schema: z.ZodType, value: unknown): unknown {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const inner = unwrap(schema);
  if (!(inner instanceof z.ZodObject) || value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const shape = inner.shape as Record<string, z.ZodType>;
  const kept: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const childSchema = ownValue(shape, key);
    if (!childSchema) continue;
    const part = salvage(childSchema, child);
    if (part !== undefined) kept[key] = part;
  }
  return kept;
}

function describeIssue(values: Readonly<Record<string, unknown>>, prefix: PropertyKey[], issue: z.core.$ZodIssue): string[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key, i) =>
      i >= maxProblems
        ? problem([...path, key], undefined, "is not a known key").replace(" (missing) ", " ")
        : problem(
            [...path, key],
            unknownKeyValue([...path, key], valueAt(values, [...path, key])),
            `is not a known key${suggestion(path, key)}`,
          ),
    );
  }
  const value = valueAt(values, path);
  if (issue.code === "invalid_type" && issue.expected === "string" && typeof value === "number") {
    const written = numberSources?.get(keyPath(path)) ?? String(value);
    return [
      problem(
        path,
        value,
        `must be a string, but YAML read the unquoted ${written} as a number${written !== String(value) ? ` (${value})` : ""}; quote it in the stack file: "${written}"`,
      ),
    ];
  }
  return [problem(path, value, issue.message)];
}

/** Shown in place of the value of an unknown key that names a credential or is a near miss of one (`githubTokn`). */
const hiddenValue = { secure: "" };

function unknownKeyValue(path: readonly PropertyKey[], value: unknown): unknown {
  const key = String(path[path.length - 1]);
  const near = closestName(key, knownKeysAt(path.slice(0, -1)));
  const nearPath = near === undefined ? "" : keyPath([...path.slice(0, -1), near]).replace(/\[\d+\]/g, "");
  return looksLikeSecretKey(key) || secretPaths.has(nearPath) ? hiddenValue : value;
}

/** Source text of numeric scalars by key path (`cluster.kubernetesVersion` → "1.30"), for the quoting hint. */
let numberSources: ReadonlyMap<string, string> | undefined;

export function withNumberSources<T>(sources: ReadonlyMap<string, string> | undefined, body: () => T): T {
  const previous = numberSources;
  numberSources = sources;
  try {
    return body();
  } finally {
    numberSources = previous;
  }
}

const reservedKeys = new Set(["__proto__", "constructor", "prototype"]);

/** Paths of keys named __proto__, constructor or prototype, anywhere in the values. */
function forbiddenKeyPaths(value: unknown, path: PropertyKey[]): PropertyKey[][] {
  if (value === null || typeof value !== "object") return [];
  const found: PropertyKey[][] = [];
  for (const key of Object.keys(value)) {
    const child = [...path, Array.isArray(value) ? Number(key) : key];
    if (!Array.isArray(value) && reservedKeys.has(key)) found.push(child);
    else found.push(...forbiddenKeyPaths((value as Record<string, unknown>)[key], child));
  }
  return found;
}

function withoutReservedKeys(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(withoutReservedKeys);
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) if (!reservedKeys.has(key)) out[key] = withoutReservedKeys(child);
  return out;
}

function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

function genericMessage(issue: z.core.$ZodRawIssue): string {
  if (issue.code === "invalid_type") {
    switch (issue.expected) {
      case "object":
        return "must be a map of keys (a YAML object)";
      case "array":
        return "must be a list";
      case "string":
        return "must be a string";
      case "number":
        return "must be a number";
      case "boolean":
        return "must be true or false";
      default:
        return `must be of type ${issue.expected}`;
    }
  }
  return "is not allowed here";
}

export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = root;
  for (const segment of path) {
    if (node === null || typeof node !== "object" || !Object.prototype.hasOwnProperty.call(node, segment)) return undefined;
    node = (node as Record<PropertyKey, unknown>)[segment];
  }
  return node;
}

function knownKeysAt(path: readonly PropertyKey[]): string[] {
  let schema: z.ZodType = rawConfigSchema;
  for (const segment of path) {
    schema = unwrap(schema);
    if (!(schema instanceof z.ZodObject)) return [];
    const child = ownValue(schema.shape as Record<string, z.ZodType>, String(segment));
    if (!child) return [];
    schema = child;
  }
  schema = unwrap(schema);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (current instanceof z.ZodOptional) current = current.unwrap() as z.ZodType;
  return current;
}

function suggestion(path: readonly PropertyKey[], key: string): string {
  const known = knownKeysAt(path);
  const best = closestName(key, known);
  const prefix = path.length > 0 ? `${path.map(String).join(".")}.` : "";
  if (best) return `; did you mean ${prefix}${best}?`;
  return known.length > 0 ? `; known keys here: ${known.join(", ")}` : "";
}
