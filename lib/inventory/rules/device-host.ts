import { HIDDEN } from "../../io/show-value";
import { isAddressProblem } from "../../device/device-address";
import type { Problem } from "../problem";
import type { InventoryRule } from "./rule";

/** A host name as the device shows it (`sys global-settings hostname`): no spaces or controls. */
const DEVICE_HOSTNAME = /^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})$/;

/**
 * Rule: `bigip.host` is a management address without credentials (plain http only with a
 * warning) that names one device as every tool reads it (lib/device/device-address.ts), and
 * `bigip.deviceHostname` holds host names.
 */
export const deviceHost: InventoryRule = {
  id: "device-host",
  summary:
    "bigip.host is a host name or address, optionally https:// and :port, without user name or password (http:// is a warning: lab only), zone id, unspecified address or hex, octal or short IPv4; bigip.deviceHostname holds host names",
  check({ source, addresses }) {
    const problems: Problem[] = [];
    const { device } = addresses;
    if (device !== undefined) {
      const { parsed } = device;
      if (isAddressProblem(parsed)) {
        // A user:password@ address holds a secret: the value is never shown.
        problems.push(
          source.problemAt(device.path, {
            message: parsed.secret
              ? `${parsed.reason}, and inventories are committed to git`
              : parsed.reason,
            value: parsed.secret ? HIDDEN : device.text,
            hint: parsed.hint,
          }),
        );
      } else if (parsed.scheme === "http") {
        problems.push(
          source.problemAt(device.path, {
            severity: "warning",
            message: "uses plain http://: the password crosses the network unencrypted",
            value: device.text,
            hint: "only for a lab or a test fake; a BIG-IP answers iControl REST on https://",
          }),
        );
      }
    }
    for (const { path, text } of addresses.deviceHostnames) {
      if (DEVICE_HOSTNAME.test(text)) continue;
      problems.push(
        source.problemAt(path, {
          message: "is not a host name",
          value: text,
          hint: "give the host name the device shows (tmsh list sys global-settings hostname), e.g. bigip-east-1.corp.example",
        }),
      );
    }
    return problems;
  },
};
