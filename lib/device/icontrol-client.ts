/**
 * A small iControl REST client: token login at `/mgmt/shared/authn/login`, the token in
 * `X-F5-Auth-Token`, GET requests (and `recover`'s DELETEs) with a timeout and a bounded number in
 * flight, the token's lifetime for a deploy, logout at the end. node:http and node:https only: TLS is verified unless the caller says otherwise, with an
 * extra CA when given. Credentials never appear in an error message.
 */
import * as http from "node:http";
import * as https from "node:https";
import * as tls from "node:tls";
import { showValue } from "../io/show-value";

/** How long a request waits for the device's answer to begin, unless the settings say otherwise. */
export const DEFAULT_TIMEOUT_MS = 15_000;

/** How to reach and authenticate to a BIG-IP. */
export interface ConnectionSettings {
  /** Base URL, e.g. `https://bigip-int.corp.example` (a bare host name means https). */
  readonly baseUrl: URL;
  readonly username: string;
  readonly password: string;
  /** PEM text of the CA that signed the device's certificate, in addition to the system's. */
  readonly ca?: string;
  /** Skip certificate verification. @default false */
  readonly insecure?: boolean;
  /** Per request, in milliseconds. @default 15000 */
  readonly timeoutMs?: number;
  /** Requests in flight at once. @default 4 */
  readonly maxParallel?: number;
}

/** A failure to talk to the device: cannot connect, TLS, login refused, or an HTTP error. */
export class DeviceConnectionError extends Error {
  constructor(
    message: string,
    /** The HTTP status of an error answer, when there was one. @default - none */
    readonly status?: number,
  ) {
    super(message);
  }
}

/** What went over the wire, for tests and for counting. */
export interface SentRequest {
  readonly method: string;
  readonly path: string;
}

/** A logged-in session; `close()` logs out. */
export class IcontrolClient {
  /** Every request sent, in order. */
  readonly sent: SentRequest[] = [];
  private token?: string;
  private closing?: Promise<boolean>;
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];

  private constructor(private readonly settings: ConnectionSettings) {}

  /** The user name the session logged in with. */
  get user(): string {
    return this.settings.username;
  }

  /** The device's host (and port), for messages. */
  get host(): string {
    return this.settings.baseUrl.host;
  }

  /** The device's address, `https://bigip-east.corp.example:443`, port always written. */
  get url(): string {
    const { protocol, hostname, port } = this.settings.baseUrl;
    return `${protocol}//${hostname}:${port || (protocol === "http:" ? 80 : 443)}`;
  }

  /** Logs in and returns the session. Throws `DeviceConnectionError` when it cannot. */
  static async login(settings: ConnectionSettings): Promise<IcontrolClient> {
    const client = new IcontrolClient(settings);
    const answer = await client.request("POST", "/mgmt/shared/authn/login", {
      username: settings.username,
      password: settings.password,
      loginProviderName: "tmos",
    });
    const said = deviceSays(answer.body);
    if (answer.status === 401 || answer.status === 403) {
      throw new DeviceConnectionError(
        `login refused by ${settings.baseUrl.host} (HTTP ${answer.status}${said}): check BIGIP_USER and BIGIP_PASSWORD`,
      );
    }
    const token = (answer.body as { token?: { token?: unknown } } | undefined)?.token?.token;
    if (answer.status !== 200 || typeof token !== "string" || token === "") {
      throw new DeviceConnectionError(
        `login at ${settings.baseUrl.host} failed (HTTP ${answer.status}${said || ": no token in the answer"})${loginHint(answer.body)}`,
      );
    }
    client.token = token;
    return client;
  }

  /**
   * GET a path below `/mgmt/tm/`; `undefined` for 404. Throws `DeviceConnectionError` for other
   * errors.
   */
  async get(path: string, query: Record<string, string> = {}): Promise<unknown> {
    const search = new URLSearchParams(query).toString();
    const answer = await this.request("GET", `/mgmt/tm/${path}${search ? `?${search}` : ""}`);
    if (answer.status === 404) return undefined;
    if (answer.status !== 200) {
      throw new DeviceConnectionError(
        `GET /mgmt/tm/${path} answered HTTP ${answer.status}${deviceSays(answer.body)}`,
        answer.status,
      );
    }
    return answer.body;
  }

  /**
   * DELETE a path below `/mgmt/tm/` (for `recover`, the only writer). An object already gone
   * (404) counts as deleted. Throws `DeviceConnectionError` with the device's message otherwise.
   */
  async delete(path: string): Promise<void> {
    const answer = await this.request("DELETE", `/mgmt/tm/${path}`);
    if (answer.status === 200 || answer.status === 404) return;
    throw new DeviceConnectionError(
      `DELETE /mgmt/tm/${path} answered HTTP ${answer.status}${deviceSays(answer.body)}`,
    );
  }

  /**
   * The session's token, for a program that acts in this session: the F5 provider takes it as
   * `token_value` (`BIGIP_TOKEN_VALUE`). A secret like the password: never print it.
   */
  get sessionToken(): string {
    if (!this.token) throw new DeviceConnectionError(`the session with ${this.host} is closed`);
    return this.token;
  }

  /**
   * Sets how long the token lives, counted from the login, as go-bigip does for the provider's
   * `token_timeout` (`bigip.go` NewTokenSession: PATCH `/mgmt/shared/authz/tokens/<token>` with
   * `{ "timeout": <seconds> }`, then the answer's `timeout` must be the one asked for). Throws
   * `DeviceConnectionError` when the device refuses or answers another lifetime.
   */
  async setTokenLifetime(seconds: number): Promise<void> {
    const answer = await this.request("PATCH", this.tokenPath(this.sessionToken), {
      timeout: seconds,
    });
    const timeout = (answer.body as { timeout?: unknown } | undefined)?.timeout;
    if (answer.status !== 200 || timeout !== seconds) {
      throw new DeviceConnectionError(
        `${this.host} did not set the token's lifetime to ${seconds} s (HTTP ${answer.status}${deviceSays(answer.body) || `, timeout ${showValue(String(timeout))}`})`,
      );
    }
  }

  /**
   * Logs out: deletes the token (DELETE `/mgmt/shared/authz/tokens/<token>`, K02126317), so that
   * it no longer counts against the user's 100 (K44237337). Never throws; a second call waits for
   * the first.
   * @returns false when the token may still be live (the device did not confirm, or not reached)
   */
  close(): Promise<boolean> {
    this.closing ??= this.logout();
    return this.closing;
  }

  private async logout(): Promise<boolean> {
    if (!this.token) return true;
    let gone = false;
    try {
      // Not queued behind reads still in flight (an interrupted command does not wait for them).
      // 404: expired or deleted already.
      const path = this.tokenPath(this.token);
      this.sent.push({ method: "DELETE", path });
      const answer = await this.send("DELETE", path);
      gone = answer.status === 200 || answer.status === 404;
    } catch {
      // Left to its lifetime: the caller cannot do more.
    }
    this.token = undefined;
    return gone;
  }

  private tokenPath(token: string): string {
    return `/mgmt/shared/authz/tokens/${encodeURIComponent(token)}`;
  }

  private async request(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown }> {
    await this.slot();
    try {
      this.sent.push({ method, path });
      return await this.send(method, path, body);
    } finally {
      this.inFlight -= 1;
      this.waiting.shift()?.();
    }
  }

  private async slot(): Promise<void> {
    const limit = this.settings.maxParallel ?? 4;
    while (this.inFlight >= limit) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.inFlight += 1;
  }

  private send(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown }> {
    const url = new URL(path, this.settings.baseUrl);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const secure = url.protocol === "https:";
    const options: https.RequestOptions = {
      method,
      headers: {
        Accept: "application/json",
        ...(payload === undefined ? {} : { "Content-Type": "application/json" }),
        ...(this.token ? { "X-F5-Auth-Token": this.token } : {}),
      },
      timeout: this.settings.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      ...(secure
        ? {
            rejectUnauthorized: !this.settings.insecure,
            // Node replaces its default CA list when `ca` is set: keep the system's, add the one given.
            ...(this.settings.ca ? { ca: [...tls.rootCertificates, this.settings.ca] } : {}),
          }
        : {}),
    };
    return new Promise((resolve, reject) => {
      // Node's `timeout` is the socket's idle time, and over TLS a silent peer got twice that
      // (32 s for 15 s, measured): the answer must begin within the timeout, counted from here.
      const deadline = setTimeout(() => {
        request.destroy(new Error(`no answer within ${options.timeout} ms`));
      }, options.timeout);
      const request = (secure ? https : http).request(url, options, (response) => {
        clearTimeout(deadline);
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed: unknown;
          try {
            parsed = text === "" ? undefined : JSON.parse(text);
          } catch {
            parsed = undefined;
          }
          resolve({ status: response.statusCode ?? 0, body: parsed });
        });
        response.on("error", (error) => reject(connectionError(url, error)));
      });
      request.on("timeout", () => {
        request.destroy(new Error(`no answer within ${options.timeout} ms`));
      });
      request.on("error", (error) => {
        clearTimeout(deadline);
        reject(connectionError(url, error));
      });
      request.end(payload);
    });
  }
}

