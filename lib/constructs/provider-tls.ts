/**
 * How the stack's provider checks the BIG-IP's TLS certificate. What the F5Networks/bigip
 * provider does (the same in v1.24.1 and v1.28.0):
 *
 * - `bigip/provider.go`, `Provider()`: `validate_certs_disable` defaults to the environment's
 *   `BIGIP_VERIFY_CERT_DISABLE`, else **true** (no check at all), and `trusted_cert_path` to
 *   `BIGIP_TRUSTED_CERT_PATH`. A default applies only where the configuration leaves the
 *   attribute out: so the block always writes `validate_certs_disable`, and no environment can
 *   turn the check off behind the inventory's back.
 * - `providerConfigure()`: with the check on, an empty `trusted_cert_path` stops the provider with
 *   "valid Trust Certificate path not provided using :trusted_cert_path".
 * - `vendor/github.com/f5devcentral/go-bigip/bigip.go`, `NewTokenSession()` (the login; token
 *   auth is the provider's default) and `bigip/config.go`, `Client()`: the file is read with
 *   `os.ReadFile` (a missing one: "provide Valid Trusted certificate path :open ...") and its PEM
 *   certificates are added to the system's pool (`x509.SystemCertPool`) as the TLS config's
 *   `RootCAs`; a file without one leaves the system pool alone. `ServerName` is not set, so Go's
 *   `crypto/tls` checks the certificate's names against the host of the URL: a DNS name against
 *   the DNS SANs, an address against the IP SANs (the common name is not used).
 *
 * The CA is never named here: it comes from `BIGIP_CA_FILE`, what `doctor` and `audit` verify
 * with, which `npm run deploy` and `npm run cdktf` hand to the provider as
 * `BIGIP_TRUSTED_CERT_PATH` (lib/deploy/device-ca.ts). The trust anchor is the machine's to choose,
 * like the login: an inventory arrives in a pull request, and a CA of its choosing would let it
 * vouch for any device; and no path of the runner lands in the synthesized JSON or a snapshot.
 */
import type { BigipProviderConfig } from "../../.gen/providers/bigip/provider";
import type { BigipSettings } from "../inventory";

/** The provider's certificate check: on unless the inventory says `validateCerts: false`. */
export function providerTls(
  bigip: Pick<BigipSettings, "validateCerts">,
): Pick<BigipProviderConfig, "validateCertsDisable"> {
  return { validateCertsDisable: bigip.validateCerts === false };
}
