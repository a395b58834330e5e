/**
 * The facts collector/Get-DaManageOutFacts.ps1 collects on a DirectAccess server, as JSON. Property
 * names inside the lists are the cmdlets' own (Get-NetRoute, Get-NetIPAddress). PowerShell 5.1's
 * ConvertTo-Json may write a one-element list as a bare object; both forms are accepted.
 */
import { splitSuffix } from "../address/bigip-addressing";
import * as ipaddr from "ipaddr.js";
import { z } from "zod";
import { showValue } from "../io/show-value";

/**
 * The facts format the collector of this version writes. Version 2 adds `internalVirtualIPs`;
 * version 1 facts are still read (the cluster's VIP is then inferred, see import-facts).
 */
export const FACTS_VERSION = 2;

/** Every facts format this version reads. */
export const FACTS_VERSIONS: readonly number[] = [1, 2];

/**
 * A host name as Windows and DNS allow it: letters, digits and hyphens in labels of at most 63
 * characters, separated by dots, at most 253 characters in all (a NetBIOS name is one label).
 */
export const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*$/;

/** An IPv4 or IPv6 address (an IPv6 one possibly with a zone id, as Windows writes it). */
export function isIpAddress(text: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(text) || ipaddr.IPv6.isValid(splitSuffix(text).address);
}

/** A list, or the bare value PowerShell writes for a list of one; null or missing is empty. */
function list<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (value) => (value == null ? [] : Array.isArray(value) ? value : [value]),
    z.array(item),
  );
}

/** `[string]$null` is `""` in PowerShell: an empty string is no value. */
function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === "" ? null : value), schema.nullish());
}

const stringish = z
  .union([z.string(), z.number()], { error: "expected a string or a number" })
  .transform(String);

const hostName = z.string().regex(HOST_NAME, {
  error:
    "must be a host name: letters, digits and hyphens in labels of at most 63 characters separated by dots, at most 253 characters",
});

const hostOrAddress = z.string().refine((text) => HOST_NAME.test(text) || isIpAddress(text), {
  error: "must be a host name or an IP address",
});

/**
 * Whether a route's Publish says it is advertised. MSFT_NetRoute's Publish is a uint8 whose values
 * are No (0, not advertised), Age (1, advertised with a finite lifetime) and Yes (2, advertised
 * with an infinite lifetime): Microsoft's MSFT_NetRoute class reference,
 * https://learn.microsoft.com/en-us/previous-versions/windows/desktop/legacy/hh872448(v=vs.85),
 * and its Create method. `Get-NetRoute` shows the names; objects serialised without formatting
 * (CIM, `ConvertTo-Json` of the raw instance) carry the numbers. Anything else is not published.
 */
export function isPublished(publish: string | null | undefined): boolean {
  return /^(yes|age|1|2)$/i.test((publish ?? "").trim());
}

/** One `Get-NetRoute -AddressFamily IPv6` route. */
export const routeFactSchema = z.looseObject({
  DestinationPrefix: z.string(),
  InterfaceAlias: z.string().nullish(),
  Publish: stringish.nullish(),
  NextHop: z.string().nullish(),
});

/** One `Get-NetIPAddress -AddressFamily IPv6` address. */
export const addressFactSchema = z.looseObject({
  IPAddress: z.string(),
  InterfaceAlias: z.string().nullish(),
  PrefixLength: z.number().nullish(),
  PrefixOrigin: stringish.nullish(),
  SuffixOrigin: stringish.nullish(),
  AddressState: stringish.nullish(),
});

