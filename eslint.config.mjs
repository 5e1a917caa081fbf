import tseslint from "typescript-eslint";

/**
 * The layers and which way imports go (README, "Architecture"):
 * generators (pure) <- config <- plan <- components <- program, and plan <- render.
 * Each folder lists the layers it must not import; relative import paths are matched
 * by the folder they name, which is unambiguous because no folder inside a layer
 * reuses a layer's name. "program" is program.ts and its program*.ts parts at the root.
 */
const layers = ["config", "generators", "plan", "components", "release", "render", "bench", "test", "program", "index"];
const layerRegex = (name) => (name === "program" ? "program[A-Za-z]*" : name);
const layerPattern = (names) => `^(\\.{1,2}/)+(${names.map(layerRegex).join("|")})(\\.ts)?(/|$)`;
const impure = ["@pulumi/*", "node:fs", "fs", "node:child_process", "child_process", "node:http", "node:https", "node:net"];

/** `no-restricted-imports` for files of one layer: `forbidden` layers (and `packages`), with why. */
function boundary(files, forbidden, why, packages = []) {
  for (const name of forbidden) if (!layers.includes(name)) throw new Error(`unknown layer ${name}`);
  const patterns = [{ regex: layerPattern(forbidden), message: why }];
  if (packages.length > 0) patterns.push({ group: packages, message: why });
  return { files, rules: { "no-restricted-imports": ["error", { patterns }] } };
}

const product = ["test", "bench"];
const boundaries = [
  boundary(
    ["generators/**/*.ts"],
    ["config", "plan", "components", "release", "render", "program", "index", ...product],
    "generators are pure and own their input types: no config, plan, components, I/O or Pulumi (plan maps config onto generator options)",
    impure,
  ),
  boundary(
    ["config/**/*.ts"],
    ["plan", "components", "release", "render", "program", "index", ...product],
    "config may use generator types and defaults only; the plan maps config onto generators",
  ),
  boundary(
    ["plan/**/*.ts"],
    ["components", "release", "render", "program", "index", ...product],
    "the plan is pure: config and generators in, files, objects and Secrets out",
    impure,
  ),
  boundary(
    ["components/**/*.ts"],
    ["config", "release", "render", "program", "index", ...product],
    "components take their own documented args, not config; the program maps config and the plan onto them",
  ),
  boundary(
    ["release/**/*.ts"],
    ["config", "plan", "components", "render", "program", "index", ...product],
    "the release fetcher takes plain options; the program and render pass config values",
  ),
  boundary(["render/**/*.ts"], ["components", "program", "index", ...product], "render runs the plan without Pulumi components"),
  boundary(
    ["bench/**/*.ts"],
    ["components", "program", "index", "test"],
    "benchmarks are product code beside the program: they never import test/",
  ),
  boundary(["*.ts"], ["render", ...product], "the program never imports render, bench or test code"),
];

export default tseslint.config(
  { ignores: ["node_modules/**", "bin/**", "policy/node_modules/**", "policy/bin/**", "out/**", "scratch/**", ".scratch/**"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
      eqeqeq: ["error", "always"],
      "prefer-const": "error",
    },
  },
  ...boundaries,
  {
    // Files of a few hundred lines at most (DESIGN.md): split by behaviour, never by halves (test/lint/maxLines.test.ts).
    files: ["**/*.ts"],
    rules: { "max-lines": ["error", { max: 300, skipBlankLines: false, skipComments: false }] },
  },
  {
    // Tests (and the e2e loop) walk recorded resource inputs and parsed YAML, which are untyped JSON by nature.
    files: ["test/**/*.ts", "policy/test/**/*.ts", "e2e/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
