/**
 * The fake BIG-IP as the integration scenarios run it: over https, with the test certificate for
 * 127.0.0.1 signed by the test CA (`__tests__/fixtures/tls/`), so that every plan and apply
 * verifies the device's certificate as a real deploy does.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { FakeBigip, type FakeBigipOptions } from "../fake-bigip/fake-bigip";

const TLS = path.resolve(__dirname, "..", "..", "fixtures", "tls");

/** The CA that signed the fake's certificate: the scenarios' `BIGIP_CA_FILE`. */
export const TEST_CA_FILE = path.join(TLS, "ca.pem");

/** A CA that signed nothing the fake serves (its key discarded). */
export const OTHER_CA_FILE = path.join(TLS, "other-ca.pem");

/** Starts a fake serving https with the certificate for 127.0.0.1. */
export function startSecureFake(options: FakeBigipOptions = {}): Promise<FakeBigip> {
  return FakeBigip.start({
    key: readFileSync(path.join(TLS, "device.key"), "utf8"),
    cert: readFileSync(path.join(TLS, "device.pem"), "utf8"),
    ...options,
  });
}
