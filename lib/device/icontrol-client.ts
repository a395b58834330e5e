/**
 * A small iControl REST client: token login at `/mgmt/shared/authn/login`, the token in
 * `X-F5-Auth-Token`, GET requests (and `recover`'s DELETEs) with a timeout and a bounded number in
 * flight, logout at the end. node:http and node:https only: TLS is verified unless the caller says otherwise, with an
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

  /** Logs out (deletes the token); never throws. */
  async close(): Promise<void> {
    if (!this.token) return;
    try {
      await this.request("DELETE", `/mgmt/shared/authz/tokens/${encodeURIComponent(this.token)}`);
    } catch {
      // The token expires on its own.
    }
    this.token = undefined;
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
 * cannot log in (K44237337, K59142111); tokens end after their timeout or when deleted.
 */
function loginHint(body: unknown): string {
  const message = (body as { message?: unknown } | undefined)?.message;
  if (typeof message !== "string" || !/maximum active login tokens/i.test(message)) return "";
  return (
    ": the user holds the most REST tokens a user may (100, K44237337); every Terraform run leaves" +
    " one until its token_timeout (20 minutes) ends, doctor and audit delete theirs. Wait for them" +
    " to expire, or delete them on the device (K02126317), or use another user for automation"
  );
}

function connectionError(url: URL, error: Error & { code?: string }): DeviceConnectionError {
  const tls = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(error.code ?? "");
  const hint = tls
    ? ": the device's TLS certificate does not verify; give its CA with --ca-file or BIGIP_CA_FILE"
    : "";
  return new DeviceConnectionError(
    `cannot reach ${url.host}: ${error.code ? `${error.code} ` : ""}${error.message.split("\n")[0]}${hint}`,
  );
}