/** The facts of one DA server. */
export const daServerFactsSchema = z.looseObject({
  factsVersion: z.union([z.literal(1), z.literal(2)]),
  computerName: hostName,
  /** Get-DAEntryPoint name in a multisite deployment. */
  entryPoint: z.string().nullish(),
  /** Get-DAServer ConnectToAddress: names the load-balanced cluster the server is a node of. */
  cluster: optional(hostOrAddress),
  /**
   * Get-RemoteAccessLoadBalancer NlbNodeStatus HostName: every node of the server's cluster (a
   * name, or an address). Optional: older facts and servers outside a cluster have none.
   */
  clusterNodes: list(hostOrAddress),
  /**
   * Get-RemoteAccessLoadBalancer InternalVirtualIPAddress (factsVersion 2): the cluster's virtual
   * IPs on the intranet interface, which every node carries beside its own address. Never a pool
   * member. Entries may carry a prefix length (`2001:db8:1::100/64`).
   */
  internalVirtualIPs: list(z.string()),
  /**
   * Get-DAEntryPoint without -ComputerName (factsVersion 2, multisite): every entry point of the
   * deployment (`EntryPointName`) with its `Servers`, so that an entry point no file covers is
   * named. Optional: null outside a multisite deployment.
   */
  deploymentEntryPoints: list(z.looseObject({ name: z.string(), servers: list(hostOrAddress) })),
  /** Get-DAEntryPoint Servers: the servers of the server's entry point (multisite). Optional. */
  entryPointServers: list(hostOrAddress),
  /** Get-DAServer ClientIPv6Prefix: the entry point's (cluster's) IP-HTTPS prefix. */
  clientIPv6Prefix: z.string().nullish(),
  /** Routes the server publishes: its own IP-HTTPS prefix among them. */
  publishedRoutes: list(routeFactSchema),
  /** The server's IPv6 addresses. */
  ipAddresses: list(addressFactSchema),
  /** Get-NetTeredoConfiguration Type and Get-NetTeredoState State. */
  teredo: z.looseObject({ Type: stringish.nullish(), State: stringish.nullish() }).nullish(),
});

export type DaServerFacts = z.output<typeof daServerFactsSchema>;

/** A facts file: one server's facts, or a list of them (the script with -ComputerName). */
export const factsFileSchema = list(daServerFactsSchema);

/** The servers of a facts file, or why it is not one (a message without the file name). */
export type FactsFileResult =
  | { readonly ok: true; readonly facts: DaServerFacts[] }
  | { readonly ok: false; readonly message: string };

const COLLECTOR = "collector/Get-DaManageOutFacts.ps1";
/** Keys only the collector writes: an object with some of them is facts, of another version. */
const FACTS_KEYS = ["computerName", "clientIPv6Prefix", "publishedRoutes", "ipAddresses"];

/**
 * Checks parsed JSON against the facts format. Errors say where (`[1].ipAddresses[0].IPAddress`),
 * what is wrong, the value found (escaped and shortened) and what to do; the first problem wins.
 */
export function parseFactsFile(json: unknown): FactsFileResult {
  const items = Array.isArray(json) ? json : [json];
  const facts: DaServerFacts[] = [];
  for (const [i, item] of items.entries()) {
    const at = (path: PropertyKey[]) => formatPath(json, Array.isArray(json) ? [i, ...path] : path);
    const prefix = Array.isArray(json) ? `${at([])}: ` : "";
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      return fail(
        `${prefix}${describe(item)} is not the facts of a server: this does not look like Get-DaManageOutFacts.ps1 output; pass the JSON ${COLLECTOR} writes`,
      );
    }
    if (!("factsVersion" in item)) {
      return fail(
        FACTS_KEYS.some((key) => key in item)
          ? `${prefix}no factsVersion: these facts are from another version of the collector (this da-manage-out reads factsVersion ${FACTS_VERSIONS.join(" and ")}); collect the facts again with ${COLLECTOR} of this version`
          : `${prefix}no factsVersion: this does not look like Get-DaManageOutFacts.ps1 output (the facts of one DA server, or a list of them); collect the facts with ${COLLECTOR} on each DA server and pass the JSON it writes`,
      );
    }
    const version = (item as { factsVersion: unknown }).factsVersion;
    if (typeof version !== "number" || !FACTS_VERSIONS.includes(version)) {
      return fail(
        `${prefix}factsVersion ${shown(version)} is not one this da-manage-out reads (it reads ${FACTS_VERSIONS.join(" and ")}); collect the facts again with ${COLLECTOR} of this version`,
      );
    }
    const parsed = daServerFactsSchema.safeParse(item);
    if (!parsed.success) {
      const [issue, ...others] = parsed.error.issues;
      const value = valueAt(item, issue.path);
      const got = value === undefined ? "" : `, got ${shown(value)}`;
      const more = others.length > 0 ? ` (and ${others.length} more)` : "";
      return fail(
        `${at(issue.path)}: ${lowerFirst(issue.message)}${got}${more}; collect the facts again with ${COLLECTOR}, or correct the file`,
      );
    }
    facts.push(parsed.data);
  }
  return { ok: true, facts };
}

