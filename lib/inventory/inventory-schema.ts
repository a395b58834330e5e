/**
 * The inventory file format as one zod schema: the structure, types and defaults of every key.
 * It is also the source of `inventory.schema.json`. What a value must mean (IPv6 syntax, prefix
 * nesting, names) is checked by the rules in `rules/`, which give better messages than a schema.
 */
import { z } from "zod";
import { MASK_WORKAROUNDS } from "../address/bigip-addressing";
import { DEFAULT_MONITOR, DEFAULT_NAME_PREFIX, DEFAULT_PARTITION } from "../defaults";
import { backendSchema } from "./backend-schema";
import { MAX_ROUTE_DOMAIN } from "../validation/entry-values";

export { MAX_ROUTE_DOMAIN };

/** One DA server (or one node of a load-balanced DA cluster). */
export const serverSchema = z
  .strictObject({
    name: z.string().describe("DA server name, used in BIG-IP object names"),
    internalAddress: z
      .string()
      .describe("the DA server's corporate-facing IPv6 address, e.g. 2001:db8:10::11"),
    clientPrefix: z
      .string()
      .optional()
      .describe(
        "this node's own IP-HTTPS client prefix, e.g. 2131:0:0:1000::/64; may be omitted when the entry point has one server",
      ),
    existing: z
      .strictObject({
        pool: z
          .string()
          .optional()
          .describe("full path of the hand-built pool, e.g. /Common/DA1_pool"),
        virtualServer: z
          .string()
          .optional()
          .describe("full path of the hand-built network virtual server, e.g. /Common/DA1_vs"),
        node: z
          .string()
          .optional()
          .describe(
            "full path of an existing node with the internal address, e.g. /Common/DA2: the pool member uses it (DA2:0), and destroy leaves it",
          ),
      })
      .optional()
      .describe(
        "hand-built objects to adopt: they keep their names and the first deploy imports them (see da-manage-out adopt in docs/operator-tools.md)",
      ),
  })
  .describe("a DA server and the IP-HTTPS client prefix it owns");

/** A DirectAccess entry point: a site, or a load-balanced cluster of DA servers. */
export const entryPointSchema = z
  .strictObject({
    name: z.string().describe("entry point name, used in BIG-IP object names"),
    clientPrefix: z
      .string()
      .describe(
        "the entry point's IP-HTTPS client prefix (Get-DAServer ClientIPv6Prefix), e.g. 2131:0:0:1000::/59",
      ),
    servers: z
      .array(serverSchema)
      .min(1)
      .describe("the DA servers of this entry point, at least one"),
  })
  .describe("a DirectAccess entry point");

/** Terraform variables that hold the device's own login, for devices with accounts of their own. */
export const credentialsSchema = z
  .strictObject({
    userVariable: z
      .string()
      .describe("Terraform variable of the user name, set as TF_VAR_<name>, e.g. bigip_east_user"),
    passwordVariable: z
      .string()
      .describe(
        "Terraform variable of the password, set as TF_VAR_<name>, e.g. bigip_east_password",
      ),
  })
  .describe(
    "the device's own account: names of Terraform variables (never the values); default BIGIP_USER and BIGIP_PASSWORD",
  );

/** Settings of the internal BIG-IP that carries Manage Out traffic. */
export const bigipSchema = z
  .strictObject({
    host: z
      .string()
      .optional()
      .describe(
        "management address of the BIG-IP this stack deploys to: host name or address, optionally https:// and :port, e.g. bigip-east.corp.example; required when inventories/ holds more than one stack; default BIGIP_HOST",
      ),
    deviceHostname: z
      .union([z.string(), z.array(z.string()).min(1)])
      .optional()
      .describe(
        "the device's own host name (tmsh list sys global-settings hostname), or those of both units of an HA pair: doctor refuses a device that answers with another",
      ),
    credentials: credentialsSchema.optional(),
    validateCerts: z
      .boolean()
      .optional()
      .describe(
        "false: plan and apply do not verify the BIG-IP's TLS certificate (a lab with a self-signed device certificate; validate warns); default true: verified against the CA in BIGIP_CA_FILE, as doctor does",
      ),
    partition: z.string().default(DEFAULT_PARTITION).describe("BIG-IP partition of the objects"),
    vlans: z
      .array(z.string())
      .min(1)
      .describe("corporate-side VLANs the virtual servers listen on, e.g. [/Common/internal]"),
    monitor: z.string().default(DEFAULT_MONITOR).describe('health monitor of each pool, or "none"'),
    namePrefix: z
      .string()
      .default(DEFAULT_NAME_PREFIX)
      .describe("first part of every pool and virtual server name"),
    routeDomain: z
      .number()
      .int()
      // Documents the range for editors; the route-domain rule enforces it with a clear message.
      .meta({ minimum: 0, maximum: MAX_ROUTE_DOMAIN })
      .optional()
      .describe("route domain id of the virtual servers and pool members"),
    maskWorkaround: z
      .enum(MASK_WORKAROUNDS)
      .default("dotted")
      .describe(
        "how the IPv6 mask gets past the provider's mask defect: dotted (mask with an IPv4 tail) or tmsh (a tmsh command after create)",
      ),
    fastL4Profile: z
      .union([
        z.string().describe("full path of an existing fastL4 profile"),
        z
          .strictObject({ loose: z.literal(true) })
          .describe(
            "create a fastL4 profile with loose initiation and loose close, for asymmetric paths",
          ),
      ])
      .optional()
      .describe("fastL4 profile of the virtual servers; default /Common/fastL4"),
    selfAddress: z
      .string()
      .optional()
      .describe(
        "the BIG-IP's corporate-side self IP (floating on an HA pair): next hop of the routes to the client prefixes (da-manage-out routes)",
      ),
    configSync: z
      .strictObject({
        deviceGroup: z
          .string()
          .describe("the sync-failover device group, e.g. Sync-Failover-Group"),
      })
      .optional()
      .describe("HA pair: sync the device group after every change"),
  })
  .describe("the internal BIG-IP's settings");

/** Terraform settings of the stack. */
export const terraformSchema = z
  .strictObject({ backend: backendSchema })
  .describe("Terraform settings of this inventory's stack");

/** A whole inventory file: one Terraform stack. */
export const inventorySchema = z
  .strictObject({
    name: z.string().optional().describe("stack name; defaults to the file name without extension"),
    bigip: bigipSchema,
    terraform: terraformSchema.optional(),
    entryPoints: z
      .array(entryPointSchema)
      .min(1)
      .describe("the DirectAccess entry points, at least one"),
  })
  .describe("DirectAccess Manage Out inventory for one BIG-IP (pair)");

/** An inventory as written in the file, with defaults applied. */
export type InventoryDocument = z.output<typeof inventorySchema>;
