import type { InventoryRule } from "./rule";
import { describeServer } from "./rule";

/** no two servers share an internal address. */
export const internalAddressUnique: InventoryRule = {
  id: "internal-address-unique",
  summary: "no two servers share an internal address",
  check({ source, document, addresses }) {
    return addresses.nestings.flatMap(({ outer, inner }) =>
      inner.owner.kind === "internalAddress" && outer.owner.kind === "internalAddress"
        ? [
            source.problemAt(inner.owner.path, {
              message: `is also the internal address of ${describeServer(document, outer.owner.entryPoint, outer.owner.server)}`,
              value: inner.owner.text,
              hint: "each DA server has its own corporate-facing address",
            }),
          ]
        : [],
    );
  },
};
