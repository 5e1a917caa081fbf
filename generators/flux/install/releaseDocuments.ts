import { parseYamlDocuments } from "../../yaml/parseYaml";

/**
 * Parsed release files, kept for the life of the process. A Flux release's files
 * never change, so each file of a version is parsed once (rbac.yaml once per
 * namespace, as Flux rewrites its text) and every later generation starts from a
 * copy: the overlay transforms objects in place. Keyed by the text itself, so two
 * different files (a local copy, a test fixture) can never share an entry.
 */
const parsed = new Map<string, readonly unknown[]>();
/** Enough for every file of a few releases and namespaces; the oldest entry goes first. */
const MAX_ENTRIES = 64;

/** The documents of one release file, as parseYamlDocuments reads them, in a copy the caller may change. */
export function releaseDocuments(text: string): unknown[] {
  let documents = parsed.get(text);
  if (documents === undefined) {
    documents = parseYamlDocuments(text);
    if (parsed.size >= MAX_ENTRIES) parsed.delete(parsed.keys().next().value as string);
    parsed.set(text, documents);
  }
  return structuredClone(documents) as unknown[];
}
