/** Values whose YAML form the goYaml tests pin down; the oracle test feeds the same values to kubectl kustomize. */
const LONG = "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt";

export const quotingCases: readonly (readonly [string, string])[] = [
  ["YAML 1.1 bool yes", "yes"], ["YAML 1.1 bool No", "No"], ["YAML 1.1 bool ON", "ON"], ["YAML 1.1 bool off", "off"],
  ["YAML 1.1 bool y", "y"], ["YAML 1.1 bool n", "n"], ["null word ~", "~"], ["null word", "null"], ["bool true", "true"],
  ["bool FALSE", "FALSE"], ["empty string", ""], ["port number", "8080"], ["negative int as text", "-1"], ["signed int", "+1"],
  ["hex int", "0x1F"], ["octal int", "0o17"], ["legacy octal", "017"], ["invalid octal, a float", "08"],
  ["int with underscore", "1_000"], ["exponent float", "1e3"], ["decimal float", "1.5"], ["dot float", ".5"],
  ["infinity", ".inf"], ["negative infinity", "-.Inf"], ["not a number", ".nan"], ["base-60 float", "1:20"],
  ["port mapping (not base 60)", "8080:80"], ["date", "2001-12-14"], ["timestamp", "2001-12-14T21:59:43.10Z"],
  ["spaced timestamp", "2001-12-14 21:59:43.10"], ["impossible date", "2001-02-30"], ["float out of range", "1e999"],
  ["merge key", "<<"], ["equals", "="], ["alias indicator", "*"], ["alias-like", "*foo"], ["anchor-like", "&a"],
  ["tag-like", "!tag"], ["dash space", "- a"], ["dash word", "-a"], ["lone dash", "-"], ["lone colon", ":"],
  ["trailing colon", "a:"], ["colon space inside", "a: b"], ["colon inside", "a:b"], ["question mark", "?"],
  ["question space", "? a"], ["question word", "?a"], ["flow sequence", "[a]"], ["bracket inside", "a[0]"],
  ["flow map", "{a}"], ["comma inside", "a,b"], ["leading comma", ",a"], ["leading hash", "#a"],
  ["space hash inside", "a #b"], ["hash inside", "a#b"], ["pipe", "|"], ["greater than", ">"], ["single quote", "'"],
  ["quoted word", "'a'"], ["double quote", '"'], ["percent", "%x"], ["at sign", "@x"], ["backtick", "`x"],
  ["document start", "---"], ["document start and text", "--- a"], ["document end", "..."], ["trailing dots", "a..."],
  ["leading space on one line", " leading"], ["trailing space", "trailing "], ["tab", "tab\there"], ["non-ASCII letters", "é日本"],
  ["astral emoji", "emoji😀"], ["line separator", "ls\u2028x"], ["NEL, folded as Go reads its JSON", "nel\u0085x"],
  ["leading BOM", "\uFEFFbom"], ["control character", "ctrl\u0007"],
];

export const blockCases: readonly (readonly [string, string])[] = [
  ["strip chomping", "a\nb"], ["clip chomping", "a\nb\n"], ["keep chomping", "a\nb\n\n"], ["leading break", "\na"],
  ["leading space on several lines", " a\nb"], ["space before break", "a \nb"], ["space after break", "a\n b"], ["tab and break", "a\tb\nc"],
  ["lone break", "\n"], ["CRLF", "a\r\nb"],
];

export const foldingCases: readonly (readonly [string, string])[] = [
  ["plain folds after column 80", LONG],
  ["single-quoted folds after column 80", `key: ${LONG}`],
  ["no fold at a double space", LONG.replace("pppp ", "pppp  ")],
  ["double-quoted folds after column 80", `x\t${LONG}`],
  ["no space, no fold", "https://example.com/a/very/long/url/that/has/no/spaces/at/all/and/goes/past/the/eighty/column/limit"],
  ["fold where the next line starts with a space", `${"d".repeat(70)} ${"e".repeat(8)}  tail\tx`],
];

export const numberCases: readonly (readonly [string, number])[] = [
  ["zero", 0], ["negative zero", -0], ["small int", 1], ["negative int", -7], ["fraction", 1.5], ["negative fraction", -0.25],
  ["million (an integer)", 1e6], ["large fraction", 1234567.5], ["six-digit fraction", 123456.5], ["1e-4", 0.0001],
  ["1e-5", 0.00001], ["1e21", 1e21], ["beyond int64, below uint64", 2 ** 63], ["beyond uint64", 2e19], ["pi", 3.14159],
];

export const collectionCases: readonly (readonly [string, unknown])[] = [
  ["empty map", {}], ["empty list", []], ["list of empty list", [[]]], ["list of empty map", [{}]],
  ["map with empty list", { a: [] }], ["nested lists", [[1, 2], [3]]], ["lists of maps", [{ a: 1, b: [{ c: "d" }] }]],
  ["nested maps", { nested: { deeper: { deepest: "x" } } }], ["booleans and null", [true, false, null]],
];

/** Keys in go-yaml's order: non-letters first, digit runs by value. (Some key sets have no Go order: 1a, 9a, 10a cycle.) */
export const SORTED_KEYS = [
  "", "-a", ".a", "_a", "9", "10", "100", "8080", "A", "B", "a b", "a-b", "a.b", "a: b", "a_b", "a1", "a01", "a2", "a10",
  "b", "on", "x1y2", "x1y10", "yes", "é",
];
