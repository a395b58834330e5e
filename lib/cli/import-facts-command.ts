/** `da-manage-out import-facts facts/*.json [--out inventories/x.yaml]`. */
import { existsSync, statSync } from "node:fs";
import * as path from "node:path";
import { InputFileError, readInputFile } from "../io/read-input-file";
import { showValue } from "../io/show-value";
import { writeFileAtomically } from "../io/write-file-atomically";
import { formatProblem, hasErrors, parseInventory } from "../inventory";
import { notJsonMessage, parseFactsFile, type DaServerFacts } from "../tools/da-server-facts";
import {
  describeMissing,
  findMissingNodes,
  inventoryFromFacts,
  UndecidableFactsError,
} from "../tools/import-facts";
import { FULL_PATH } from "../inventory/rules/full-paths";
import { OBJECT_NAME } from "../inventory/rules/object-names";
import { MAX_STACK_NAME_LENGTH } from "../inventory/rules/stack-names";
import { MAX_INVENTORY_BYTES } from "../inventory/text-guards";
import { UsageError, type Command } from "./command";
import { EXIT } from "./exit-codes";

export const importFactsCommand: Command = {
  name: "import-facts",
  summary: "build an inventory from the facts collected on the DA servers",
  help: `Usage: da-manage-out import-facts [options] <facts.json...>

Turns the JSON that collector/Get-DaManageOutFacts.ps1 collects on each DirectAccess server into an
inventory: servers grouped by entry point, each cluster node's own /64 taken from the IP-HTTPS
route it publishes, its corporate-facing IPv6 address from its addresses (never the cluster's
virtual IP). A value it lacks is left empty with a TODO comment, which fails validation. The
result is validated; problems are printed on stderr.

It stops without writing anything when the files hold no server, when every node of a cluster
reports only the cluster prefix (the common mistake of copying Get-DAServer's /59 onto every
node), when a node has several addresses and none is clearly its own, or when the facts name
cluster nodes or entry point servers (Get-RemoteAccessLoadBalancer,
Get-DAEntryPoint) that no file has facts of: collect the facts on every node.

Options:
  --out <file>      write the inventory there (default: stdout); an existing file is kept unless
                    --force is given
  --force           overwrite --out
  --name <stack>    the inventory's stack name
  --vlan <path>     a corporate-side VLAN of the internal BIG-IP, e.g. /Common/internal (repeat
                    for several); without it the inventory gets a TODO
  --allow-partial   write the inventory even when nodes named by the facts have no facts: they
                    are left out, with a TODO on their entry point
  -h, --help        show this help

Exit codes: 0 valid inventory, 1 facts or generated inventory invalid (TODOs left), 2 usage or
I/O error.
`,
  options: {
    out: { type: "string" },
    force: { type: "boolean" },
    name: { type: "string" },
    vlan: { type: "string", multiple: true },
    "allow-partial": { type: "boolean" },
  },
  run(values, positionals, out) {
    if (positionals.length === 0) throw new UsageError("give one or more facts JSON files");
    const target = values.out as string | undefined;
    if (target) checkTarget(target, values.force === true);
    checkInventoryOptions(values.name as string | undefined, (values.vlan as string[]) ?? []);
    const facts: DaServerFacts[] = [];
    for (const file of positionals) {
      let text: string;
      try {
        text = decodeFacts(readInputFile(file, { maxBytes: MAX_FACTS_BYTES }));
      } catch (error) {
        if (!(error instanceof InputFileError)) throw error;
        out.stderr(
          `da-manage-out import-facts: cannot read ${showValue(file)}: ${error.message}\n`,
        );
        return EXIT.usage;
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        // The parser's message quotes the file: only what it looks like and where it breaks.
        out.stderr(
          `da-manage-out import-facts: ${showValue(file)} ${notJsonMessage(text, (error as Error).message)}\n`,
        );
        return EXIT.invalidInput;
      }
      const parsed = parseFactsFile(json);
      if (!parsed.ok) {
        out.stderr(`da-manage-out import-facts: ${showValue(file)}: ${parsed.message}\n`);
        return EXIT.invalidInput;
      }
      facts.push(...parsed.facts);
    }
    if (facts.length === 0) {
      out.stderr(
        `da-manage-out import-facts: no servers: ${positionals.map((file) => showValue(file)).join(", ")} ${positionals.length === 1 ? "holds" : "hold"} only empty lists; ` +
          "run collector/Get-DaManageOutFacts.ps1 on the DA servers (or with -ComputerName) and pass the JSON it writes\n",
      );
      return EXIT.invalidInput;
    }
    const allowPartial = values["allow-partial"] === true;
    let text: string;
    try {
      text = inventoryFromFacts(facts, {
        name: values.name as string | undefined,
        vlans: (values.vlan as string[] | undefined) ?? [],
        sources: positionals,
        allowPartial,
      });
    } catch (error) {
      if (!(error instanceof UndecidableFactsError)) throw error;
      out.stderr(`da-manage-out import-facts: ${error.message}\n`);
      return EXIT.invalidInput;
    }
    const missing = allowPartial ? findMissingNodes(facts) : [];
    if (missing.length > 0) {
      out.stderr(
        `da-manage-out import-facts: warning: --allow-partial: left out ${describeMissing(missing)}, which ${missing.length === 1 ? "has" : "have"} no facts among the inputs (see the TODO)\n`,
      );
    }
    // What validate and synth would refuse is not written: an inventory has at most 4 MiB.
    const size = Buffer.byteLength(text);
    if (size > MAX_INVENTORY_BYTES) {
      out.stderr(
        `da-manage-out import-facts: the inventory of ${facts.length} servers would be ${(size / 1024 / 1024).toFixed(1)} MiB, more than the ${MAX_INVENTORY_BYTES / 1024 / 1024} MiB an inventory may be; nothing written: import the facts of each BIG-IP pair into its own inventory\n`,
      );
      return EXIT.invalidInput;
    }
    if (target) writeFileAtomically(target, text);
    else out.stdout(text);
    const { problems } = parseInventory(target ?? "<stdout>", text);
    for (const problem of problems) out.stderr(formatProblem(problem) + "\n");
    return hasErrors(problems) ? EXIT.invalidInput : EXIT.ok;
  },
};

