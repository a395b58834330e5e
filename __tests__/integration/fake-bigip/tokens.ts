/**
 * The fake's authentication tokens, as the public record describes the device's:
 * - The login answer (POST `/mgmt/shared/authn/login`) carries the token and its lifetime inside
 *   `token` and has no top-level `timeout` (f5devcentral/f5-automation-labs, Class 1 "Retrieve
 *   Authentication Token", example response; F5 DevCentral "Demystifying iControl REST part 6").
 *   go-bigip (`bigip.go` NewTokenSession, vendored in F5Networks/bigip 1.24.1) reads the top-level
 *   `timeout.timeout`, finds 0, and therefore always PATCHes `/mgmt/shared/authz/tokens/<token>`
 *   with `{ "timeout": <token_timeout> }`, then requires the answer's top-level `timeout` to equal
 *   it (the PATCH answers with the token item itself).
 * - A token lives `timeout` seconds (1200 by default) unless deleted (DELETE
 *   `/mgmt/shared/authz/tokens/<token>`, f5-ansible `module_utils/constants.py` LOGOUT).
 * - A user holds at most 100 live tokens (K44237337); past that the login answers HTTP 400
 *   `user <id> has reached maximum active login tokens` (K59142111's title names the user by an
 *   id; f5devcentral/application-study-tool issue 105 shows the 400 answer with `code`,
 *   `message`, `referer`, `restOperationId`, `kind` ":resterrorresponse"; f5-ansible issue 269).
 *   The id the device shows is unconfirmed: the fake shows the MD5-based UUID of the user name,
 *   the form K59142111 shows for admin.
 * - On BIG-IP 17.1.2.x the tokens of users other than admin are not released when their timeout
 *   ends (F5 bug ID1787517, https://cdn.f5.com/product/bugtracker/ID1787517.html, as reported in
 *   f5devcentral/application-study-tool issue 125: "Point AST at a BIG-IP 17.1.2.1 system using
 *   any account other than admin. 8 hours later, scans will fail as the user token list will hit
 *   100 tokens"; terraform-provider-bigip issue 1049 saw the same after an upgrade to 17.1.2.1).
 *   Switch: `keepsNonAdminTokens`. There only a DELETE ends a token.
 * The fake's clock can be moved on for tests (`advance`). Tests count live tokens per user
 * (`liveByUser`) and logins (`issued`): what a run leaves behind is what counts against the limit.
 */
import { createHash } from "node:crypto";

/** Token lifetime at login, seconds (f5-automation-labs example: 1200). */
export const LOGIN_TOKEN_TIMEOUT = 1200;

/** Live tokens a user may hold (K44237337). */
export const TOKEN_LIMIT = 100;

interface Token {
  readonly user: string;
  readonly startMs: number;
  timeoutSeconds: number;
}

/**
 * Numbers the tokens of every fake of the process: a token of one fake is unknown to every other,
 * as a device's token is to another device.
 */
let nextToken = 1;

/** Thrown when a user has no token left; carries the device's answer. */
export class TokenLimitReached extends Error {
  constructor(readonly answer: Record<string, unknown>) {
    super(String(answer.message));
  }
}

/** Every token the fake handed out. */
export class TokenStore {
  /** Live tokens a user may hold; tests may lower it. */
  limit = TOKEN_LIMIT;
  /**
   * F5 bug ID1787517 (17.1.2.x): tokens of users other than admin never expire, only a DELETE
   * ends them. @default false
   */
  keepsNonAdminTokens = false;
  private readonly tokens = new Map<string, Token>();
  private readonly logins = new Map<string, number>();
  private offsetMs = 0;
  private operation = 1000;

  /** The fake's clock, ms. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Moves the fake's clock on, e.g. past a token's lifetime. */
  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }

  /** Live (not expired, not deleted) tokens, of one user or of all. */
  live(user?: string): string[] {
    this.expire();
    return [...this.tokens]
      .filter(([, token]) => user === undefined || token.user === user)
      .map(([name]) => name);
  }

  /** Live tokens per user, users without one left out: `{ automation: 2 }`. */
  liveByUser(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const name of this.live()) {
      const { user } = this.tokens.get(name)!;
      counts[user] = (counts[user] ?? 0) + 1;
    }
    return counts;
  }

  /** Tokens handed out to `user` so far (its logins), live or not. */
  issued(user: string): number {
    return this.logins.get(user) ?? 0;
  }

  /** The login answer for `user`, or TokenLimitReached. */
  login(user: string, address: string): Record<string, unknown> {
    if (this.live(user).length >= this.limit) {
      throw new TokenLimitReached({
        code: 400,
        message: `user ${userId(user)} has reached maximum active login tokens`,
        referer: address,
        restOperationId: this.operation++,
        kind: ":resterrorresponse",
      });
    }
    const name = `FAKETOKEN${String(nextToken++).padStart(8, "0")}`;
    this.logins.set(user, this.issued(user) + 1);
    this.tokens.set(name, { user, startMs: this.now(), timeoutSeconds: LOGIN_TOKEN_TIMEOUT });
    return {
      username: user,
      loginReference: { link: "https://localhost/mgmt/cm/system/authn/providers/tmos/1/login" },
      loginProviderName: "tmos",
      token: this.item(name, address),
      generation: 0,
      lastUpdateMicros: 0,
    };
  }

  /** True for a live token. */
  valid(name: string): boolean {
    return this.live().includes(name);
  }

  /** PATCH `{ timeout }`: the token item, with its new lifetime counted from its start. */
  setTimeout(name: string, timeoutSeconds: number, address: string): Record<string, unknown> {
    const token = this.tokens.get(name)!;
    token.timeoutSeconds = timeoutSeconds;
    return this.item(name, address);
  }

  /** GET: the token item. */
  get(name: string, address: string): Record<string, unknown> {
    return this.item(name, address);
  }

  /** DELETE: the token is gone. */
  delete(name: string): void {
    this.tokens.delete(name);
  }

  private expire(): void {
    const now = this.now();
    for (const [name, token] of this.tokens) {
      if (this.keepsNonAdminTokens && token.user !== "admin") continue;
      if (token.startMs + token.timeoutSeconds * 1000 <= now) this.tokens.delete(name);
    }
  }

  private item(name: string, address: string): Record<string, unknown> {
    const token = this.tokens.get(name)!;
    return {
      token: name,
      name,
      userName: token.user,
      authProviderName: "tmos",
      user: { link: `https://localhost/mgmt/shared/authz/users/${token.user}` },
      groupReferences: [],
      timeout: token.timeoutSeconds,
      startTime: new Date(token.startMs).toISOString(),
      address,
      partition: "[All]",
      generation: 1,
      lastUpdateMicros: this.now() * 1000,
      expirationMicros: (token.startMs + token.timeoutSeconds * 1000) * 1000,
      kind: "shared:authz:tokens:authtokenitemstate",
      selfLink: `https://localhost/mgmt/shared/authz/tokens/${name}`,
    };
  }
}

/** The MD5-based UUID of a user name (K59142111 shows admin as 21232f29-7a57-35a7-8389-…). */
function userId(user: string): string {
  const hex = createHash("md5").update(user).digest("hex").split("");
  hex[12] = "3";
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const text = hex.join("");
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}
