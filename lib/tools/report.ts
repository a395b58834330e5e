/**
 * The Markdown summary of the inventories for a pull-request comment: per stack a table of its
 * entries, what changed against the base, and a Mermaid diagram of the traffic path.
 */
import { escapeText, inlineCode, tableCode } from "./markdown";
import type { Inventory } from "../inventory";
import { redactedBackend } from "../inventory/backend-secrets";
import { byKey, count } from "../text";
import { serverObjectNames } from "../manage-out-objects";

/** One DA server as the report shows it. */
interface EntryRow {
  readonly key: string;
  readonly entryPoint: string;
  readonly server: string;
  readonly clientPrefix: string;
  readonly internalAddress: string;
  readonly pool: string;
  readonly virtualServer: string;
}

/** What the report compares the inventories with. */
export interface ReportBase {
  readonly ref: string;
  readonly inventories: readonly Inventory[];
  /** Base files that were not valid inventories. */
  readonly unreadable: readonly string[];
}

type Change = "added" | "removed" | "modified" | "";

const FIELDS = ["clientPrefix", "internalAddress", "pool", "virtualServer"] as const;

/** The report as Markdown. */
export function reportMarkdown(inventories: readonly Inventory[], base?: ReportBase): string {
  const baseByStack = new Map(
    base?.inventories.map((inventory) => [inventory.stackName, inventory]),
  );
  const sections: string[] = [];
  const totals = { added: 0, removed: 0, modified: 0 };
  for (const inventory of [...inventories].sort(byStack)) {
    const before = base ? entryRows(baseByStack.get(inventory.stackName)) : undefined;
    const rows = compare(entryRows(inventory), before);
    for (const { change } of rows) if (change) totals[change]++;
    const settings =
      before && baseByStack.has(inventory.stackName)
        ? settingChanges(baseByStack.get(inventory.stackName)!, inventory)
        : [];
    sections.push(
      stackSection(
        inventory,
        rows,
        base ? !baseByStack.has(inventory.stackName) : false,
        settings,
        base !== undefined,
      ),
    );
  }
  const current = new Set(inventories.map((inventory) => inventory.stackName));
  for (const removed of [...(base?.inventories ?? [])]
    .filter((i) => !current.has(i.stackName))
    .sort(byStack)) {
    const rows = entryRows(removed).map((row) => ({
      row,
      change: "removed" as const,
      was: undefined,
    }));
    totals.removed += rows.length;
    sections.push(
      [
        `## ${removed.stackName} (stack removed)`,
        "",
        `${inlineCode(removed.file)} is gone; its objects stay on the BIG-IP until ${inlineCode(`npm run destroy -- ${removed.stackName}`)} runs on the base revision.`,
        "",
        table(rows, true),
      ].join("\n"),
    );
  }
  const servers = inventories.reduce((sum, inventory) => sum + entryRows(inventory).length, 0);
  const summary = base
    ? `Compared with ${inlineCode(base.ref)}: ${count(totals.added, "server")} added, ${totals.removed} removed, ${totals.modified} modified.`
    : `${count(inventories.length, "stack")}, ${count(servers, "DA server")}.`;
  const warnings = (base?.unreadable ?? []).map(
    (file) =>
      `> Not compared: ${inlineCode(file)} at ${inlineCode(base!.ref)} is not a valid inventory.`,
  );
  return [
    "# DirectAccess Manage Out",
    "",
    summary,
    ...(warnings.length ? ["", ...warnings] : []),
    "",
    sections.join("\n\n"),
    "",
  ].join("\n");
}

function stackSection(
  inventory: Inventory,
  rows: ComparedRow[],
  addedStack: boolean,
  settings: string[],
  compared: boolean,
): string {
  const { bigip } = inventory;
  const facts = [
    inlineCode(inventory.file),
    `partition ${escapeText(bigip.partition)}`,
    `VLANs ${bigip.vlans.map(escapeText).join(", ")}`,
    ...(bigip.routeDomain === undefined ? [] : [`route domain ${bigip.routeDomain}`]),
    ...(bigip.configSync ? [`config sync to ${escapeText(bigip.configSync.deviceGroup)}`] : []),
  ];
  return [
    `## ${escapeText(inventory.stackName)}${addedStack ? " (new stack)" : ""}`,
    "",
    facts.join(" · "),
    ...(settings.length ? ["", `Settings changed: ${settings.join("; ")}.`] : []),
    "",
    table(rows, compared),
    "",
    diagram(inventory),
  ].join("\n");
}

