import { isAddressProblem, parseDeviceAddress } from "../../device/device-address";
import type { Problem } from "../problem";
import type { InventoryRule } from "./rule";

/** A host name as the device shows it (`sys global-settings hostname`): no spaces or controls. */
const DEVICE_HOSTNAME = /^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})$/;

/**
 * Rule: `bigip.host` is a management address without credentials (plain http only with a
 * warning), and `bigip.deviceHostname` holds host names.
 */
export const deviceHost: InventoryRule = {
  id: "device-host",
  summary:
    "bigip.host is a host name or address, optionally with https:// and :port, without user name or password (http:// is a warning: lab only); bigip.deviceHostname holds host names",
  check({ source, document }) {
    const problems: Problem[] = [];
    const { host, deviceHostname } = document.bigip;
    if (host !== undefined) {
      const parsed = parseDeviceAddress(host);
      if (isAddressProblem(parsed)) {
        // A user:password@ address holds a secret: the value is never shown.
        const secret = parsed.reason.includes("password");
        problems.push(
          source.problemAt(["bigip", "host"], {
            message: secret
              ? `${parsed.reason}, and inventories are committed to git`
              : parsed.reason,
            value: secret ? "(hidden)" : host,
            hint: parsed.hint,
          }),
        );
      } else if (parsed.scheme === "http") {
        problems.push(
          source.problemAt(["bigip", "host"], {
            severity: "warning",
            message: "uses plain http://: the password crosses the network unencrypted",
            value: host,
            hint: "only for a lab or a test fake; a BIG-IP answers iControl REST on https://",
          }),
        );
      }
    }
    const names = deviceHostname === undefined ? [] : [deviceHostname].flat();
    names.forEach((name, index) => {
      if (DEVICE_HOSTNAME.test(name)) return;
      const path =
        typeof deviceHostname === "string"
          ? ["bigip", "deviceHostname"]
          : ["bigip", "deviceHostname", index];
      problems.push(
        source.problemAt(path, {
          message: "is not a host name",
          value: name,
          hint: "give the host name the device shows (tmsh list sys global-settings hostname), e.g. bigip-east-1.corp.example",
        }),
      );
    });
    return problems;
  },
};
