/**
 * Every terminal example in the README and the docs (`$ npx da-manage-out ...` and the lines
 * after it) is what the tool prints: each is run in a folder holding what the example's reader
 * has (the example inventories, or the file the example names), and its output compared. An
 * example that needs a device is listed as such; any other new example is run.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

const REPO = path.resolve(__dirname, "..");
const DOCUMENTS = ["README.md", "docs/operator-tools.md"];

/** Examples that talk to a BIG-IP or need files only a DA server writes: not run here. */
const NOT_RUN: Record<string, string> = {
  doctor: "needs a device (the integration suite runs doctor against the fake BIG-IP)",
  audit: "needs a device (the integration suite runs audit against the fake BIG-IP)",
  "sync-status":
    "needs a device (__tests__/cli/config-sync-commands.test.ts runs it against the fake)",
  recover: "needs a device and a state",
  "import-facts": "reads facts collected on DA servers (__tests__/cli/import-facts tests)",
};

/** Files an example reads that are not in the repository as named: copied from fixtures. */
const SETUP: Record<string, string> = {
  "inventories/east.yaml": "__tests__/fixtures/invalid/same-prefix-on-nodes.yaml",
};

interface Example {
  readonly document: string;
  readonly command: string;
  readonly output: string;
  readonly exitCode?: number;
}

/** The `$ ` commands of each fenced block, with the lines up to the next command. */
function examples(document: string): Example[] {
  const found: Example[] = [];
  for (const lines of fencedBlocks(readFileSync(document, "utf8"))) {
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i].startsWith("$ ")) continue;
      if (lines[i] === "$ echo $?") {
        // The exit code of the command before.
        found[found.length - 1] = { ...found[found.length - 1], exitCode: Number(lines[i + 1]) };
        continue;
      }
      const output: string[] = [];
      while (i + 1 < lines.length && !lines[i + 1].startsWith("$ ")) output.push(lines[++i]);
      found.push({
        document,
        command: lines[i - output.length].slice(2),
        output: output.join("\n").replace(/\n+$/, ""),
      });
    }
  }
  return found.filter((example) => example.command.startsWith("npx da-manage-out"));
}

/** The lines inside each fenced code block; a fence closes with the same run of backticks. */
function fencedBlocks(text: string): string[][] {
  const blocks: string[][] = [];
  let fence: string | undefined;
  for (const line of text.split("\n")) {
    if (fence === undefined) {
      fence = /^(`{3,})/.exec(line)?.[1];
      if (fence !== undefined) blocks.push([]);
    } else if (line === fence) {
      fence = undefined;
    } else {
      blocks[blocks.length - 1].push(line);
    }
  }
  return blocks;
}

const ALL = DOCUMENTS.flatMap(examples);

/** A folder with the example inventories, and the files from SETUP that the command names. */
function folderFor(command: string): string {
  const work = mkdtempSync(path.join(tmpdir(), "da-manage-out-docs-"));
  cpSync(path.join(REPO, "inventories"), path.join(work, "inventories"), { recursive: true });
  for (const [target, source] of Object.entries(SETUP)) {
    if (command.split(/\s+/).includes(target))
      cpSync(path.join(REPO, source), path.join(work, target));
  }
  return work;
}

test("the documents hold examples to run", () => {
  expect(ALL.length).toBeGreaterThan(5);
});

describe.each(ALL.map((example) => [`${example.document}: ${example.command}`, example] as const))(
  "%s",
  (_, example) => {
    const subcommand = example.command.split(/\s+/)[2] ?? "";
    const reason = NOT_RUN[subcommand];
    (reason ? test.skip : test)(
      reason ? `not run: ${reason}` : "prints what the document shows",
      () => {
        const args = example.command.split(/\s+/).slice(2);
        const work = folderFor(example.command);
        const result = spawnSync(
          process.execPath,
          [path.join(REPO, "bin", "da-manage-out.js"), ...args],
          {
            cwd: work,
            encoding: "utf8",
            env: { ...process.env, NO_COLOR: "1" },
          },
        );
        rmSync(work, { recursive: true, force: true });
        expect((result.stdout + result.stderr).replace(/\n+$/, "")).toBe(example.output);
        if (example.exitCode !== undefined) expect(result.status).toBe(example.exitCode);
      },
    );
  },
);
