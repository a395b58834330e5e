import { prefixLengthProblem, remoteAccessPrefixLengthNote } from "../../validation/entry-values";
import type { InventoryRule } from "./rule";

/**
 * an entry point prefix other than a /59 or a /64 is a warning: those are the lengths Remote
 * Access gives (Add-DAEntryPoint, see `REMOTE_ACCESS_ENTRY_POINT_PREFIX_LENGTHS`), so another
 * length is most likely a typo or a prefix copied from elsewhere. Not an error: the BIG-IP
 * routes any length the `entry-point-prefix-length` rule accepts.
 */
export const remoteAccessPrefixLength: InventoryRule = {
  id: "remote-access-prefix-length",
  summary:
    "an entry point's client prefix other than a /59 (load-balanced) or a /64 (single server), the lengths Remote Access gives, is a warning",
  check({ source, addresses }) {
    return addresses.clientPrefixes.flatMap((entry) => {
      // A length outside /48 to /64 is already an error of `entry-point-prefix-length`.
      if (entry.server !== undefined || !entry.prefix || prefixLengthProblem(entry.prefix))
        return [];
      const note = remoteAccessPrefixLengthNote(entry.prefix);
      if (!note) return [];
      return [
        source.problemAt(entry.path, {
          severity: "warning",
          message: note.reason,
          value: entry.text,
          hint: note.hint,
        }),
      ];
    });
  },
};
