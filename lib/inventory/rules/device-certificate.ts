import type { InventoryRule } from "./rule";

/**
 * Rule: `bigip.validateCerts: false` is a warning. It is the inventory's explicit choice not to
 * verify the device's TLS certificate (a lab whose BIG-IP still has its self-signed
 * `localhost.localdomain` certificate); every plan and apply then sends the admin login to
 * whatever answers at the device's address. A warning, not an error: labs need it. The provider
 * facts are in lib/constructs/provider-tls.ts.
 */
export const deviceCertificate: InventoryRule = {
  id: "device-certificate",
  summary:
    "bigip.validateCerts: false is a warning: plan and apply then do not verify the BIG-IP's TLS certificate (lab only)",
  check({ source, document }) {
    const { validateCerts, host } = document.bigip;
    if (validateCerts !== false) return [];
    return [
      source.problemAt(["bigip", "validateCerts"], {
        severity: "warning",
        message: `is false: plan and apply do not verify the BIG-IP's TLS certificate, and send its login to whatever answers at ${host === undefined ? "BIGIP_HOST" : "bigip.host"}`,
        hint: "only for a lab; give the device a certificate for its management address, its CA in BIGIP_CA_FILE, and remove validateCerts (docs/terraform.md#the-big-ips-tls-certificate)",
      }),
    ];
  },
};
