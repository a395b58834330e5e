/**
 * Marks hand-built BIG-IP objects for adoption in an inventory: sets keys of a server's `existing`
 * map. The file is edited in place, as text: only the server's `existing` changes, so comments,
 * quoting, flow style, line endings and JSON (its indentation, or none) stay exactly as they were.
 */
import { isMap, isScalar, parseDocument, type Node, type Pair, type YAMLMap } from "yaml";
import type { Inventory } from "../inventory";
import { FULL_PATH } from "../inventory/rules/full-paths";
import { hasInvisible, showValue } from "../io/show-value";
import { describeServer } from "../manage-out-objects";

/** What to adopt for one server. */
export interface Adoption {
  /** `<entry point>/<server>` as in the inventory. */
  readonly server: string;
  readonly pool?: string;
  readonly virtualServer?: string;
  /** An existing node with the server's internal address, for the member to use. */
  readonly node?: string;
}

/** A value of `existing` that the adoption replaced. */
export interface Replaced {
  readonly key: (typeof KEYS)[number];
  readonly before: string;
}

/** The edited text, and what it replaced. */
export interface AdoptionEdit {
  readonly text: string;
  readonly replaced: readonly Replaced[];
}

/** A server's place in the inventory: indexes of its entry point and of it there. */
export interface ServerIndex {
  readonly entryPoint: number;
  readonly server: number;
}

/** The adoption cannot be written into this inventory; the message says why. */
export class AdoptionError extends Error {}

const KEYS = ["pool", "virtualServer", "node"] as const;

/** Most servers named when `--server` names none of them. */
const MAX_NAMED = 10;

/** A value YAML reads back as the same string without quotes. */
const PLAIN = /^\/[A-Za-z0-9_.\-/]*$/;

/**
 * What is wrong with a `--server` value as such (before any inventory is read), or `undefined`:
 * it must be `<entry point>/<server>` with one `/`, and hold no invisible character (no inventory
 * name holds one, and it could not be seen in the message).
 */
export function serverArgumentProblem(server: string): string | undefined {
  if (!/^[^/]+\/[^/]+$/.test(server)) {
    return `--server ${showValue(server)}: write <entry point>/<server>, e.g. east/da-east-1`;
  }
  if (hasInvisible(server)) {
    return `--server ${showValue(server)} holds invisible characters; type <entry point>/<server> as the inventory writes it`;
  }
  return undefined;
}

/** The server's indexes in the inventory, from `<entry point>/<server>`. */
export function findServer(inventory: Inventory, server: string): ServerIndex {
  const problem = serverArgumentProblem(server);
  if (problem) throw new AdoptionError(problem);
  const [entryPointName, serverName] = server.split("/");
  const e = inventory.entryPoints.findIndex((entryPoint) => entryPoint.name === entryPointName);
  const s = e < 0 ? -1 : inventory.entryPoints[e].servers.findIndex((it) => it.name === serverName);
  if (s >= 0) return { entryPoint: e, server: s };
  const known = inventory.entryPoints.flatMap((entryPoint) =>
    entryPoint.servers.map((it) => `${entryPoint.name}/${it.name}`),
  );
  const alike = known.find((name) => name.toLowerCase() === server.toLowerCase());
  const shown =
    known
      .slice(0, MAX_NAMED)
      .map((name) => showValue(name))
      .join(", ") + (known.length > MAX_NAMED ? `, ... (${known.length} in all)` : "");
  throw new AdoptionError(
    `the inventory has no server '${showValue(server)}'` +
      (alike ? ` (did you mean ${showValue(alike)}? names are case-sensitive)` : "") +
      `; its servers are ${shown}`,
  );
}

/**
 * The inventory text with the adoption's keys set in the server's `existing` map; keys it does
 * not give keep their values. `text` must be a valid inventory (the one `inventory` was read from).
 * @throws AdoptionError when the server is not in the inventory or cannot be edited as text
 */
