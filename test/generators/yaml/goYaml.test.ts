import { strict as assert } from "node:assert";
import { marshalYaml, marshalYamlDocuments } from "../../../generators/yaml/goYaml";
import { goYamlKeyLess } from "../../../generators/yaml/goYamlResolve";
import { blockCases, collectionCases, foldingCases, numberCases, quotingCases, SORTED_KEYS } from "./goYamlCases";

/** `marshalYaml({ v: value })` as kubectl kustomize (sigs.k8s.io/yaml) prints it; the oracle test re-checks these cases. */
const EXPECTED = new Map<string, string>([
  ["YAML 1.1 bool yes", 'v: "yes"\n'],
  ["YAML 1.1 bool No", 'v: "No"\n'],
  ["YAML 1.1 bool ON", 'v: "ON"\n'],
  ["YAML 1.1 bool off", 'v: "off"\n'],
  ["YAML 1.1 bool y", 'v: "y"\n'],
  ["YAML 1.1 bool n", 'v: "n"\n'],
  ["null word ~", 'v: "~"\n'],
  ["null word", 'v: "null"\n'],
  ["bool true", 'v: "true"\n'],
  ["bool FALSE", 'v: "FALSE"\n'],
  ["empty string", 'v: ""\n'],
  ["port number", 'v: "8080"\n'],
  ["negative int as text", 'v: "-1"\n'],
  ["signed int", 'v: "+1"\n'],
  ["hex int", 'v: "0x1F"\n'],
  ["octal int", 'v: "0o17"\n'],
  ["legacy octal", 'v: "017"\n'],
  ["invalid octal, a float", 'v: "08"\n'],
  ["int with underscore", 'v: "1_000"\n'],
  ["exponent float", 'v: "1e3"\n'],
  ["decimal float", 'v: "1.5"\n'],
  ["dot float", 'v: ".5"\n'],
  ["infinity", 'v: ".inf"\n'],
  ["negative infinity", 'v: "-.Inf"\n'],
  ["not a number", 'v: ".nan"\n'],
  ["base-60 float", 'v: "1:20"\n'],
  ["port mapping (not base 60)", "v: 8080:80\n"],
  ["date", 'v: "2001-12-14"\n'],
  ["timestamp", 'v: "2001-12-14T21:59:43.10Z"\n'],
  ["spaced timestamp", 'v: "2001-12-14 21:59:43.10"\n'],
  ["impossible date", "v: 2001-02-30\n"],
  ["float out of range", "v: 1e999\n"],
  ["merge key", "v: <<\n"],
  ["equals", "v: =\n"],
  ["alias indicator", "v: '*'\n"],
  ["alias-like", "v: '*foo'\n"],
  ["anchor-like", "v: '&a'\n"],
  ["tag-like", "v: '!tag'\n"],
  ["dash space", "v: '- a'\n"],
  ["dash word", "v: -a\n"],
  ["lone dash", "v: '-'\n"],
  ["lone colon", "v: ':'\n"],
  ["trailing colon", "v: 'a:'\n"],
  ["colon space inside", "v: 'a: b'\n"],
  ["colon inside", "v: a:b\n"],
  ["question mark", "v: '?'\n"],
  ["question space", "v: '? a'\n"],
  ["question word", "v: ?a\n"],
  ["flow sequence", "v: '[a]'\n"],
  ["bracket inside", "v: a[0]\n"],
  ["flow map", "v: '{a}'\n"],
  ["comma inside", "v: a,b\n"],
  ["leading comma", "v: ',a'\n"],
  ["leading hash", "v: '#a'\n"],
  ["space hash inside", "v: 'a #b'\n"],
  ["hash inside", "v: a#b\n"],
  ["pipe", "v: '|'\n"],
  ["greater than", "v: '>'\n"],
  ["single quote", "v: ''''\n"],
  ["quoted word", "v: '''a'''\n"],
  ["double quote", "v: '\"'\n"],
  ["percent", "v: '%x'\n"],
  ["at sign", "v: '@x'\n"],
  ["backtick", "v: '`x'\n"],
  ["document start", "v: '---'\n"],
  ["document start and text", "v: '--- a'\n"],
  ["document end", "v: '...'\n"],
  ["trailing dots", "v: a...\n"],
  ["leading space on one line", "v: ' leading'\n"],
  ["trailing space", "v: 'trailing '\n"],
  ["tab", 'v: "tab\\there"\n'],
  ["non-ASCII letters", "v: é日本\n"],
  ["astral emoji", 'v: "emoji\\U0001F600"\n'],
  ["line separator", "v: 'ls   x'\n"],
  ["NEL, folded as Go reads its JSON", "v: nel x\n"],
  ["leading BOM", 'v: "\\uFEFF\\x62\\x6F\\x6D"\n'],
  ["control character", 'v: "ctrl\\a"\n'],
  ["strip chomping", "v: |-\n  a\n  b\n"],
  ["clip chomping", "v: |\n  a\n  b\n"],
  ["keep chomping", "v: |+\n  a\n  b\n\n"],
  ["leading break", "v: |2-\n\n  a\n"],
  ["leading space on several lines", "v: |2-\n   a\n  b\n"],
  ["space before break", 'v: "a \\nb"\n'],
  ["space after break", "v: |-\n  a\n   b\n"],
  ["tab and break", 'v: "a\\tb\\nc"\n'],
  ["lone break", "v: |2+\n\n"],
  ["CRLF", 'v: "a\\r\\nb"\n'],
  [
    "plain folds after column 80",
    "v: aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp\n  qqqq rrrr ssss tttt\n",
  ],
  [
    "single-quoted folds after column 80",
    "v: 'key: aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo\n  pppp qqqq rrrr ssss tttt'\n",
  ],
  [
    "no fold at a double space",
    "v: aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp  qqqq\n  rrrr ssss tttt\n",
  ],
  [
    "double-quoted folds after column 80",
    'v: "x\\taaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo\n  pppp qqqq rrrr ssss tttt"\n',
  ],
  ["no space, no fold", "v: https://example.com/a/very/long/url/that/has/no/spaces/at/all/and/goes/past/the/eighty/column/limit\n"],
  [
    "fold where the next line starts with a space",
    'v: "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd eeeeeeee\n  \\ tail\\tx"\n',
  ],
  ["zero", "v: 0\n"],
  ["negative zero", "v: 0\n"],
  ["small int", "v: 1\n"],
  ["negative int", "v: -7\n"],
  ["fraction", "v: 1.5\n"],
  ["negative fraction", "v: -0.25\n"],
  ["million (an integer)", "v: 1000000\n"],
  ["large fraction", "v: 1.2345675e+06\n"],
  ["six-digit fraction", "v: 123456.5\n"],
  ["1e-4", "v: 0.0001\n"],
  ["1e-5", "v: 1e-05\n"],
  ["1e21", "v: 1e+21\n"],
  ["beyond int64, below uint64", "v: 9223372036854776000\n"],
  ["beyond uint64", "v: 2e+19\n"],
  ["pi", "v: 3.14159\n"],
  ["empty map", "v: {}\n"],
  ["empty list", "v: []\n"],
  ["list of empty list", "v:\n- []\n"],
  ["list of empty map", "v:\n- {}\n"],
  ["map with empty list", "v:\n  a: []\n"],
  ["nested lists", "v:\n- - 1\n  - 2\n- - 3\n"],
  ["lists of maps", "v:\n- a: 1\n  b:\n  - c: d\n"],
  ["nested maps", "v:\n  nested:\n    deeper:\n      deepest: x\n"],
  ["booleans and null", "v:\n- true\n- false\n- null\n"],
]);

