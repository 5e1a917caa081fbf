import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { gzipSync } from "node:zlib";
import { TarGzError, readTarGz } from "../../release/releaseArchive";
import { requireTool, runTool } from "../support/realTools";
import { tarBuffer, tarGzBuffer } from "../support/tarWriter";
import { REAL_FLUX_DIR, makeTempDir, requireRealFluxRelease } from "../support/fakeRelease";

function listing(gz: Buffer): string[] {
  return readTarGz(gz).map((f) => f.path);
}

function rejectsArchive(gz: Buffer, pattern: RegExp, limits?: Parameters<typeof readTarGz>[1]): void {
  assert.throws(
    () => readTarGz(gz, limits),
    (err: unknown) => {
      assert.ok(err instanceof TarGzError, `expected TarGzError, got ${String(err)}`);
      assert.match(err.message, pattern);
      return true;
    },
  );
}

describe("release/releaseArchive readTarGz (the tar package, bounded)", () => {
  it("reads regular files at the archive root with their contents", () => {
    const files = readTarGz(tarGzBuffer([{ name: "rbac.yaml", content: "kind: A\n" }, { name: "empty.yaml" }]));
    assert.deepEqual(
      files.map((f) => [f.path, f.data.toString()]),
      [
        ["rbac.yaml", "kind: A\n"],
        ["empty.yaml", ""],
      ],
    );
  });

  it("strips a ./ prefix and keeps sub-directories in the path", () => {
    const gz = tarGzBuffer([{ name: "./", type: "dir" }, { name: "./rbac.yaml" }, { name: "./sub//x.yaml" }]);
    assert.deepEqual(listing(gz), ["rbac.yaml", "sub/x.yaml"]);
  });

  it("reads pax and GNU long names", () => {
    const longName = `${"d".repeat(90)}/${"e".repeat(60)}/policies.yaml`;
    const gz = tarGzBuffer([
      { name: longName, content: "pax", longNames: "pax" },
      { name: `gnu/${longName}`, content: "gnu", longNames: "gnu" },
      { name: "short.yaml", content: "short" },
    ]);
    assert.deepEqual(
      readTarGz(gz).map((f) => [f.path, f.data.toString()]),
      [
        [longName, "pax"],
        [`gnu/${longName}`, "gnu"],
        ["short.yaml", "short"],
      ],
    );
  });

  it("skips directories and symlinks", () => {
    const gz = tarGzBuffer([
      { name: "dir/", type: "dir" },
      { name: "link.yaml", type: "symlink", linkName: "/etc/passwd" },
      { name: "dir/rbac.yaml", content: "x" },
    ]);
    assert.deepEqual(listing(gz), ["dir/rbac.yaml"]);
  });

  it("accepts an archive without end-of-archive blocks", () => {
    const tar = tarBuffer([{ name: "rbac.yaml", content: "x" }]);
    assert.deepEqual(listing(gzipSync(tar.subarray(0, tar.length - 1024))), ["rbac.yaml"]);
  });

  it("rejects an absolute path", () => {
    rejectsArchive(tarGzBuffer([{ name: "/etc/rbac.yaml" }]), /"\/etc\/rbac.yaml" has an absolute path/);
  });

  it("rejects a .. segment, in the header or in a pax path", () => {
    rejectsArchive(tarGzBuffer([{ name: "ok.yaml" }, { name: "../rbac.yaml" }]), /"\.\.\/rbac.yaml" escapes the archive/);
    rejectsArchive(tarGzBuffer([{ name: `a/../../${"x".repeat(120)}.yaml` }]), /escapes the archive/);
  });

  it("rejects .. even on entries it would skip", () => {
    rejectsArchive(tarGzBuffer([{ name: "../dir/", type: "dir" }]), /escapes the archive/);
  });

  it("rejects more entries than the limit", () => {
    const gz = tarGzBuffer(Array.from({ length: 11 }, (_, i) => ({ name: `f${i}.yaml` })));
    rejectsArchive(gz, /more than 10 entries/, { maxEntries: 10, maxUnpackedBytes: 1024 * 1024 });
  });

  it("rejects an archive that unpacks beyond the size limit", () => {
    const gz = tarGzBuffer([{ name: "bomb.yaml", content: Buffer.alloc(2 * 1024 * 1024) }]);
    assert.ok(gz.length < 10 * 1024);
    rejectsArchive(gz, /unpacks to more than 1 MiB/, { maxEntries: 10, maxUnpackedBytes: 1024 * 1024 });
  });

  it("rejects truncated gzip", () => {
    const gz = tarGzBuffer([{ name: "rbac.yaml", content: "x".repeat(5000) }]);
    rejectsArchive(gz.subarray(0, gz.length - 20), /not a valid gzip stream \(unexpected end of file\)/);
  });

  it("rejects data that is not gzip", () => {
    rejectsArchive(Buffer.from("<html>rate limited</html>"), /not a valid gzip stream/);
  });

  it("rejects a tar stream truncated inside an entry", () => {
    const tar = tarBuffer([{ name: "rbac.yaml", content: "x".repeat(2000) }]);
    rejectsArchive(gzipSync(tar.subarray(0, 1024)), /truncated inside an entry/);
  });

  it("rejects gzip that does not hold a tar archive", () => {
    rejectsArchive(gzipSync(Buffer.from("apiVersion: v1\n".repeat(100))), /not a tar archive \(bad header checksum/);
  });
});

describe("release/releaseArchive oracle: system tar", () => {
  it("lists the real Flux v2.9.0 tarball as `tar -tzf` does, with the unpacked files' contents", function () {
    requireTool(this, "tar");
    requireRealFluxRelease(this);
    const tarball = path.join(REAL_FLUX_DIR, "manifests.tar.gz");
    const systemListing = runTool("tar", ["-tzf", tarball]).split("\n").filter(Boolean);
    const files = readTarGz(fs.readFileSync(tarball));
    assert.deepEqual(
      files.map((f) => f.path),
      systemListing,
    );
    for (const file of files) {
      assert.ok(file.data.equals(fs.readFileSync(path.join(REAL_FLUX_DIR, "manifests", file.path))), file.path);
    }
  });

  it("reads what the system tar writes (gnu, pax, ustar prefix) with a ./ prefix and long names", function () {
    requireTool(this, "tar");
    const dir = makeTempDir();
    try {
      const longDir = `${"l".repeat(80)}/${"m".repeat(30)}`;
      fs.mkdirSync(path.join(dir, "src", longDir), { recursive: true });
      fs.writeFileSync(path.join(dir, "src", "rbac.yaml"), "rbac");
      fs.writeFileSync(path.join(dir, "src", longDir, "policies.yaml"), "policies");
      const out = path.join(dir, "fixture.tar.gz");
      for (const format of ["gnu", "pax", "ustar"]) {
        runTool("tar", [`--format=${format}`, "-czf", out, "-C", path.join(dir, "src"), "."]);
        const expected = runTool("tar", ["-tzf", out])
          .split("\n")
          .filter((n) => n && !n.endsWith("/"));
        const files = readTarGz(fs.readFileSync(out));
        assert.deepEqual(files.map((f) => f.path).sort(), expected.map((n) => n.replace(/^\.\//, "")).sort(), format);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("agrees with `tar -tzf` on archives from the test tar writer", function () {
    requireTool(this, "tar");
    const longName = `${"p".repeat(110)}/rbac.yaml`;
    const gz = tarGzBuffer([
      { name: "./source-controller.yaml", content: "s" },
      { name: longName, content: "pax" },
      { name: `g/${longName}`, content: "gnu", longNames: "gnu" },
    ]);
    const systemListing = runTool("tar", ["-tzf", "-"], gz).split("\n").filter(Boolean);
    assert.deepEqual(
      listing(gz),
      systemListing.map((n) => n.replace(/^\.\//, "")),
    );
  });
});