/** Facts files are small; anything larger is not one. */
const MAX_FACTS_BYTES = 16 * 1024 * 1024;

/**
 * The text of a facts file: UTF-8 (with or without the BOM Windows PowerShell writes), or UTF-16
 * with its BOM (what Windows PowerShell 5.1's `>` writes).
 */
function decodeFacts(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString("utf16le");
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    return swapped.swap16().toString("utf16le");
  }
  return bytes.toString("utf8").replace(/^\uFEFF/, "");
}

/** `--name` and `--vlan` go into the inventory as they are: they must be what it accepts. */
function checkInventoryOptions(name: string | undefined, vlans: readonly string[]): void {
  if (name !== undefined && (!OBJECT_NAME.test(name) || name.length > MAX_STACK_NAME_LENGTH)) {
    throw new UsageError(
      `--name ${showValue(name)}: a stack name uses letters, digits, '_', '-' and '.', starts with a letter and has at most ${MAX_STACK_NAME_LENGTH} characters`,
    );
  }
  const vlan = vlans.find((candidate) => !FULL_PATH.test(candidate));
  if (vlan !== undefined) {
    throw new UsageError(
      `--vlan ${showValue(vlan)}: give the VLAN's full path, e.g. /Common/internal`,
    );
  }
}

/** `--out` must name a file in an existing folder, and an existing file only with --force. */
function checkTarget(target: string, force: boolean): void {
  const folder = path.dirname(target);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new UsageError(
      `--out ${showValue(target)}: the folder ${showValue(folder)} does not exist`,
    );
  }
  if (!existsSync(target)) return;
  if (!statSync(target).isFile()) {
    throw new UsageError(`--out ${showValue(target)} is not a regular file`);
  }
  if (!force) throw new UsageError(`${showValue(target)} exists; pass --force to overwrite it`);
}
