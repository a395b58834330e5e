/**
 * What the deploy reads from the synthesized output before Terraform: the stacks the patterns
 * name, those whose provider verifies the certificate, and a backend changed since `init`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { movedBackendMessage, movedBackends } from "../../lib/deploy/backend-change";
import { expandStacks, verifyingStacks } from "../../lib/deploy/synthesized-stacks";

let outdir: string;
beforeEach(() => {
  outdir = mkdtempSync(path.join(tmpdir(), "da-manage-out-synthesized-"));
  writeFileSync(
    path.join(outdir, "manifest.json"),
    JSON.stringify({ stacks: { "corp-east": {}, "corp-west": {}, lab: {} } }),
  );
  stack("corp-east", { bigip: [{}] }, { pg: { conn_str: "postgres://db/a" } });
  stack("corp-west", { bigip: [{ validate_certs_disable: false }] }, { local: {} });
  stack("lab", { bigip: [{ validate_certs_disable: true }] }, undefined);
});
afterEach(() => rmSync(outdir, { recursive: true, force: true }));

function stack(name: string, provider: object, backend: object | undefined): void {
  mkdirSync(path.join(outdir, "stacks", name), { recursive: true });
  writeFileSync(
    path.join(outdir, "stacks", name, "cdk.tf.json"),
    JSON.stringify({ provider, terraform: backend ? { backend } : {} }),
  );
}

function initialised(name: string, backend: object): void {
  mkdirSync(path.join(outdir, "stacks", name, ".terraform"), { recursive: true });
  writeFileSync(
    path.join(outdir, "stacks", name, ".terraform", "terraform.tfstate"),
    JSON.stringify({ backend }),
  );
}

describe("expandStacks", () => {
  test("names and patterns, each stack once, in the order given", () => {
    expect(expandStacks(["lab", "corp-*", "corp-east"], outdir)).toEqual([
      "lab",
      "corp-east",
      "corp-west",
    ]);
  });

  test("a pattern that matches nothing names the stacks there are", () => {
    expect(expandStacks(["corp.east"], outdir)).toBe(
      `no stack 'corp.east' among corp-east, corp-west, lab`,
    );
  });

  test("no manifest: nothing was synthesized there", () => {
    expect(expandStacks(["lab"], path.join(outdir, "none"))).toBe(
      `no synthesized stacks in ${path.join(outdir, "none")}: cannot check what cdktf did`,
    );
  });
});

test("verifyingStacks: every stack but the one that says validate_certs_disable: true", () => {
  expect(verifyingStacks(["corp-east", "corp-west", "lab"], outdir)).toEqual([
    "corp-east",
    "corp-west",
  ]);
});

describe("movedBackends", () => {
  test("a folder never initialised, or initialised with the same backend, is not moved", () => {
    initialised("corp-east", { type: "pg", config: { conn_str: "postgres://db/a" } });
    expect(movedBackends(["corp-east", "corp-west", "lab"], outdir)).toEqual([]);
  });

  test("a changed key, a key gone, and a changed type", () => {
    initialised("corp-east", {
      type: "pg",
      config: { conn_str: "postgres://db/b", schema_name: "x" },
    });
    initialised("corp-west", { type: "s3", config: {} });
    const moved = movedBackends(["corp-east", "corp-west"], outdir);
    expect(moved).toEqual([
      { stack: "corp-east", keys: ["conn_str", "schema_name"] },
      { stack: "corp-west", keys: ["type s3 → local"] },
    ]);
    expect(movedBackendMessage("deploy", moved[0], outdir, outdir)).toBe(
      `da-manage-out deploy: corp-east: the state backend changed (conn_str, schema_name) since ${path.join("stacks", "corp-east")} was initialised; Terraform would stop at "Backend configuration changed". Move the state first: cd ${path.join(outdir, "stacks", "corp-east")} && terraform init -migrate-state (docs/terraform.md, "Changing the backend"); to start that stack's state anew instead, delete its .terraform folder\n`,
    );
  });
});
