import { strict as assert } from "node:assert";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { marshalYaml } from "../../../generators/yaml/goYaml";
import { parseYamlDocuments } from "../../../generators/yaml/parseYaml";
import { FIXTURE_RELEASE_DIR } from "../../../bench/fluxRelease";
import { blockCases, collectionCases, foldingCases, numberCases, quotingCases } from "./goYamlCases";

describe("parseYamlDocuments (kustomize's reading of YAML)", () => {
  const fixtures = readdirSync(FIXTURE_RELEASE_DIR).filter((n) => n.endsWith(".yaml"));

  for (const name of fixtures) {
    it(`reads fixture ${name} into Kubernetes objects that marshal back to the same values`, () => {
      const text = readFileSync(path.join(FIXTURE_RELEASE_DIR, name), "utf8");
      const documents = parseYamlDocuments(text) as { kind?: unknown }[];
      assert.ok(documents.length > 0 && documents.every((d) => typeof d.kind === "string"));
      assert.deepEqual(parseYamlDocuments(documents.map((d) => marshalYaml(d)).join("---\n")), documents);
    });
  }

  it("reads hand-written YAML with comments after values", () => {
    const text = readFileSync(path.join(FIXTURE_RELEASE_DIR, "policies.yaml"), "utf8");
    assert.equal(parseYamlDocuments(text).length, 3);
  });

  // NEL is folded on the way out; go-yaml reads a raw U+2028 as a line break, YAML 1.2 parsers do not.
  const cases = [...quotingCases, ...blockCases, ...foldingCases, ...numberCases, ...collectionCases].filter(
    ([name]) => !name.startsWith("NEL") && name !== "line separator",
  );
  it("reads back every marshalled table case", () => {
    for (const [name, value] of cases) {
      const text = marshalYaml({ v: value });
      const expected = [{ v: Object.is(value, -0) ? 0 : value }];
      assert.deepEqual(parseYamlDocuments(text), expected, `case ${name}`);
    }
  });

  it("resolves plain scalars as go-yaml v3 does (YAML 1.2 booleans, Go integer syntax, timestamps as text)", () => {
    const text = [
      "yes: yes",
      "on: on",
      "t: true",
      "f: False",
      "n: ~",
      "e:",
      "q: '123'",
      "i: 0777",
      "u: 1_000",
      "h: 0x1F",
      "o: 0o17",
      "x: 1e3",
      "d: .5",
      "s: 2001-12-14",
      "big: 1e999",
      "neg: -12",
      "tilde: '~'",
    ].join("\n");
    const expected = {
      yes: "yes",
      on: "on",
      t: true,
      f: false,
      n: null,
      e: null,
      q: "123",
      i: 511,
      u: 1000,
      h: 31,
      o: 15,
      x: 1000,
      d: 0.5,
      s: "2001-12-14",
      big: "1e999",
      neg: -12,
      tilde: "~",
    };
    assert.deepEqual(parseYamlDocuments(text), [expected]);
  });

  it("reads folded quoted scalars, literal blocks and indentless sequences", () => {
    const text = [
      "a: 'one two",
      "  three'",
      'b: "x\\ty',
      '  \\ z"',
      "c: |+",
      "  keep",
      "",
      "d:",
      "- - 1",
      "  - 2",
      "- k: v",
      "  l: []",
      "e: plain",
      "  continued",
    ].join("\n");
    const expected = [{ a: "one two three", b: "x\ty  z", c: "keep\n\n", d: [[1, 2], { k: "v", l: [] }], e: "plain continued" }];
    assert.deepEqual(parseYamlDocuments(text), expected);
  });

  it("drops empty documents, as kustomize's reader does", () => {
    assert.deepEqual(parseYamlDocuments("---\n# only a comment\n---\na: 1\n---\n"), [{ a: 1 }]);
  });

  it("keeps __proto__ as an ordinary key", () => {
    const [doc] = parseYamlDocuments("__proto__: x\n") as Record<string, unknown>[];
    assert.equal(Object.getPrototypeOf(doc), Object.prototype);
    assert.deepEqual(Object.keys(doc), ["__proto__"]);
  });

  it("rejects duplicate keys", () => {
    assert.throws(() => parseYamlDocuments("a: 1\na: 2\n"), /invalid YAML: .*unique/i);
  });

  it("rejects merge keys, which kustomize would expand", () => {
    assert.throws(() => parseYamlDocuments("base: &b {x: 1}\nderived:\n  <<: *b\n"), /merge keys \(<<\) are not supported/);
  });

  it("rejects malformed YAML with the parser's message", () => {
    assert.throws(() => parseYamlDocuments("a: [1, 2\n"), /invalid YAML: /);
  });
});
