/**
 * The facts collector/Get-DaManageOutFacts.ps1 collects on a DirectAccess server, as JSON. Property
 * names inside the lists are the cmdlets' own (Get-NetRoute, Get-NetIPAddress). PowerShell 5.1's
 * ConvertTo-Json may write a one-element list as a bare object; both forms are accepted.
 */
import { z } from "zod";

/** A list, or the bare object PowerShell writes for a list of one. */
function list<T extends z.ZodType>(item: T) {
  return z
    .union([z.array(item), item])
    .nullish()
    .transform((value) => (value == null ? [] : Array.isArray(value) ? value : [value]));
}

const stringish = z.union([z.string(), z.number()]).transform(String);

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
  factsVersion: z.literal(1),
  computerName: z.string(),
  /** Get-DAEntryPoint name in a multisite deployment. */
  entryPoint: z.string().nullish(),
  /** Name of the load-balanced cluster, when the server is a cluster node. */
  cluster: z.string().nullish(),
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