export function withAdoption(text: string, inventory: Inventory, adoption: Adoption): AdoptionEdit {
  const index = findServer(inventory, adoption.server);
  const bom = text.startsWith("\uFEFF") ? "\uFEFF" : "";
  const body = text.slice(bom.length);
  const document = parseDocument(body);
  const server = document.getIn(
    ["entryPoints", index.entryPoint, "servers", index.server],
    true,
  ) as Node;
  if (!isMap(server) || server.items.length === 0) {
    throw new AdoptionError(
      `${adoption.server} is written as a YAML alias; write the server out to adopt its objects`,
    );
  }
  const wanted = KEYS.flatMap((key) => {
    const value = adoption[key];
    return value === undefined ? [] : [{ key, value }];
  });
  const style = styleOf(body, server);
  let planned;
  try {
    planned = editsOf(server, wanted, style, adoption.server);
  } catch (error) {
    if (error instanceof NoRangeError) throw layoutError(adoption.server);
    throw error;
  }
  const edited = applyEdits(body, planned.edits);
  checkEdit(document.toJS(), edited, style.json, index, adoption);
  return { text: bom + edited, replaced: planned.replaced };
}

/** The edits that set the wanted keys in the server's `existing`, and the values they replace. */
function editsOf(
  server: YAMLMap,
  wanted: readonly { key: (typeof KEYS)[number]; value: string }[],
  style: Style,
  name: string,
): { edits: Edit[]; replaced: Replaced[] } {
  const existing = pairOf(server, "existing");
  if (!existing) return { edits: [insertPair(server, "existing", wanted, style)], replaced: [] };
  if (!isMap(existing.value)) {
    throw new AdoptionError(
      `the existing key of ${name} is written as a YAML alias; write it out to adopt its objects`,
    );
  }
  if (existing.value.items.length === 0) {
    // `existing: {}`: the empty map is replaced by one with the keys, in the server's style.
    const [start, end] = rangeOf(existing.value);
    const layout = server.flow ? flowLayout(server, style) : BLOCK_DEFAULT_LAYOUT;
    return {
      edits: [{ at: start, remove: end - start, insert: mapText(wanted, style, layout) }],
      replaced: [],
    };
  }
  const map = existing.value;
  const edits: Edit[] = [];
  const replaced: Replaced[] = [];
  for (const { key, value } of wanted) {
    const pair = pairOf(map, key);
    if (!pair) {
      edits.push(insertPair(map, key, value, style));
      continue;
    }
    if (!isScalar(pair.value)) {
      throw new AdoptionError(
        `existing.${key} of ${name} is written as a YAML alias; write the value out to adopt its objects`,
      );
    }
    const before = String(pair.value.value);
    if (before === value) continue;
    replaced.push({ key, before });
    const [start, end] = rangeOf(pair.value);
    edits.push({ at: start, remove: end - start, insert: scalar(value, style) });
  }
  return { edits, replaced };
}

/** The message when the text cannot be edited, or does not read back as the adoption. */
function layoutError(server: string): AdoptionError {
  return new AdoptionError(
    `the file's layout around ${server} could not be edited safely; add existing: by hand`,
  );
}

/** A node's start and end in the text; a node without them cannot be edited as text. */
function rangeOf(node: unknown): [number, number] {
  const range = (node as Node | null | undefined)?.range;
  if (!range) throw new NoRangeError();
  return [range[0], range[1]];
}

class NoRangeError extends Error {}

/** How the file writes things: JSON or YAML, quoted keys, its line ending and indentation. */
interface Style {
  /** The whole file is JSON: it must stay JSON, and a new map is laid out as the file's maps are. */
  readonly json: boolean;
  /** Keys are written in double quotes (JSON, or YAML written like it). */
  readonly quoteKeys: boolean;
  readonly newline: string;
  /** One level of indentation: the leading white space of the file's first indented line. */
  readonly unit: string;
  readonly text: string;
}

/** How a flow map (`{ ... }`, all of JSON) separates its pairs, keys and values. */
interface FlowLayout {
  /** Before a new pair: `, `, `,`, or `,` with a line break and the keys' indentation. */
  readonly separator: string;
  /** Between a key and its value: `: ` or `:`. */
  readonly colon: string;
  /** Inside the braces of a map on one line: ` ` or nothing. */
  readonly padding: string;
  /** The indentation of the map's keys when they stand on lines of their own. */
  readonly keyIndent?: string;
}

/** A new map in a block map (YAML): on one line, as prettier writes a flow map. */
const BLOCK_DEFAULT_LAYOUT: FlowLayout = { separator: ", ", colon: ": ", padding: " " };

