import { MAX_ROUTE_DOMAIN, routeDomainProblem } from "../../validation/entry-values";
import type { InventoryRule } from "./rule";

/**
 * The route domain id is a whole number from 0 to 65534; 0 is a warning. The device shows a
 * partition's default route domain without `%<id>` (f5-cccl PR 196, AS3 issue 73), so the stack
 * writes route domain 0, the default of `/Common`, as no route domain (the model has no 0): in a
 * partition whose default route domain is another, the objects land in that one, not in 0.
 */
export const routeDomain: InventoryRule = {
  id: "route-domain",
  summary: `the route domain id is a whole number from 0 to ${MAX_ROUTE_DOMAIN}; 0 is written as none (warning)`,
  check({ source, document }) {
    const id = document.bigip.routeDomain;
    if (id === 0) {
      return [
        source.problemAt(["bigip", "routeDomain"], {
          severity: "warning",
          message:
            "is 0, which the stack writes as no route domain: the objects are in the partition's default route domain, route domain 0 only where that is the default",
          value: "0",
          hint: "remove routeDomain (the same configuration); doctor names the partition's default route domain",
        }),
      ];
    }
    const problem = id === undefined ? undefined : routeDomainProblem(id);
    return problem
      ? [
          source.problemAt(["bigip", "routeDomain"], {
            message: problem.reason,
            value: String(id),
            hint: problem.hint,
          }),
        ]
      : [];
  },
};
