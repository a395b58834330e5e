/**
 * Turns the facts collected on DirectAccess servers into an inventory: nodes grouped by entry
 * point, each cluster node's own /64 picked from the IP-HTTPS routes it publishes, the
 * corporate-facing address picked from its addresses, never the cluster's virtual IP. Which of
 * several addresses is a node's own it does not guess: that is an `UndecidableFactsError`. What
 * else it cannot decide is written as a `TODO` comment beside an empty value, which fails
 * validation until a person decides.
 */
import {
  addressInPrefix,
  addressRange,
  formatPrefix,
  hasIsatapInterfaceId,
  parseIpv6Address,
  parseIpv6Prefix,
  prefixContains,
  type Ipv6Prefix,
} from "../address/ipv6";
import { Document, Scalar, type YAMLMap, type YAMLSeq } from "yaml";
import { splitSuffix } from "../address/bigip-addressing";
import { OBJECT_NAME } from "../inventory/rules/object-names";
import { remoteAccessPrefixLengthNote } from "../validation/entry-values";
import { showValue } from "../io/show-value";
import { byKey } from "../text";
import { isIpAddress, isPublished, type DaServerFacts } from "./da-server-facts";

/** The facts cannot become an inventory without guessing; the message says why. */
export class UndecidableFactsError extends Error {}

/**
 * The facts name cluster nodes or entry point servers that have no facts among the inputs (and
 * `allowPartial` was not given); the message lists them.
 */
export class PartialFactsError extends UndecidableFactsError {}

/** Options of the generated inventory. */
export interface ImportOptions {
  /** Stack name. @default - none: the file name gives it */
  readonly name?: string;
  /** Corporate-side VLANs; when none are given the inventory gets an empty list and a TODO. */
  readonly vlans: readonly string[];
  /** Where the facts came from, for the header comment. */
  readonly sources: readonly string[];
  /**
   * Write the inventory even when the facts name nodes that have no facts among the inputs, with
   * a TODO on their entry point.
   * @default false - such facts throw `PartialFactsError`
   */
  readonly allowPartial?: boolean;
}

/** A node or server the facts name, without facts of its own among the inputs. */
export interface MissingNode {
  /** The entry point (inventory name) whose facts name it. */
  readonly entryPoint: string;
  /** The name as the facts give it (Get-RemoteAccessLoadBalancer, Get-DAEntryPoint). */
  readonly name: string;
}

/** A value written as is: a BIG-IP path or name (the library still quotes `true`, `1`, ...). */
const PLAIN = /^[A-Za-z0-9_./~-]+$/;
const IPHTTPS_INTERFACE = /iphttps/i;
const NOT_CORPORATE_INTERFACE = /iphttps|teredo|isatap|loopback|6to4/i;
/**
 * Address ranges a corporate address may lie in. `6to4` (2002::/16) too: when an intranet has no
 * native IPv6, Microsoft's DirectAccess setup derives a 6to4-based /48 for it (Microsoft,
 * "Choosing an intranet IPv6 connectivity design"), and `validate` accepts such addresses (see
 * `whyTranslated`). The 6to4 adapter's own address is left out by its interface, not its range.
 */
const CORPORATE_RANGES = ["unicast", "uniqueLocal", "reserved", "6to4"];
/** Address origins, most to least likely for a server's configured corporate address. */
const ORIGIN_PREFERENCE = ["manual", "dhcp", "routeradvertisement"];

const PUBLISHED_ROUTE =
  "Get-NetRoute -AddressFamily IPv6 | Where-Object Publish -eq Yes, on the IP-HTTPS interface";

/** A value of the generated inventory and the comment written next to it. */
interface Commented {
  readonly value: string;
  /** One line of fixed text and escaped values; the YAML library writes it as a comment. */
  readonly comment?: string;
}

/** A string from the facts, shown in a comment: one line, invisible characters named, short. */
function fact(text: string | null | undefined): string {
  return showValue(text ?? "", 80);
}

