// @ts-check
// `npm run synth:hcl`: after `cdktf synth`, writes each stack's configuration as HCL for review
// to cdktf.out/review/<stack>.tf (outside the stacks' working directories, so Terraform never
// reads it next to cdk.tf.json). See lib/hcl/render-hcl.ts for why not `cdktf synth --hcl`.
const fs = require("node:fs");
const path = require("node:path");

require("./app-build.cjs").ensureBuilt();
// The built renderer (lib/hcl/render-hcl.ts), loaded by its path: its sources are type-checked.
/** @type {{ renderHcl(config: unknown): string, writeFileAtomically(file: string, text: string): void }} */
const { renderHcl, writeFileAtomically } = require(path.join(__dirname, "..", "dist", "hcl.js"));

const outdir = process.env.CDKTF_OUTDIR ?? "cdktf.out";
const stacks = path.join(outdir, "stacks");
const review = path.join(outdir, "review");
fs.mkdirSync(review, { recursive: true });
for (const stack of fs.readdirSync(stacks).sort()) {
  const config = JSON.parse(fs.readFileSync(path.join(stacks, stack, "cdk.tf.json"), "utf8"));
  const file = path.join(review, `${stack}.tf`);
  // Written whole or not at all: a reviewer never reads half a file.
  writeFileAtomically(file, renderHcl(config));
  console.log(`wrote ${file}`);
}