/** What a file that is not JSON looks like, judged from its first characters. */
const NOT_JSON_KINDS: readonly { readonly kind: string; readonly test: RegExp }[] = [
  // Start-Transcript writes a banner of asterisks and "Windows PowerShell transcript start".
  { kind: "a PowerShell transcript or console copy", test: /^(\*{10}|PS [A-Za-z]:\\|PS>)/ },
  { kind: "XML (Export-Clixml or ConvertTo-Xml output)", test: /^</ },
  // Export-Csv writes a `#TYPE` line (Windows PowerShell 5.1) and a quoted header.
  { kind: "CSV (Export-Csv or ConvertTo-Csv output)", test: /^(#TYPE |"[^"\n]*",")/ },
];

/**
 * Why a file the JSON parser refused is not facts, without quoting it (the parser's message does):
 * what the file looks like, or where the JSON breaks, and what to run instead.
 */
export function notJsonMessage(text: string, parserMessage: string): string {
  const start = text.replace(/^\uFEFF/, "").trimStart();
  const run = `run ${COLLECTOR} on each DA server (or with -ComputerName) and save what it writes with | Set-Content -Encoding UTF8 facts\\<server>.json, then pass that file`;
  const kind = NOT_JSON_KINDS.find(({ test }) => test.test(start))?.kind;
  if (kind) return `is not the collector's JSON: it looks like ${kind}; ${run}`;
  if (!/^[[{]/.test(start)) return `is not JSON, so not the facts ${COLLECTOR} writes; ${run}`;
  const position = /position (\d+)/.exec(parserMessage);
  const where = position ? ` at ${lineColumn(text, Number(position[1]))}` : "";
  return `is not JSON: it breaks${where}; ${COLLECTOR} writes valid JSON: ${run}, or correct the file`;
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

function fail(message: string): FactsFileResult {
  return { ok: false, message };
}

/** A value found in the file: a string in quotes, anything else as JSON; escaped and short. */
function shown(value: unknown): string {
  if (typeof value === "string") return `'${showValue(value)}'`;
  return showValue(JSON.stringify(value) ?? String(value));
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return `a ${typeof value} ${shown(value)}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * A JSON path as written in the file: `[1].ipAddresses[0].IPAddress`. An index the schema added to
 * a bare object (PowerShell's list of one) is left out, so the path names what the file holds.
 */
function formatPath(json: unknown, path: readonly PropertyKey[]): string {
  let text = "";
  let current: unknown = json;
  for (const key of path) {
    if (typeof key === "number") {
      if (Array.isArray(current)) {
        text += `[${key}]`;
        current = current[key];
      }
      continue;
    }
    const name = String(key);
    text += /^[A-Za-z_][A-Za-z0-9_]*$/.test(name)
      ? `${text ? "." : ""}${name}`
      : `[${JSON.stringify(name)}]`;
    current = isRecord(current) ? current[name] : undefined;
  }
  return text || "(top)";
}

/** The value at a schema path, through bare objects standing for lists of one. */
function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = json;
  for (const key of path) {
    if (typeof key === "number") {
      if (Array.isArray(current)) current = current[key];
      else if (key !== 0) return undefined;
      continue;
    }
    if (!isRecord(current)) return undefined;
    current = current[String(key)];
  }
  return current;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