/**
 * The inventory YAML for the facts of every server. The inventory is built as data and written by
 * the YAML library: no string from the facts (a computer name, a Teredo type, a prefix) can add a
 * key or an entry, whatever it holds; comments are fixed text with escaped values.
 */
export function inventoryFromFacts(
  facts: readonly DaServerFacts[],
  options: ImportOptions,
): string {
  const missing = findMissingNodes(facts);
  if (missing.length > 0 && !options.allowPartial) {
    throw new PartialFactsError(
      `the facts name ${missing.length === 1 ? "a node" : "nodes"} with no facts among the inputs: ${describeMissing(missing)} ` +
        "(Get-RemoteAccessLoadBalancer and Get-DAEntryPoint on the other nodes list them). " +
        "Collect the facts on each of them with collector/Get-DaManageOutFacts.ps1 and pass every file, " +
        "or pass --allow-partial to write the inventory without them.",
    );
  }
  const names = entryPointNames(facts);
  const groups = new Map<string, DaServerFacts[]>();
  for (const server of [...facts].sort(byKey((server) => server.computerName))) {
    const key = names.get(server) as string;
    groups.set(key, [...(groups.get(key) ?? []), server]);
  }
  const entryPoints = [...groups.entries()].sort(byKey(([name]) => name)).map(([name, servers]) =>
    entryPoint(
      name,
      servers,
      missing.filter((node) => node.entryPoint === name).map((node) => node.name),
    ),
  );
  const doc = new Document({
    ...(options.name ? { name: options.name } : {}),
    bigip: { vlans: [...options.vlans] },
    entryPoints: entryPoints.map(({ data }) => data),
  });
  doc.commentBefore = [
    " yaml-language-server: $schema=../inventory.schema.json",
    ` Generated by da-manage-out import-facts from ${options.sources.map(fact).join(", ")}.`,
    " Review every TODO, then run npx da-manage-out validate.",
  ].join("\n");
  const vlans = doc.getIn(["bigip", "vlans"], true) as YAMLSeq;
  vlans.flow = true;
  // The YAML library can write a multi-line value in a flow list as a plain scalar that reads
  // back as a key (`[terraform:\n...]`): anything but a plain path or name is double-quoted.
  // (Only --name and --vlan reach these values; nothing from the facts does.)
  for (const node of [...(vlans.items as Scalar[]), doc.get("name", true) as Scalar | undefined]) {
    if (node && !PLAIN.test(String(node.value))) node.type = Scalar.QUOTE_DOUBLE;
  }
  if (options.vlans.length === 0) {
    vlans.comment =
      " TODO: the corporate-side VLAN(s) of the internal BIG-IP, e.g. [/Common/internal] (or --vlan)";
  }
  entryPoints.forEach(({ comments }, e) => {
    for (const { path, comment, quoted } of comments) {
      const node = doc.getIn(["entryPoints", e, ...path], true) as Scalar | YAMLMap;
      if (quoted) (node as Scalar).type = Scalar.QUOTE_DOUBLE;
      // On a server (a map), the comment follows its last key.
      if (comment) node.comment = ` ${comment}`;
    }
  });
  // A double-quoted value stays on one line (`\n` escaped): the library's folding of multi-line
  // double-quoted values does not read back the same (a line holding only a space).
  return doc.toString({
    flowCollectionPadding: false,
    lineWidth: 0,
    doubleQuotedMinMultiLineLength: Number.MAX_SAFE_INTEGER,
  });
}

/** Where a comment or a quoted scalar goes, below an entry point. */
interface NodeNote {
  readonly path: (string | number)[];
  readonly comment?: string;
  readonly quoted?: boolean;
}

