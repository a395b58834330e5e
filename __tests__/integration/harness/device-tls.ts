/**
 * The fake BIG-IP as the integration scenarios run it: over https, with the test certificate for
 * 127.0.0.1 signed by the test CA (`__tests__/fixtures/tls/`), so that every plan and apply
 * verifies the device's certificate as a real deploy does.
 */
import { readFileSync } from "node:fs";
import { request } from "node:https";
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

/**
 * Sends a JSON body to a secure fake and reads its JSON answer, trusting the test CA (the global
 * `fetch` takes no CA per request).
 */
export function sendJson(
  url: string,
  method: string,
  headers: Readonly<Record<string, string>>,
  body: unknown,
): Promise<{ status: number; body: unknown }> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method,
        headers: { ...headers, "Content-Type": "application/json" },
        ca: readFileSync(TEST_CA_FILE),
      },
      (response) => {
        let answer = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (answer += chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(answer) as unknown }),
        );
      },
    );
    outgoing.on("error", reject);
    outgoing.end(text);
  });
}