function expectedFor(name: string): string {
  const text = EXPECTED.get(name);
  if (text === undefined) throw new Error(`no expected output for case ${name}`);
  return text;
}

describe("marshalYaml (go-yaml v2 output)", () => {
  const groups = {
    quoting: quotingCases,
    "literal blocks": blockCases,
    "folding at width 80": foldingCases,
    numbers: numberCases,
    collections: collectionCases,
  };
  for (const [group, cases] of Object.entries(groups)) {
    describe(group, () => {
      for (const [name, value] of cases) {
        it(name, () => assert.equal(marshalYaml({ v: value }), expectedFor(name)));
      }
    });
  }

  it("sorts keys as go-yaml does: non-letters first, digit runs by value", () => {
    const shuffled = [...SORTED_KEYS].reverse();
    const object = Object.fromEntries(shuffled.map((key) => [key, 1]));
    const keysInOutput = marshalYaml(object)
      .trimEnd()
      .split("\n")
      .map((line) => line.slice(0, line.lastIndexOf(": 1")));
    assert.deepEqual(keysInOutput, [
      '""',
      "-a",
      ".a",
      "_a",
      '"9"',
      '"10"',
      '"100"',
      '"8080"',
      "A",
      "B",
      "a b",
      "a-b",
      "a.b",
      "'a: b'",
      "a_b",
      "a1",
      "a01",
      "a2",
      "a10",
      "b",
      '"on"',
      "x1y2",
      "x1y10",
      '"yes"',
      "é",
    ]);
    for (let i = 1; i < SORTED_KEYS.length; i++)
      assert.ok(goYamlKeyLess(SORTED_KEYS[i - 1], SORTED_KEYS[i]), `${SORTED_KEYS[i - 1]} < ${SORTED_KEYS[i]}`);
  });

  it("writes keys over 128 bytes as complex keys", () => {
    assert.equal(marshalYaml({ ["k".repeat(129)]: "v", ["l".repeat(128)]: "w" }), `? ${"k".repeat(129)}\n: v\n${"l".repeat(128)}: w\n`);
  });

  it("writes root scalars, lists and empty collections", () => {
    assert.equal(marshalYaml("a"), "a\n");
    assert.equal(marshalYaml("a\nb"), "|-\n  a\n  b\n");
    assert.equal(marshalYaml(null), "null\n");
    assert.equal(marshalYaml({}), "{}\n");
    assert.equal(marshalYaml([]), "[]\n");
    assert.equal(marshalYaml([1, "- x", { a: ["b"] }]), "- 1\n- '- x'\n- a:\n  - b\n");
  });

  it("follows JSON.stringify for undefined members and toJSON", () => {
    const date = new Date(Date.UTC(2024, 0, 2, 3, 4, 5));
    assert.equal(marshalYaml({ a: undefined, b: [undefined, () => 1], c: date }), 'b:\n- null\n- null\nc: "2024-01-02T03:04:05.000Z"\n');
  });

  it("joins documents with ---", () => {
    assert.equal(marshalYamlDocuments([{ a: 1 }, ["b"]]), "a: 1\n---\n- b\n");
    assert.equal(marshalYamlDocuments([]), "");
  });

  it("rejects values without a JSON form", () => {
    assert.throws(() => marshalYaml(undefined), /cannot marshal undefined to YAML/);
    assert.throws(() => marshalYaml({ a: NaN }), /cannot marshal NaN to YAML: JSON has no non-finite numbers/);
    assert.throws(() => marshalYaml([Infinity]), /cannot marshal Infinity/);
    assert.throws(() => marshalYaml({ a: 1n }), /cannot marshal a bigint/);
  });

  it("rejects control characters go-yaml refuses to read", () => {
    assert.throws(() => marshalYaml({ a: "del\u007f" }), /control character U\+007F/);
    assert.throws(() => marshalYaml({ ["c1\u0090"]: 1 }), /control character U\+0090/);
  });

  it("replaces lone surrogates as Go's JSON encoder does", () => {
    assert.equal(marshalYaml({ a: "x\uD800y" }), "a: x\uFFFDy\n");
  });
});
