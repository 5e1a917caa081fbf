import { z } from "zod";
import { rawConfigSchema, type RawConfig } from "./schema";
import { keyPath, problem } from "./errors";

/**
 * Validates the raw namespace values against the schema, section by section, so
 * a problem in one section does not hide the problems of the others. Returns the
 * sections that parsed and every problem found.
 */
export function parseRawConfig(values: Readonly<Record<string, unknown>>): ParsedConfig {
  const problems: string[] = [];
  const failedPaths = new Set<string>();
  const config: Record<string, unknown> = {};
  const shape = rawConfigSchema.shape as Record<string, z.ZodType>;
  for (const [key, value] of Object.entries(values)) {
    const schema = shape[key];
    if (!schema) {
      problems.push(problem([key], value, `is not a known key${suggestion([], key)}`));
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
  return { config: config as RawConfig, problems, failedPaths };
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
    if (!shape[key]) continue;
    const part = salvage(shape[key], child);
    if (part !== undefined) kept[key] = part;
  }
  return kept;
}

function describeIssue(values: Readonly<Record<string, unknown>>, prefix: PropertyKey[], issue: z.core.$ZodIssue): string[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => problem([...path, key], valueAt(values, [...path, key]), `is not a known key${suggestion(path, key)}`));
  }
  return [problem(path, valueAt(values, path), issue.message)];
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
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[segment];
  }
  return node;
}

function knownKeysAt(path: readonly PropertyKey[]): string[] {
  let schema: z.ZodType = rawConfigSchema;
  for (const segment of path) {
    schema = unwrap(schema);
    if (!(schema instanceof z.ZodObject)) return [];
    schema = (schema.shape as Record<string, z.ZodType>)[String(segment)];
    if (!schema) return [];
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
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const lower = key.toLowerCase();
    const isPrefix = lower.length >= 4 && candidate.toLowerCase().startsWith(lower);
    const distance = isPrefix ? 1 : editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const prefix = path.length > 0 ? `${path.map(String).join(".")}.` : "";
  if (best && bestDistance <= Math.max(2, Math.floor(key.length / 3))) return `; did you mean ${prefix}${best}?`;
  return known.length > 0 ? `; known keys here: ${known.join(", ")}` : "";
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}