function entryPoint(
  name: string,
  servers: DaServerFacts[],
  missingNodes: readonly string[],
): { data: Record<string, unknown>; comments: NodeNote[] } {
  const comments: NodeNote[] = [];
  if (missingNodes.length > 0) {
    comments.push({
      path: ["name"],
      comment: `TODO: no facts for ${missingNodes.map(fact).join(", ")}, named as ${missingNodes.length === 1 ? "a node" : "nodes"} of this entry point; collect their facts and import again (--allow-partial left them out)`,
    });
  }
  const { prefix: entryPrefix, comment } = entryPointPrefix(servers);
  const clientPrefix: Commented = {
    value: entryPrefix ? formatPrefix(entryPrefix) : "",
    comment,
  };
  comments.push({ path: ["clientPrefix"], comment: clientPrefix.comment, quoted: true });
  const nodePrefixes = servers.map((server) => ownPrefixes(server, entryPrefix));
  if (servers.length > 1 && entryPrefix && nodePrefixes.every((own) => own.length === 0)) {
    throw new UndecidableFactsError(
      `every node of entry point '${name}' (${servers.map((server) => fact(server.computerName)).join(", ")}) reports only the cluster prefix ${formatPrefix(entryPrefix)}, ` +
        `which Get-DAServer shows on every node of a load-balanced cluster; each node's own /64 is the IP-HTTPS route it publishes (${PUBLISHED_ROUTE}). ` +
        "Collect the facts again on each node while IP-HTTPS is up, instead of copying the cluster prefix onto every node.",
    );
  }
  const shared = sharedAddresses(servers);
  const internals = servers.map((server) => internalAddress(server, entryPrefix, shared));
  const undecided = servers.flatMap((server, i) => {
    const { candidates } = internals[i];
    return candidates.length > 1 ? [`${fact(server.computerName)}: ${candidates.join(", ")}`] : [];
  });
  if (undecided.length > 0) {
    throw new UndecidableFactsError(
      `entry point '${name}': cannot tell which address is the node's own (its pool member): ${undecided.join("; ")}. ` +
        "The member must be the address only that node has, never the cluster's virtual IP (Get-RemoteAccessLoadBalancer InternalVirtualIPAddress), which NLB hands to any node. " +
        "Collect the facts of every node with collector/Get-DaManageOutFacts.ps1 of this version (factsVersion 2 records the virtual IPs) and pass every file, " +
        "or remove the addresses that are not the node's own from ipAddresses in its facts file.",
    );
  }
  const serverData = servers.map((server, i) => {
    const internal = internals[i];
    comments.push({
      path: ["servers", i, "internalAddress"],
      comment: internal.comment,
      quoted: true,
    });
    const data: Record<string, string> = {
      name: objectName(server.computerName),
      internalAddress: internal.value,
    };
    if (servers.length > 1) {
      const own = nodePrefix(server, nodePrefixes[i]);
      data.clientPrefix = own.value;
      comments.push({ path: ["servers", i, "clientPrefix"], comment: own.comment, quoted: true });
    }
    const teredo = server.teredo?.Type;
    if (teredo && !/^disabled$/i.test(teredo)) {
      comments.push({
        path: ["servers", i],
        comment: `note: Teredo is ${fact(teredo)} on ${fact(server.computerName)}; Manage Out cannot reach Teredo clients behind load balancers, only IP-HTTPS clients`,
      });
    }
    return data;
  });
  return { data: { name, clientPrefix: clientPrefix.value, servers: serverData }, comments };
}

/**
 * The entry point's prefix from the servers' Get-DAServer ClientIPv6Prefix, and a TODO when they
 * report none, several, or text that is not a prefix (shown escaped, never as written).
 */
