import { formatKeyPath } from "../key-path";
import type { InventoryRule } from "./rule";

/** an internal address lies outside every client prefix. */
export const internalAddressOutsideClientPrefixes: InventoryRule = {
  id: "internal-address-outside-client-prefixes",
  summary: "an internal address lies outside every client prefix",
  check({ source, addresses }) {
    return addresses.nestings.flatMap(({ outer, inner }) =>
      inner.owner.kind === "internalAddress" && outer.owner.kind === "clientPrefix"
        ? [
            source.problemAt(inner.owner.path, {
              message: `lies inside ${formatKeyPath(outer.owner.path)} (${outer.owner.text})`,
              value: inner.owner.text,
              hint: "the internal address is the DA server's corporate-side address, not an address of its IP-HTTPS clients",
            }),
          ]
        : [],
    );
  },
};