interface ComparedRow {
  readonly row: EntryRow;
  readonly change: Change;
  /** The base row of a modified entry. */
  readonly was?: EntryRow;
}

function compare(now: EntryRow[], before: EntryRow[] | undefined): ComparedRow[] {
  if (!before) return now.map((row) => ({ row, change: "" }));
  const beforeByKey = new Map(before.map((row) => [row.key, row]));
  const nowKeys = new Set(now.map((row) => row.key));
  const rows: ComparedRow[] = now.map((row) => {
    const was = beforeByKey.get(row.key);
    if (!was) return { row, change: "added" };
    return FIELDS.some((field) => was[field] !== row[field])
      ? { row, change: "modified", was }
      : { row, change: "" };
  });
  for (const row of before) if (!nowKeys.has(row.key)) rows.push({ row, change: "removed" });
  return rows.sort(byKey((compared) => compared.row.key));
}

/** The entries as a Markdown table; with `compared`, a first column says what changed. */
function table(rows: ComparedRow[], compared: boolean): string {
  const cell = (row: ComparedRow, field: (typeof FIELDS)[number]) =>
    row.was && row.was[field] !== row.row[field]
      ? `${tableCode(row.was[field])} → ${tableCode(row.row[field])}`
      : tableCode(row.row[field]);
  const change = (row: ComparedRow) => (compared ? `| ${row.change} ` : "");
  return [
    `${compared ? "| change " : ""}| entry point | server | client prefix | internal address | pool | virtual server |`,
    `${compared ? "| --- " : ""}| --- | --- | --- | --- | --- | --- |`,
    ...rows.map(
      (row) =>
        `${change(row)}| ${escapeText(row.row.entryPoint)} | ${escapeText(row.row.server)} | ${FIELDS.map((field) => cell(row, field)).join(" | ")} |`,
    ),
  ].join("\n");
}

/** corporate network → BIG-IP → virtual server per prefix → DA server. */
function diagram(inventory: Inventory): string {
  const lines = [
    "```mermaid",
    "flowchart LR",
    '  corp(["Corporate network"]) --> bigip["BIG-IP ' + inventory.stackName + '"]',
  ];
  entryRows(inventory).forEach((row, i) => {
    lines.push(`  bigip --> vs${i}["${row.virtualServer}<br/>${row.clientPrefix}"]`);
    lines.push(`  vs${i} --> da${i}["${row.server}<br/>${row.internalAddress}"]`);
  });
  lines.push("```");
  return lines.join("\n");
}

function entryRows(inventory: Inventory | undefined): EntryRow[] {
  if (!inventory) return [];
  return inventory.entryPoints
    .flatMap((entryPoint) =>
      entryPoint.servers.map((server) => ({
        key: `${entryPoint.name}/${server.name}`,
        entryPoint: entryPoint.name,
        server: server.name,
        clientPrefix: server.clientPrefix,
        internalAddress: server.internalAddress,
        ...serverObjectNames(inventory.bigip, entryPoint, server),
      })),
    )
    .sort(byKey((row) => row.key));
}

/**
 * `bigip` and backend settings that differ, as `key: before → after`; the backend's secrets show
 * as `(hidden)` (a base revision may predate the rule that refuses them).
 */
function settingChanges(before: Inventory, after: Inventory): string[] {
  const settings = (inventory: Inventory, redact: boolean) => ({
    ...inventory.bigip,
    backend: redact && inventory.backend ? redactedBackend(inventory.backend) : inventory.backend,
  });
  const [was, now] = [settings(before, false), settings(after, false)] as Record<string, unknown>[];
  // Compared as written, so that a changed secret shows too: as (hidden) → (hidden).
  const [wasShown, nowShown] = [settings(before, true), settings(after, true)] as Record<
    string,
    unknown
  >[];
  return [...new Set([...Object.keys(was), ...Object.keys(now)])]
    .sort()
    .filter((key) => JSON.stringify(was[key]) !== JSON.stringify(now[key]))
    .map((key) => `${key}: ${show(wasShown[key])} → ${show(nowShown[key])}`);
}

function show(value: unknown): string {
  return value === undefined
    ? "(none)"
    : inlineCode(typeof value === "string" ? value : JSON.stringify(value));
}

const byStack = byKey((inventory: Inventory) => inventory.stackName);
