import type { InventoryRule } from "./rule";

/** Shortest entry point prefix accepted. */
export const MIN_ENTRY_POINT_PREFIX_LENGTH = 48;
/** Longest entry point prefix accepted: one IP-HTTPS /64. */
export const MAX_ENTRY_POINT_PREFIX_LENGTH = 64;

/** an entry point's client prefix is /48 to /64. */
export const entryPointPrefixLength: InventoryRule = {
  id: "entry-point-prefix-length",
  summary: `an entry point's client prefix is /${MIN_ENTRY_POINT_PREFIX_LENGTH} to /${MAX_ENTRY_POINT_PREFIX_LENGTH}`,
  check({ source, addresses }) {
    return addresses.clientPrefixes.flatMap((entry) =>
      entry.server === undefined &&
      entry.prefix &&
      (entry.prefix.length < MIN_ENTRY_POINT_PREFIX_LENGTH ||
        entry.prefix.length > MAX_ENTRY_POINT_PREFIX_LENGTH)
        ? [
            source.problemAt(entry.path, {
              message: `must be /${MIN_ENTRY_POINT_PREFIX_LENGTH} to /${MAX_ENTRY_POINT_PREFIX_LENGTH}`,
              value: entry.text,
              hint: "use the ClientIPv6Prefix that Get-DAServer shows for the entry point (a /64 for one server, usually a /59 for a cluster)",
            }),
          ]
        : [],
    );
  },
};