/** Replace `remove` characters at `at` with `insert`. */
interface Edit {
  readonly at: number;
  readonly remove: number;
  readonly insert: string;
}

function styleOf(body: string, server: YAMLMap): Style {
  const firstKey = (server.items[0] as Pair).key;
  const indented = /^([ \t]+)[^\s#]/m.exec(body);
  return {
    json: isJson(body),
    quoteKeys: isScalar(firstKey) && firstKey.type === "QUOTE_DOUBLE",
    newline: body.includes("\r\n") ? "\r\n" : "\n",
    unit: indented ? indented[1] : "  ",
    text: body,
  };
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((pair) => isScalar(pair.key) && pair.key.value === key) as Pair | undefined;
}

function scalar(value: string, style: Style): string {
  return !style.json && PLAIN.test(value) ? value : JSON.stringify(value);
}

function key(name: string, style: Style): string {
  return style.quoteKeys ? JSON.stringify(name) : name;
}

/**
 * The layout of a flow map with at least one pair, read from its text: the separator before its
 * last pair (or the white space after its `{`), the text between its last key and value.
 */
function flowLayout(map: YAMLMap, style: Style): FlowLayout {
  const items = map.items;
  const last = items[items.length - 1];
  const afterBrace = style.text.slice(rangeOf(map)[0] + 1, rangeOf(items[0].key)[0]);
  const between =
    items.length > 1
      ? style.text.slice(rangeOf(items[items.length - 2].value)[1], rangeOf(last.key)[0])
      : undefined;
  const separator =
    between !== undefined && /^\s*,\s*$/.test(between)
      ? between
      : /^\s*$/.test(afterBrace)
        ? `,${afterBrace}`
        : ", ";
  const colon = style.text.slice(rangeOf(last.key)[1], rangeOf(last.value)[0]);
  const multiLine = separator.includes("\n");
  return {
    separator,
    colon: /^[ \t]*:[ \t]*$/.test(colon) ? colon : ": ",
    padding: !multiLine && afterBrace === "" ? "" : " ",
    keyIndent: multiLine ? separator.slice(separator.lastIndexOf("\n") + 1) : undefined,
  };
}

/**
 * A new map of entries as a value in a flow map of `layout`: in JSON whose maps stand on several
 * lines, one line a pair, indented one level more (as `JSON.stringify(value, null, indent)`
 * writes it); otherwise on one line, spaced as the map it goes into.
 */
function mapText(
  entries: readonly { key: string; value: string }[],
  style: Style,
  layout: FlowLayout,
): string {
  const pairs = entries.map(
    (entry) => `${key(entry.key, style)}${layout.colon}${scalar(entry.value, style)}`,
  );
  if (style.json && layout.keyIndent !== undefined) {
    const inner = style.newline + layout.keyIndent + style.unit;
    return `{${inner}${pairs.join(`,${inner}`)}${style.newline}${layout.keyIndent}}`;
  }
  const separator = layout.keyIndent === undefined ? layout.separator : ", ";
  return `{${layout.padding}${pairs.join(separator)}${layout.padding}}`;
}

/** The edit that adds `name` (a string, or a map of entries) as the last pair of `map`. */
function insertPair(
  map: YAMLMap,
  name: string,
  value: string | readonly { key: string; value: string }[],
  style: Style,
): Edit {
  const valueEnd = rangeOf(map.items[map.items.length - 1].value)[1];
  if (map.flow) {
    const layout = flowLayout(map, style);
    const text = typeof value === "string" ? scalar(value, style) : mapText(value, style, layout);
    return {
      at: valueEnd,
      remove: 0,
      insert: `${layout.separator}${key(name, style)}${layout.colon}${text}`,
    };
  }
  // A block map: new lines after the line the last value ends on (its comment stays there), at
  // the first key's indentation as written ("- " before it counts as spaces).
  const firstKey = rangeOf(map.items[0].key)[0];
  const lineStart = style.text.lastIndexOf("\n", firstKey - 1) + 1;
  const indent = style.text.slice(lineStart, firstKey).replace(/[^\t]/g, " ");
  const lines =
    typeof value === "string"
      ? [`${indent}${key(name, style)}: ${scalar(value, style)}`]
      : [
          `${indent}${key(name, style)}:`,
          ...value.map(
            (entry) =>
              `${indent}${style.unit}${key(entry.key, style)}: ${scalar(entry.value, style)}`,
          ),
        ];
  const lineEnd = style.text.indexOf("\n", valueEnd - 1);
  if (lineEnd < 0) {
    return { at: style.text.length, remove: 0, insert: style.newline + lines.join(style.newline) };
  }
  return { at: lineEnd + 1, remove: 0, insert: lines.map((line) => line + style.newline).join("") };
}

function applyEdits(text: string, edits: readonly Edit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.at - a.at)) {
    result = result.slice(0, edit.at) + edit.insert + result.slice(edit.at + edit.remove);
  }
  return result;
}