function entryPointPrefix(servers: DaServerFacts[]): {
  prefix?: Ipv6Prefix;
  comment?: string;
} {
  const reported = [...new Set(servers.map((server) => server.clientIPv6Prefix ?? ""))].filter(
    (text) => text !== "",
  );
  const valid = new Map<string, Ipv6Prefix>();
  const invalid: string[] = [];
  for (const text of reported) {
    const prefix = parseIpv6Prefix(text);
    if (prefix) valid.set(formatPrefix(prefix), prefix);
    else invalid.push(text);
  }
  const [first] = valid.values();
  const notPrefixes = invalid.length
    ? `; not an IPv6 prefix: ${invalid.map((text) => fact(text)).join(", ")}`
    : "";
  if (!first) {
    return {
      comment: `TODO: no server reported a valid Get-DAServer ClientIPv6Prefix${notPrefixes}`,
    };
  }
  if (valid.size > 1) {
    return {
      prefix: first,
      comment: `TODO: the servers disagree: ${[...valid.keys()].join(", ")}${notPrefixes}`,
    };
  }
  if (invalid.length) return { prefix: first, comment: `TODO: ${notPrefixes.slice(2)}` };
  return { prefix: first, comment: prefixLengthNote(first) };
}

/**
 * A note on an entry point prefix of a length Remote Access does not give; `validate` warns about
 * the same (rule `remote-access-prefix-length`).
 */
function prefixLengthNote(prefix: Ipv6Prefix): string | undefined {
  const note = remoteAccessPrefixLengthNote(prefix);
  return note && `warning: ${note.reason}; ${note.hint}`;
}

/** The /64s a cluster node publishes on its IP-HTTPS interface inside the entry point prefix. */
function ownPrefixes(server: DaServerFacts, entryPrefix: Ipv6Prefix | undefined): Ipv6Prefix[] {
  return server.publishedRoutes.flatMap((route) => {
    const prefix = parseIpv6Prefix(route.DestinationPrefix);
    const published = isPublished(route.Publish);
    const onIpHttps = IPHTTPS_INTERFACE.test(route.InterfaceAlias ?? "");
    if (!prefix || !published || !onIpHttps || prefix.length !== 64) return [];
    if (
      entryPrefix &&
      (!prefixContains(entryPrefix, prefix) || prefix.length === entryPrefix.length)
    )
      return [];
    return [prefix];
  });
}

function nodePrefix(server: DaServerFacts, own: Ipv6Prefix[]): Commented {
  if (own.length === 0) {
    return {
      value: "",
      comment: `TODO: ${fact(server.computerName)} publishes no /64 of its own on the IP-HTTPS interface (${PUBLISHED_ROUTE})`,
    };
  }
  const others = own.slice(1).map(formatPrefix);
  return {
    value: formatPrefix(own[0]),
    comment: others.length
      ? `TODO: it also publishes ${others.join(", ")}; keep the IP-HTTPS client prefix`
      : undefined,
  };
}

/**
 * The addresses that are not any one node's own: the cluster's virtual IPs the facts name
 * (factsVersion 2, Get-RemoteAccessLoadBalancer InternalVirtualIPAddress), and, for facts that do
 * not name them (factsVersion 1), an address every node of a cluster of several carries: Windows
 * NLB puts the cluster's internal virtual IP on every node beside the node's dedicated address
 * (Set-RemoteAccessLoadBalancer -InternalVirtualIPAddress / -InternalDedicatedIPAddress).
 */
function sharedAddresses(servers: readonly DaServerFacts[]): Set<string> {
  const shared = new Set<string>();
  for (const server of servers) {
    for (const vip of server.internalVirtualIPs ?? []) {
      const address = factAddress(vip.replace(/\/.*$/, ""));
      if (address) shared.add(address.toRFC5952String());
    }
  }
  if (servers.length < 2) return shared;
  const [first, ...others] = servers.map(
    (server) =>
      new Set(
        server.ipAddresses.flatMap((fact) => {
          const address = factAddress(fact.IPAddress);
          return address && addressRange(address) !== "linkLocal"
            ? [address.toRFC5952String()]
            : [];
        }),
      ),
  );
  for (const address of first) {
    if (others.every((addresses) => addresses.has(address))) shared.add(address);
  }
  return shared;
}

