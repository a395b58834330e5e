/** Reads one inventory file's text into the checked model, or into the problems that prevent it. */
import * as path from "node:path";
import { routeDomainSuffix } from "../address/bigip-addressing";
import { formatAddress, formatPrefix } from "../address/ipv6";
import { isAddressProblem } from "../device/device-address";
import { InventoryAddresses } from "./inventory-addresses";
import { InventorySource, isJsonFile } from "./inventory-source";
import type { Inventory } from "./inventory";
import { inventorySchema, type InventoryDocument } from "./inventory-schema";
import { hasErrors, type Problem } from "./problem";
import { INVENTORY_RULES } from "./rules/rule-set";
import { problemFromIssue } from "./schema-issues";
import { MAX_NESTING, tooDeepLine } from "./text-guards";
import { showValue } from "../io/show-value";

/** The outcome of reading one inventory: a model when there is no error, and every problem found. */
export interface ParsedInventory {
  /** The checked model; absent when any error was found. */
  readonly inventory?: Inventory;
  /** The parsed addresses; present when the file passed the schema. */
  readonly addresses?: InventoryAddresses;
  /** The parsed source, for positions; present when the text is valid YAML. */
  readonly source?: InventorySource;
  /** Errors and warnings, sorted by position. */
  readonly problems: readonly Problem[];
}

/**
 * Parses and checks one inventory against the schema and every rule of `rules/rule-set.ts`.
 * Never throws: whatever the text, the result is a model or problems.
 * @param file path used in problems and for the default stack name
 * @param text the file's contents (YAML or JSON)
 */
export function parseInventory(file: string, text: string): ParsedInventory {
  try {
    return checkInventory(file, text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      problems: [
        fileProblem(file, 1, {
          message: `could not be checked: ${reason}`,
          hint: "this is a bug in da-manage-out; please report it with the file",
        }),
      ],
    };
  }
}

function checkInventory(file: string, text: string): ParsedInventory {
  const deepLine = tooDeepLine(text);
  if (deepLine !== undefined) {
    const problem = fileProblem(file, deepLine, {
      message: `nests deeper than ${MAX_NESTING} levels`,
      hint: "an inventory nests only a few levels; check that this is an inventory file",
    });
    return { problems: [problem] };
  }
  const json = isJsonFile(file) ? jsonProblem(file, text) : undefined;
  if (json) return { problems: [json] };
  const source = new InventorySource(file, text);
  if (source.syntaxProblems.length > 0) return { problems: source.syntaxProblems };
  if (source.data === undefined || source.data === null) {
    const problem = {
      ...source.problemAt([], {
        message: "the inventory file is empty",
        hint: "write a map with the keys bigip and entryPoints (see inventories/ for an example)",
      }),
      rule: "input",
    };
    return { source, problems: [problem] };
  }
  const result = inventorySchema.safeParse(source.data, { reportInput: true });
  if (!result.success) {
    const problems = result.error.issues.map((issue) => ({
      ...problemFromIssue(source, inventorySchema, issue),
      rule: "schema",
    }));
    return { source, problems: byPosition(problems) };
  }
  const document = result.data;
  const addresses = new InventoryAddresses(document);
  const context = { source, document, addresses };
  const problems = byPosition(
    INVENTORY_RULES.flatMap((rule) =>
      rule.check(context).map((problem) => ({ ...problem, rule: rule.id })),
    ),
  );
  if (hasErrors(problems)) return { source, addresses, problems };
  return { inventory: toModel(file, document, addresses), source, addresses, problems };
}

/**
 * A `.json` inventory is JSON: the YAML reader would also take comments, trailing commas and
 * unquoted keys, which no other JSON tool reads. The position comes from the JSON parser's
 * "at position N".
 */
function jsonProblem(file: string, text: string): Problem | undefined {
  try {
    JSON.parse(text.replace(/^\uFEFF/, ""));
    return undefined;
  } catch (error) {
    const reason = (error as Error).message;
    const position = /at position (\d+)/.exec(reason)?.[1];
    // Without a position the parser ran out of text: the problem is at the end.
    const offset =
      position === undefined ? text.length : Number(position) + (text.startsWith("\uFEFF") ? 1 : 0);
    const before = text.slice(0, offset).split("\n");
    return {
      file,
      line: before.length,
      column: before[before.length - 1].length + 1,
      severity: "error",
      path: "",
      rule: "json",
      message: `the file is not valid JSON (${showValue(reason.replace(/ in JSON at position \d+.*$/s, ""), 80)})`,
      hint: "a .json inventory is strict JSON: no comments, no trailing commas, keys in double quotes; or name the file .yaml",
    };
  }
}

function fileProblem(
  file: string,
  line: number,
  details: { message: string; hint: string },
): Problem {
  return { file, line, column: 1, severity: "error", path: "", rule: "input", ...details };
}

/** Problems in reading order: by line, then column (stable for equal positions). */
function byPosition(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

/**
 * The model of a valid inventory, with every address and prefix in canonical form (RFC 5952,
 * network address; the device's address and host names as lib/device/device-address.ts gives
 * them), route domain 0 folded to none, taken from the already parsed values.
 */
function toModel(
  file: string,
  document: InventoryDocument,
  addresses: InventoryAddresses,
): Inventory {
  const prefixes = new Map(
    addresses.clientPrefixes.map((entry) => [
      `${entry.entryPoint}/${entry.server ?? ""}`,
      formatPrefix(entry.prefix!),
    ]),
  );
  const internal = new Map(
    addresses.internalAddresses.map((entry) => [
      `${entry.entryPoint}/${entry.server}`,
      formatAddress(entry.address!),
    ]),
  );
  const { host, deviceHostname, ...settings } = document.bigip;
  // Route domain 0 is no `%<id>`: folded here once, so no reader tells 0 from none. Deleted in
  // place: the keys keep their order, and with it the stack's configuration hash.
  if (routeDomainSuffix(settings.routeDomain) === undefined) delete settings.routeDomain;
  const device = addresses.device?.parsed;
  if (device !== undefined && isAddressProblem(device)) throw new Error(device.reason);
  return {
    file,
    stackName: document.name ?? path.basename(file, path.extname(file)),
    bigip: {
      ...settings,
      ...(host !== undefined && { host: device }),
      ...(deviceHostname !== undefined && {
        deviceHostname: addresses.deviceHostnames.map((entry) => entry.name),
      }),
    },
    backend: document.terraform?.backend,
    entryPoints: document.entryPoints.map((entryPoint, e) => ({
      name: entryPoint.name,
      clientPrefix: prefixes.get(`${e}/`)!,
      servers: entryPoint.servers.map((server, s) => ({
        name: server.name,
        internalAddress: internal.get(`${e}/${s}`)!,
        clientPrefix: prefixes.get(`${e}/${s}`) ?? prefixes.get(`${e}/`)!,
        existing: server.existing,
      })),
    })),
  };
}
