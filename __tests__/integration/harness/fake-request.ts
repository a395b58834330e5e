/** One iControl REST request to a plain-http fake BIG-IP, for the fake's own tests. */
import type { FakeBigip } from "../fake-bigip/fake-bigip";

/**
 * Sends `body` as JSON and reads the JSON answer: authenticated with a token, with the fake's own
 * credentials by HTTP Basic auth (`"basic"`), or not at all (`"none"`).
 */
export async function fakeRequest(
  fake: FakeBigip,
  method: string,
  path: string,
  body?: unknown,
  auth: { readonly token: string } | "basic" | "none" = "basic",
): Promise<{ status: number; body: Record<string, unknown> }> {
  const { username, password } = fake.credentials;
  const authorization: Record<string, string> =
    auth === "none"
      ? {}
      : auth === "basic"
        ? { Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}` }
        : { "X-F5-Auth-Token": auth.token };
  const response = await fetch(`${fake.host}${path}`, {
    method,
    headers: { "Content-Type": "application/json", ...authorization },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