/**
 * An address as Windows shows it: a link-local address with its interface index as a zone id
 * (`fe80::1%12`), read without it.
 */
function factAddress(text: string): ReturnType<typeof parseIpv6Address> {
  return parseIpv6Address(splitSuffix(text).address);
}

/**
 * The server's corporate-facing address: a preferred global or unique-local unicast address that
 * is not shared with the other nodes. `candidates` lists every such address of the most likely
 * origin: more than one cannot be decided.
 */
function internalAddress(
  server: DaServerFacts,
  entryPrefix: Ipv6Prefix | undefined,
  shared: ReadonlySet<string>,
): Commented & { candidates: string[] } {
  const candidates = server.ipAddresses
    .filter((fact) => !NOT_CORPORATE_INTERFACE.test(fact.InterfaceAlias ?? ""))
    .filter((fact) => !fact.AddressState || /^preferred$/i.test(fact.AddressState))
    .filter((fact) => !/random/i.test(fact.SuffixOrigin ?? ""))
    .flatMap((fact) => {
      const address = factAddress(fact.IPAddress);
      if (!address || !CORPORATE_RANGES.includes(addressRange(address))) return [];
      if (hasIsatapInterfaceId(address) || (entryPrefix && addressInPrefix(address, entryPrefix)))
        return [];
      if (shared.has(address.toRFC5952String())) return [];
      return [{ address: address.toRFC5952String(), rank: originRank(fact.PrefixOrigin) }];
    })
    .sort((a, b) => a.rank - b.rank);
  if (candidates.length === 0) {
    const sharedNote = shared.size
      ? ` other than the cluster's shared ${[...shared].join(", ")}`
      : "";
    return {
      value: "",
      candidates: [],
      comment: `TODO: ${fact(server.computerName)} reported no preferred global IPv6 address on a corporate interface${sharedNote}`,
    };
  }
  const best = candidates.filter((candidate) => candidate.rank === candidates[0].rank);
  const others = candidates.slice(best.length).map((candidate) => candidate.address);
  return {
    value: candidates[0].address,
    candidates: [...new Set(best.map((candidate) => candidate.address))],
    comment: others.length
      ? `note: also has ${others.join(", ")} (${others.length === 1 ? "an address" : "addresses"} of a less likely origin)`
      : undefined,
  };
}

function originRank(origin: string | null | undefined): number {
  const rank = ORIGIN_PREFERENCE.indexOf((origin ?? "").toLowerCase());
  return rank < 0 ? ORIGIN_PREFERENCE.length : rank;
}

/**
 * What tells deployments apart: the multisite entry point with the whole ConnectTo name (ignoring
 * case and a trailing dot), else the server itself. Never a label of the name:
 * `directaccess.contoso.com` and `directaccess.fabrikam.com` are two deployments.
 */
function deploymentKey(server: DaServerFacts): string {
  const cluster = (server.cluster ?? "").trim().toLowerCase().replace(/\.$/, "");
  if (!server.entryPoint && !cluster) return `\n\n${server.computerName.toLowerCase()}`;
  return `${server.entryPoint ?? ""}\n${cluster}`;
}

/** The short inventory name: the entry point, else the ConnectTo name's first label (an address whole), else the server's name. */
function shortEntryPointName(server: DaServerFacts): string {
  const cluster =
    server.cluster && (isIpAddress(server.cluster) ? server.cluster : server.cluster.split(".")[0]);
  return objectName(server.entryPoint || cluster || server.computerName);
}

/** The name that tells a deployment apart from another of the same short name: everything. */
function fullEntryPointName(server: DaServerFacts): string {
  return objectName(
    [server.entryPoint, server.cluster || server.computerName].filter(Boolean).join("-"),
  );
}