/** `: <the device's message>` (escaped, shortened) from an error answer, or "" when it has none. */
function deviceSays(body: unknown): string {
  const message = (body as { message?: unknown } | undefined)?.message;
  return typeof message === "string" ? `: ${showValue(message)}` : "";
}

/**
 * What to do about a refused login, where the device's message says: past 100 live tokens a user
 * cannot log in (K44237337, K59142111). A token ends when deleted, or after its timeout, except
 * on 17.1.2.x for users other than admin (F5 bug ID1787517). The provider deletes none
 * (terraform-provider-bigip issue 401); `npm run deploy` and this project's commands delete theirs.
 */
function loginHint(body: unknown): string {
  const message = (body as { message?: unknown } | undefined)?.message;
  if (typeof message !== "string" || !/maximum active login tokens/i.test(message)) return "";
  return (
    ": the user holds the most REST tokens a user may (100, K44237337); each Terraform plan or" +
    " apply outside npm run deploy leaves its provider's token, live for its token_timeout (20" +
    " minutes by default), and on 17.1.2.x for a user other than admin until deleted (F5 bug" +
    " ID1787517). Delete them on" +
    " the device (K02126317), and deploy with npm run deploy, which returns its token" +
    " (docs/lifecycle.md#rest-tokens)"
  );
}

/**
 * A failure to connect, in one line. For a certificate that does not verify, Node's own sentence
 * only: Node 24 appends "; if the root CA is installed locally, try running Node.js with
 * --use-system-ca", advice about Node's flags that the hint here replaces.
 */
export function connectionError(url: URL, error: Error & { code?: string }): DeviceConnectionError {
  const tls = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(error.code ?? "");
  const hint = tls
    ? ": the device's TLS certificate does not verify; set BIGIP_CA_FILE to its CA (the device commands also take --ca-file)"
    : "";
  const firstLine = error.message.split("\n")[0];
  const message = tls ? firstLine.split("; ")[0] : firstLine;
  return new DeviceConnectionError(
    `cannot reach ${url.host}: ${error.code ? `${error.code} ` : ""}${message}${hint}`,
  );
}
