/**
 * Marks hand-built BIG-IP objects for adoption in an inventory: sets keys of a server's `existing`
 * map. The file is edited in place, as text: only the server's `existing` changes, so comments,
 * quoting, flow style, line endings and JSON stay exactly as they were.
 */
import { isMap, isScalar, parseDocument, Scalar, type Node, type Pair, type YAMLMap } from "yaml";
import { poolMemberNode } from "../address/bigip-addressing";
import type { Inventory } from "../inventory";
import { showValue } from "../io/show-value";

/** What to adopt for one server. */
export interface Adoption {
  /** `<entry point>/<server>` as in the inventory. */
  readonly server: string;
  readonly pool?: string;
  readonly virtualServer?: string;
}

/** A value of `existing` that the adoption replaced. */
export interface Replaced {
  readonly key: "pool" | "virtualServer";
  readonly before: string;
}

/** The edited text, and what it replaced. */
export interface AdoptionEdit {
  readonly text: string;
  readonly replaced: readonly Replaced[];
}

/** The adoption cannot be written into this inventory; the message says why. */
export class AdoptionError extends Error {}

const KEYS = ["pool", "virtualServer"] as const;

/** A value YAML reads back as the same string without quotes. */
const PLAIN = /^\/[A-Za-z0-9_.\-/]*$/;

/** The server's indexes in the inventory, from `<entry point>/<server>`. */
export function findServer(
  inventory: Inventory,
  server: string,
): { entryPoint: number; server: number } {
  const parts = server.split("/");
  if (parts.length !== 2 || parts[0] === "" || parts[1] === "") {
    throw new AdoptionError(
      `--server ${showValue(server)}: write <entry point>/<server>, e.g. east/da-east-1`,
    );
  }
  const e = inventory.entryPoints.findIndex((entryPoint) => entryPoint.name === parts[0]);
  const s = e < 0 ? -1 : inventory.entryPoints[e].servers.findIndex((it) => it.name === parts[1]);
  if (s < 0) {
    const known = inventory.entryPoints.flatMap((entryPoint) =>
      entryPoint.servers.map((it) => `${entryPoint.name}/${it.name}`),
    );
    const shown = known.slice(0, 10).join(", ") + (known.length > 10 ? ", ..." : "");
    throw new AdoptionError(
      `the inventory has no server '${showValue(server)}'; its servers are ${shown}`,
    );
  }
  return { entryPoint: e, server: s };
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
  if (!isMap(server)) {
    throw new AdoptionError(
      `${adoption.server} is written as a YAML alias; write the server out to adopt its objects`,
    );
  }
  const style: Style = {
    json: isScalar(server.items[0]?.key) && server.items[0].key.type === Scalar.QUOTE_DOUBLE,
    newline: body.includes("\r\n") ? "\r\n" : "\n",
    text: body,
  };
  const wanted = KEYS.flatMap((key) => {
    const value = adoption[key];
    return value === undefined ? [] : [{ key, value }];
  });
  const edits: Edit[] = [];
  const replaced: Replaced[] = [];
  const existing = pairOf(server, "existing");
  if (!existing) {
    edits.push(insertPair(server, "existing", wanted, style));
  } else {
    const map = existing.value as YAMLMap;
    for (const { key, value } of wanted) {
      const pair = pairOf(map, key);
      if (!pair) {
        edits.push(insertPair(map, key, value, style));
        continue;
      }
      const before = String((pair.value as Scalar).value);
      if (before !== value) replaced.push({ key, before });
      const [start, end] = (pair.value as Scalar).range!;
      edits.push({ at: start, remove: end - start, insert: scalar(value, style) });
    }
  }
  const edited = applyEdits(body, edits);
  checkEdit(body, edited, index, adoption);
  return { text: bom + edited, replaced };
}

/** How the file writes things: JSON or YAML, and its line ending. */
interface Style {
  readonly json: boolean;
  readonly newline: string;
  readonly text: string;
}

/** Replace `remove` characters at `at` with `insert`. */
interface Edit {
  readonly at: number;
  readonly remove: number;
  readonly insert: string;
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((pair) => isScalar(pair.key) && pair.key.value === key) as Pair | undefined;
}

function scalar(value: string, style: Style): string {
  return !style.json && PLAIN.test(value) ? value : JSON.stringify(value);
}

function key(name: string, style: Style): string {
  return style.json ? JSON.stringify(name) : name;
}

