/** Defaults shared by the inventory format and the constructs. */

/** BIG-IP partition the objects are created in. */
export const DEFAULT_PARTITION = "Common";

/** First part of every pool and virtual server name. */
export const DEFAULT_NAME_PREFIX = "da_mo";

/** Health monitor of each pool: ICMP echo to the DA server, which is the pool's gateway. */
export const DEFAULT_MONITOR = "/Common/gateway_icmp";

/** Monitor value meaning "no health monitor", as in tmsh (`monitor none`). */
export const NO_MONITOR = "none";

/** Profile of the network virtual servers: layer-4 forwarding without proxying. */
export const FASTL4_PROFILE = "/Common/fastL4";

/**
 * What the loose fastL4 profile (`fastL4Profile: { loose: true }`) sets over FASTL4_PROFILE, its
 * parent: flows the BIG-IP did not see start are accepted, and may end without a seen close.
 */
export const LOOSE_FASTL4_SETTINGS = { looseInitiation: "enabled", looseClose: "enabled" } as const;

/**
 * The construct id cdktf leaves out of Terraform resource names. The stack keeps its entry points
 * under a scope with this id; an entry point or server of the same name would make two resources
 * share one address, so the inventory validator refuses it.
 */
export const HIDDEN_CONSTRUCT_ID = "Default";
