#!/usr/bin/env node
// @ts-check
// The package.json that goes into the tarball names only what the tarball holds: its scripts
// (prepare, prepack, build...) run this repository's scripts/, which are not shipped, and npm
// would warn about them on install. `prepack` keeps the repository's manifest aside and writes
// the published one; `postpack` puts the repository's back. Usage: pack-manifest.mjs strip|restore
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";

const MANIFEST = "package.json";
const KEPT = "package.json.repository";

const [mode] = process.argv.slice(2);
if (mode === "strip") {
  if (existsSync(KEPT)) {
    console.error(
      `${KEPT} exists: a pack was interrupted; run: node scripts/pack-manifest.mjs restore`,
    );
    process.exit(1);
  }
  const manifest = JSON.parse(readFileSync(MANIFEST, "utf8"));
  renameSync(MANIFEST, KEPT);
  const { scripts: _scripts, devDependencies: _dev, allowScripts: _allow, ...published } = manifest;
  void _scripts;
  void _dev;
  void _allow;
  writeFileSync(`${MANIFEST}.tmp`, JSON.stringify(published, null, 2) + "\n");
  renameSync(`${MANIFEST}.tmp`, MANIFEST);
} else if (mode === "restore") {
  if (existsSync(KEPT)) renameSync(KEPT, MANIFEST);
} else {
  console.error("usage: pack-manifest.mjs strip|restore");
  process.exit(2);
}