/** `{ pool: /Common/p, virtualServer: /Common/v }` in the file's style. */
function flowMap(entries: readonly { key: string; value: string }[], style: Style): string {
  const pairs = entries.map((entry) => `${key(entry.key, style)}: ${scalar(entry.value, style)}`);
  return `{ ${pairs.join(", ")} }`;
}

/** The edit that adds `name` (a string, or a map of entries) as the last pair of `map`. */
function insertPair(
  map: YAMLMap,
  name: string,
  value: string | readonly { key: string; value: string }[],
  style: Style,
): Edit {
  const last = map.items[map.items.length - 1] as Pair;
  const first = map.items[0] as Pair;
  const valueEnd = (last.value as Node).range![1];
  // The first key's indentation as written (tabs kept; "- " before it counts as spaces).
  const firstKey = (first.key as Node).range![0];
  const lineStart = style.text.lastIndexOf("\n", firstKey - 1) + 1;
  const indent = style.text.slice(lineStart, firstKey).replace(/[^\t]/g, " ");
  const flowValue = typeof value === "string" ? scalar(value, style) : flowMap(value, style);
  if (map.flow) {
    const opening = map.range![0];
    const multiLine = style.text.slice(opening, firstKey).includes("\n");
    const separator = multiLine ? `,${style.newline}${indent}` : ", ";
    return { at: valueEnd, remove: 0, insert: `${separator}${key(name, style)}: ${flowValue}` };
  }
  // A block map: new lines after the line the last value ends on (its comment stays there).
  const lineEnd = style.text.indexOf("\n", valueEnd - 1);
  const block =
    typeof value === "string"
      ? [`${indent}${name}: ${flowValue}`]
      : [
          `${indent}${name}:`,
          ...value.map((entry) => `${indent}  ${entry.key}: ${scalar(entry.value, style)}`),
        ];
  if (lineEnd < 0) {
    return { at: style.text.length, remove: 0, insert: style.newline + block.join(style.newline) };
  }
  return { at: lineEnd + 1, remove: 0, insert: block.map((line) => line + style.newline).join("") };
}

function applyEdits(text: string, edits: readonly Edit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.at - a.at)) {
    result = result.slice(0, edit.at) + edit.insert + result.slice(edit.at + edit.remove);
  }
  return result;
}

/** The edited text must read as the original with exactly the adoption's keys set. */
function checkEdit(
  before: string,
  after: string,
  index: { entryPoint: number; server: number },
  adoption: Adoption,
): void {
  const expected = parseDocument(before).toJS() as {
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
    (isJson(before) && !isJson(after))
  ) {
    throw new AdoptionError(
      `the file's layout around ${adoption.server} could not be edited safely; add existing: by hand`,
    );
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
 * that deploy, which adds it again.
 */
export function adoptionProcedure(inventory: Inventory, adoption: Adoption): string {
  const [entryPointName, serverName] = adoption.server.split("/");
  const entryPoint = inventory.entryPoints.find((candidate) => candidate.name === entryPointName)!;
  const server = entryPoint.servers.find((candidate) => candidate.name === serverName)!;
  // tmsh names an IPv6 member <address>.<port>, the same form as the provider's node.
  const member = poolMemberNode(server.internalAddress, inventory.bigip.routeDomain);
  const steps = [
    `1. npx cdktf diff ${inventory.stackName}: the plan must show ${[
      adoption.pool && `"${adoption.pool}" will be imported`,
      adoption.virtualServer && `"${adoption.virtualServer}" will be imported`,
    ]
      .filter(Boolean)
      .join(" and ")}, no destroy; updates in place (description, VLANs, profiles) are expected.`,
  ];
  if (adoption.pool) {
    steps.push(
      `2. Right before deploying, remove the hand-built pool member (the provider cannot import it; Manage Out to ${server.name}'s clients pauses until the deploy adds it again):`,
      `   tmsh modify ltm pool ${adoption.pool} members delete { ${member} }`,
      `3. npx cdktf deploy ${inventory.stackName}`,
    );
  } else {
    steps.push(`2. npx cdktf deploy ${inventory.stackName}`);
  }
  steps.push(
    `${steps.filter((step) => /^\d/.test(step)).length + 1}. npx cdktf diff ${inventory.stackName} must then show no changes.`,
  );
  return steps.join("\n");
}
