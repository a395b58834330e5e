/**
 * The device's self IPs (`GET /mgmt/tm/net/self`): the addresses it owns on each VLAN, and so the
 * networks it reaches directly. REST shape: `address` `<address>[%<id>]/<prefix length>` and
 * `vlan` a VLAN's full path (CiscoTestAutomation/genieparser `tests/test_get_net_self.py`, TMOS
 * 14.1.2.1; f5devcentral/go-bigip `net.go` SelfIP). The provider reads this collection to check
 * its connection before every plan and apply (go-bigip `ValidateConnection`), so a user who cannot
 * read it cannot use the provider at all (F5Networks/terraform-provider-bigip issue 160).
 */
import type { DeviceReader } from "./device-snapshot";
import { DeviceConnectionError } from "./icontrol-client";
import { parseShownNetwork, type ShownAddress } from "./shown-address";
import { refusedStatus } from "./user-account";

/** A self IP as the device lists it. */
export interface SelfIp {
  readonly fullPath: string;
  /** The address as shown, `2001:db8:10::1%2/64` or `10.1.1.1/24`. */
  readonly address: string;
  /** The VLAN's full path, `/Common/internal`. */
  readonly vlan: string;
  /** The IPv6 network, when the address is IPv6. */
  readonly network?: ShownAddress & { readonly length: number };
}

/** The self IPs, or the device's refusal to list them. */
export type SelfIpAnswer =
  | { readonly kind: "listed"; readonly selfIps: readonly SelfIp[] }
  | { readonly kind: "refused"; readonly error: string };

/** Reads every self IP: one request. Other errors than 401 and 403 are thrown. */
export async function readSelfIps(client: DeviceReader): Promise<SelfIpAnswer> {
  let answer: unknown;
  try {
    answer = await client.get("net/self", { $select: "fullPath,address,vlan" });
  } catch (error) {
    if (error instanceof DeviceConnectionError && refusedStatus(error.status)) {
      return { kind: "refused", error: error.message };
    }
    throw error;
  }
  const list =
    typeof answer === "object" && answer !== null ? (answer as Record<string, unknown>).items : [];
  const selfIps = (Array.isArray(list) ? list : []).flatMap((item): SelfIp[] => {
    const { fullPath, address, vlan } = (item ?? {}) as Record<string, unknown>;
    if (typeof fullPath !== "string" || typeof address !== "string" || typeof vlan !== "string") {
      return [];
    }
    const network = parseShownNetwork(address);
    return [{ fullPath, address, vlan, network }];
  });
  return { kind: "listed", selfIps };
}
