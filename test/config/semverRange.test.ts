import assert from "node:assert/strict";
import { isFluxSemverRange } from "../../config/semverRange";

// Ranges as Masterminds/semver v3 NewConstraint (used by Flux's source-controller for spec.ref.semver) reads them.
describe("config: semver ranges Flux can compare tags with", () => {
  for (const range of [
    ">=1.4.0 <2.0.0",
    "~1.4",
    "^1.2.3",
    "1.x",
    "*",
    ">= 1.2, < 1.5",
    "1.2 - 1.4.5",
    ">=1.0.0-0",
    "v1.5.0",
    "~1.2 || ^2.0",
    "=1.5.0",
    "1.5.0-rc.1+build.5",
  ]) {
    it(`accepts ${range}`, () => assert.equal(isFluxSemverRange(range), true));
  }
  for (const range of ["", "staging-v1.5.0", ">=staging-v1.5.0", "prod-1.x", "latest", "1.2.3.4", ">=", "1.2 ||", "01.2.3"]) {
    it(`rejects ${JSON.stringify(range)}`, () => assert.equal(isFluxSemverRange(range), false));
  }
});
