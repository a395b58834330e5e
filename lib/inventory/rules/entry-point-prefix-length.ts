import { MAX_CLIENT_PREFIX_LENGTH, MIN_CLIENT_PREFIX_LENGTH } from "../../validation/entry-values";
import type { InventoryRule } from "./rule";
import { reportShape } from "./rule";

/** Shortest entry point prefix accepted. */
export const MIN_ENTRY_POINT_PREFIX_LENGTH = MIN_CLIENT_PREFIX_LENGTH;
/** Longest entry point prefix accepted: one IP-HTTPS /64. */
export const MAX_ENTRY_POINT_PREFIX_LENGTH = MAX_CLIENT_PREFIX_LENGTH;

/** an entry point's client prefix is /48 to /64. */
export const entryPointPrefixLength: InventoryRule = {
  id: "entry-point-prefix-length",
  summary: `an entry point's client prefix is /${MIN_ENTRY_POINT_PREFIX_LENGTH} to /${MAX_ENTRY_POINT_PREFIX_LENGTH}`,
  check: (context) => reportShape("entry-point-prefix-length", context),
};