/**
 * The inventory name of each server's entry point. Servers of one deployment (`deploymentKey`)
 * share it; it is the short name (`da-east` for `da-east.corp.example`) unless another deployment
 * among the facts has the same short name, when both get the full one
 * (`directaccess.contoso.com`, `directaccess.fabrikam.com`).
 */
export function entryPointNames(facts: readonly DaServerFacts[]): Map<DaServerFacts, string> {
  const deployments = new Map<string, DaServerFacts>();
  for (const server of facts) {
    if (!deployments.has(deploymentKey(server))) deployments.set(deploymentKey(server), server);
  }
  const shortNames = new Map<string, number>();
  for (const server of deployments.values()) {
    const name = shortEntryPointName(server);
    shortNames.set(name, (shortNames.get(name) ?? 0) + 1);
  }
  const names = new Map<DaServerFacts, string>();
  for (const server of facts) {
    const first = deployments.get(deploymentKey(server)) as DaServerFacts;
    const short = shortEntryPointName(first);
    names.set(server, shortNames.get(short) === 1 ? short : fullEntryPointName(first));
  }
  return names;
}

/**
 * The nodes and entry point servers the facts name (Get-RemoteAccessLoadBalancer's cluster
 * nodes, Get-DAEntryPoint's servers of the server's own entry point and, in factsVersion 2, of
 * every entry point of a multisite deployment) that no input has facts of. Names match case-insensitively
 * by their first label (`DA-EAST-1` is `da-east-1.corp.example`); an address matches a server
 * that has it.
 */
export function findMissingNodes(facts: readonly DaServerFacts[]): MissingNode[] {
  const present = new Set<string>();
  for (const server of facts) {
    present.add(hostKey(server.computerName));
    for (const address of server.ipAddresses) present.add(hostKey(address.IPAddress));
    // An entry point's Servers may name a load-balanced cluster by its ConnectTo name: that is
    // the cluster, whose nodes clusterNodes lists, not a server of its own.
    if (server.cluster) present.add(hostKey(server.cluster));
  }
  const missing = new Map<string, MissingNode>();
  const names = entryPointNames(facts);
  for (const server of facts) {
    for (const name of [...(server.clusterNodes ?? []), ...(server.entryPointServers ?? [])]) {
      const key = hostKey(name);
      if (key === "" || present.has(key)) continue;
      const entryPoint = names.get(server) as string;
      const id = `${entryPoint}\n${key}`;
      if (!missing.has(id)) missing.set(id, { entryPoint, name });
    }
    // The other entry points of a multisite deployment, with their servers.
    for (const other of server.deploymentEntryPoints ?? []) {
      for (const name of other.servers) {
        const key = hostKey(name);
        if (key === "" || present.has(key)) continue;
        const entryPoint = objectName(other.name);
        const id = `${entryPoint}\n${key}`;
        if (!missing.has(id)) missing.set(id, { entryPoint, name });
      }
    }
  }
  return [...missing.values()].sort(byKey((node) => `${node.entryPoint}\n${node.name}`));
}

/** `DA-EAST-3 (entry point 'da-east'), DA-WEST-2 (entry point 'da-west')`, values escaped. */
export function describeMissing(missing: readonly MissingNode[]): string {
  return missing.map((node) => `${fact(node.name)} (entry point '${node.entryPoint}')`).join(", ");
}

/** What a host is compared by: its first label in lower case, or its address normalized. */
function hostKey(name: string): string {
  const text = splitSuffix(name.trim()).address;
  const address = parseIpv6Address(text);
  if (address) return address.toNormalizedString();
  if (isIpAddress(text)) return text;
  return text.split(".")[0].toLowerCase();
}

/** A BIG-IP-safe name: invalid characters become '-', and it starts with a letter. */
function objectName(text: string): string {
  const name = text.replace(/[^A-Za-z0-9_.-]/g, "-");
  return OBJECT_NAME.test(name) ? name : `da-${name}`;
}