/**
 * The edited text must read as the original data (`before`, a fresh copy) with exactly the
 * adoption's keys set, and stay JSON when it was.
 */
function checkEdit(
  before: unknown,
  after: string,
  json: boolean,
  index: ServerIndex,
  adoption: Adoption,
): void {
  const expected = before as {
    entryPoints: { servers: { existing?: Record<string, string> }[] }[];
  };
  const server = expected.entryPoints[index.entryPoint].servers[index.server];
  server.existing = { ...server.existing };
  for (const key of KEYS) {
    if (adoption[key] !== undefined) server.existing[key] = adoption[key];
  }
  const edited = parseDocument(after);
  if (
    edited.errors.length > 0 ||
    JSON.stringify(edited.toJS()) !== JSON.stringify(expected) ||
    (json && !isJson(after))
  ) {
    throw layoutError(adoption.server);
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The steps to take the adopted objects over, for one server of a checked inventory: the pool and
 * the virtual server are imported by the first deploy; the pool member cannot be imported (the
 * provider has no import for IP-literal pool attachments), so it is removed by hand right before
 * that deploy, which adds it again. The names come from the inventory's `existing` (the keys the
 * adoption gave), and must be full paths: nothing else can reach the printed tmsh command.
 * @throws Error when the inventory does not adopt what `adoption` gives (a bug of the caller)
 */
export function adoptionProcedure(inventory: Inventory, adoption: Adoption): string {
  const [entryPointName, serverName] = adoption.server.split("/");
  const entryPoint = inventory.entryPoints.find((candidate) => candidate.name === entryPointName);
  const server = entryPoint?.servers.find((candidate) => candidate.name === serverName);
  if (!entryPoint || !server)
    throw new Error(`the inventory has no server '${showValue(adoption.server)}'`);
  const adopted = (key: (typeof KEYS)[number]): string | undefined => {
    if (adoption[key] === undefined) return undefined;
    const name = server.existing?.[key];
    if (name === undefined || !FULL_PATH.test(name)) {
      throw new Error(
        `existing.${key} of ${showValue(adoption.server)} is not a full path, got '${showValue(String(name))}'`,
      );
    }
    return name;
  };
  const pool = adopted("pool");
  const virtualServer = adopted("virtualServer");
  const node = adopted("node");
  // The member as tmsh names it: `DA2:0` on an existing node, `<address>[%id].0` otherwise.
  const member = describeServer(inventory.bigip, entryPoint, server).member.name;
  const imported = [
    pool && `"${pool}" will be imported`,
    virtualServer && `"${virtualServer}" will be imported`,
  ].filter(Boolean);
  const steps = [
    `1. npm run cdktf -- diff ${inventory.stackName}: the plan must show ${imported.length > 0 ? `${imported.join(" and ")}, ` : ""}no destroy; updates in place (description, VLANs, profiles) are expected.${node ? ` The pool member is ${member}: it uses the existing node ${node}, which destroy leaves on the device.` : ""}`,
  ];
  if (pool) {
    steps.push(
      `2. Right before deploying, remove the hand-built pool member (the provider cannot import it; Manage Out to ${server.name}'s clients pauses until the deploy adds it again):`,
      `   tmsh modify ltm pool ${pool} members delete { ${member} }`,
      `3. npm run deploy -- ${inventory.stackName}`,
    );
  } else {
    steps.push(`2. npm run deploy -- ${inventory.stackName}`);
  }
  steps.push(
    `${steps.filter((step) => /^\d/.test(step)).length + 1}. npm run cdktf -- diff ${inventory.stackName} must then show no changes.`,
  );
  return steps.join("\n");
}
