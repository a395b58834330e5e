/**
 * A fake BIG-IP: an in-memory iControl REST server on 127.0.0.1, written from F5's iControl REST
 * documentation and the F5Networks/bigip provider's source (1.24.1), with what this project's
 * lifecycle depends on. It behaves like the device where that matters: token login with the
 * device's answer, token lifetimes and the per-user token limit (tokens.ts), canonical IPv6 text,
 * `%<id>` kept on what it stores, no `%0`, the device's error codes and messages. Each behaviour
 * names its public source; "unconfirmed" where the public record is silent.
 * Every request is logged, so a test can count calls and read what was sent.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { accountAnswer, ADMINISTRATOR, type PartitionAccess } from "./account";
import { DeviceError } from "./device-error";
import { DeviceState } from "./device-state";
import { TokenLimitReached, TokenStore } from "./tokens";

/** One request the fake answered. */
export interface LoggedRequest {
  readonly method: string;
  /** Path and query, as sent (percent-encoded). */
  readonly url: string;
  /** The parsed JSON body, if any. */
  readonly body?: unknown;
  readonly status: number;
  /** The token the request carried in `X-F5-Auth-Token`, if any. */
  readonly token?: string;
}

/** Credentials a fake accepts unless started with others. */
export const FAKE_CREDENTIALS = { username: "admin", password: "fake-password" } as const;

/** A user name and password. */
export interface Credentials {
  readonly username: string;
  readonly password: string;
}

/**
 * How to start a fake: `key` and `cert` (PEM, both) serve https; `username` and `password` replace
 * FAKE_CREDENTIALS for this instance.
 */
export interface FakeBigipOptions extends Partial<Credentials> {
  readonly key?: string;
  readonly cert?: string;
  /**
   * The account's roles, as `auth/user` shows them; a role without the advanced shell cannot use
   * util/bash, one limited to named partitions cannot read net/self (account.ts).
   * @default ADMINISTRATOR (admin on all-partitions)
   */
  readonly partitionAccess?: readonly PartitionAccess[];
}

/** A running fake BIG-IP. */
export class FakeBigip {
  /** The device's configuration, to seed and to inspect. */
  readonly device = new DeviceState();
  /** Every request answered so far. */
  readonly requests: LoggedRequest[] = [];
  /**
   * Slow mode: every write below `/mgmt/tm/` (not GET, not the login or token requests) is applied
   * at once but answered, and logged, this many milliseconds later. For tests that stop Terraform
   * in the middle of an apply. Not device behaviour.
   */
  writeDelayMs = 0;
  /**
   * Every GET below `/mgmt/tm/` is answered, and logged, this many milliseconds later. For tests
   * that interrupt a command while it reads. Not device behaviour.
   */
  readDelayMs = 0;
  /**
   * A GET with `expandSubcollections=true` is answered this many milliseconds later per object it
   * returns. Real devices are slow there: reading ~250 to 1,350 virtual servers expanded in one
   * request times out (BigIPReport issue 74); the cost per object is unconfirmed, tests choose it.
   */
  expandDelayMsPerItem = 0;
  /**
   * Writes (requests other than GET, as `writes()` counts them) received so far, including those
   * whose answer is still delayed; `writes()` lists only the answered ones. `clearLog()` keeps it.
   */
  writesReceived = 0;
  /**
   * Writes below `/mgmt/tm/` (not the login or token requests) received so far: what the
   * provider's create, update and delete sequences send. `clearLog()` keeps it.
   */
  deviceWritesReceived = 0;
  /**
   * Stop after a write, as a run killed right after it leaves the device: the write that brings
   * `deviceWritesReceived` to this count is applied and logged but never answered; every later
   * write below `/mgmt/tm/` is neither applied, logged nor answered. Reads are answered. For tests
   * that kill Terraform after its N-th write (`stopAfterDeviceWrites`); `undefined` again lets
   * writes through. Not device behaviour. Default: no stop.
   */
  deviceWriteStop?: number;
  /** Tokens handed out: live ones, the per-user limit, the fake's clock (see tokens.ts). */
  readonly tokens = new TokenStore();
  /** The account's roles (account.ts); a test may change them while the fake runs. */
  partitionAccess: readonly PartitionAccess[] = ADMINISTRATOR;
  /**
   * An error answer on demand: each authenticated request for which this returns a DeviceError is
   * answered with it instead, before anything changes. For tests of what a client does when the
   * device fails in the middle of its work. Not device behaviour.
   */
  failing?: (method: string, path: string) => DeviceError | undefined;

  private readonly delayed = new Set<NodeJS.Timeout>();

  private constructor(
    private readonly server: Server,
    private readonly scheme: "http" | "https",
    /** The user name and password this fake accepts, by token login and by Basic auth. */
    readonly credentials: Credentials,
  ) {}

  /**
   * Starts a fake on a free port of 127.0.0.1: plain http, or https with the given key and
   * certificate (PEM); accepting FAKE_CREDENTIALS, or the given user name and password.
   */
  static async start(options: FakeBigipOptions = {}): Promise<FakeBigip> {
    const { key, cert, username, password, partitionAccess } = options;
    const tls = key !== undefined && cert !== undefined ? { key, cert } : undefined;
    const server = tls ? createTlsServer(tls) : createServer();
    const fake = new FakeBigip(server, tls ? "https" : "http", {
      username: username ?? FAKE_CREDENTIALS.username,
      password: password ?? FAKE_CREDENTIALS.password,
    });
    if (partitionAccess) fake.partitionAccess = partitionAccess;
    server.on("request", (request, response) => fake.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return fake;
  }

  /** `BIGIP_HOST` for the provider and the tools: `http://127.0.0.1:<port>` (or https). */
  get host(): string {
    return `${this.scheme}://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Stops the server; answers still delayed are dropped. */
  async stop(): Promise<void> {
    for (const timer of this.delayed) clearTimeout(timer);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Forgets the request log. */
  clearLog(): void {
    this.requests.length = 0;
  }

  /** The logged requests that changed something (not GET). */
  writes(): LoggedRequest[] {
    return this.requests.filter((request) => request.method !== "GET");
  }

  /**
   * Stops the device after `count` more writes below `/mgmt/tm/` (see `deviceWriteStop`); resolves
   * once the last of them is applied.
   */
  async stopAfterDeviceWrites(count: number): Promise<void> {
    const stop = this.deviceWritesReceived + count;
    this.deviceWriteStop = stop;
    while (this.deviceWritesReceived < stop) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  /** Resolves once `writesReceived` reaches `count`, e.g. to stop Terraform after some writes. */
  async waitForWrites(count: number): Promise<void> {
    while (this.writesReceived < count) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const method = request.method ?? "";
      const url = request.url ?? "";
      const deviceWrite = method !== "GET" && url.startsWith("/mgmt/tm/");
      const stop = this.deviceWriteStop;
      if (deviceWrite && stop !== undefined && this.deviceWritesReceived >= stop) return;
      if (deviceWrite) this.deviceWritesReceived++;
      const text = Buffer.concat(chunks).toString("utf8");
      let body: unknown;
      let status: number;
      let answer: unknown;
      try {
        body = text === "" ? undefined : JSON.parse(text);
        answer = this.route(request, body);
        status = 200;
      } catch (error) {
        if (error instanceof TokenLimitReached) {
          status = 400;
          answer = error.answer;
        } else if (error instanceof DeviceError) {
          status = error.status;
          answer = { code: error.status, message: error.message, errorStack: [], apiError: 3 };
        } else if (error instanceof SyntaxError) {
          status = 400;
          answer = {
            code: 400,
            message: `Found invalid JSON body in the request.`,
            errorStack: [],
          };
        } else {
          status = 500;
          answer = { code: 500, message: String(error), errorStack: [] };
        }
      }
      const stopped = deviceWrite && this.deviceWritesReceived === stop;
      const sent = request.headers["x-f5-auth-token"];
      const token = typeof sent === "string" ? sent : undefined;
      const answerNow = () => {
        this.requests.push({ method, url, body, status, ...(token ? { token } : {}) });
        if (stopped) return;
        response.writeHead(status, { "Content-Type": "application/json; charset=UTF-8" });
        response.end(JSON.stringify(answer));
      };
      if (method === "GET") {
        const items = (answer as { items?: unknown[] } | undefined)?.items;
        const expanded = /[?&]expandSubcollections=true(&|$)/.test(url) && Array.isArray(items);
        const delay =
          (expanded ? items.length * this.expandDelayMsPerItem : 0) +
          (url.startsWith("/mgmt/tm/") ? this.readDelayMs : 0);
        return delay > 0 ? this.later(answerNow, delay) : answerNow();
      }
      this.writesReceived++;
      if (this.writeDelayMs > 0 && url.startsWith("/mgmt/tm/")) {
        this.later(answerNow, this.writeDelayMs);
      } else {
        answerNow();
      }
    });
  }

  /** Runs `answer` `delayMs` later, unless the fake stops first. */
  private later(answer: () => void, delayMs: number): void {
    const timer = setTimeout(() => {
      this.delayed.delete(timer);
      answer();
    }, delayMs);
    this.delayed.add(timer);
  }

  private route(request: IncomingMessage, body: unknown): unknown {
    const url = new URL(request.url ?? "/", "http://fake");
    const method = request.method ?? "GET";
    const address = request.socket.remoteAddress ?? "127.0.0.1";
    if (url.pathname === "/mgmt/shared/authn/login" && method === "POST") {
      return this.login(body, address);
    }
    this.authenticate(request);
    const failure = this.failing?.(method, url.pathname);
    if (failure) throw failure;
    const token = /^\/mgmt\/shared\/authz\/tokens\/([^/]+)$/.exec(url.pathname);
    if (token) return this.tokenRequest(method, decodeURIComponent(token[1]), body, address);
    const prefix = "/mgmt/tm/";
    if (!url.pathname.startsWith(prefix)) {
      throw new DeviceError(404, `Public URI path not registered: ${url.pathname}`);
    }
    const segments = url.pathname
      .slice(prefix.length)
      .split("/")
      .filter((segment) => segment !== "")
      .map((segment) => decodeURIComponent(segment));
    const account = { user: this.credentials.username, access: this.partitionAccess };
    return (
      accountAnswer(account, method, segments, address) ??
      this.device.handle(method, segments, body, url.searchParams)
    );
  }

  /**
   * Token login: POST `/mgmt/shared/authn/login` with `username`, `password` and
   * `loginProviderName`; the token comes back in `token.token` and is sent as `X-F5-Auth-Token`
   * (f5devcentral/go-bigip `bigip.go`, NewTokenSession and APICall; f5devcentral/f5-automation-labs
   * `postman_collections/Class_1.postman_collection.json`, "Retrieve Authentication Token"). The
   * answer's shape and the token limit: tokens.ts. The 401 message text is unconfirmed.
   */
  private login(body: unknown, address: string): unknown {
    const { username, password } = (body ?? {}) as { username?: string; password?: string };
    if (!this.accepts(username, password)) {
      throw new DeviceError(401, "Authentication failed.");
    }
    return this.tokens.login(String(username), address);
  }

  /**
   * `/mgmt/shared/authz/tokens/<token>`: GET the token, PATCH `{ timeout }` (go-bigip sets the
   * provider's `token_timeout` this way; f5-ansible `module_utils/bigip.py` modify_token_timeout),
   * DELETE to log out (f5-ansible LOGOUT). Another's or an expired token: 404, message
   * unconfirmed.
   */
  private tokenRequest(method: string, name: string, body: unknown, address: string): unknown {
    if (!this.tokens.valid(name)) throw new DeviceError(404, `Token ${name} not found.`);
    if (method === "DELETE") {
      this.tokens.delete(name);
      return {};
    }
    if (method === "PATCH") {
      const timeout = (body as { timeout?: unknown } | undefined)?.timeout;
      if (typeof timeout !== "number") throw new DeviceError(400, "timeout must be a number.");
      return this.tokens.setTimeout(name, timeout, address);
    }
    if (method === "GET") return this.tokens.get(name, address);
    throw new DeviceError(405, "Method not allowed");
  }

  /**
   * Every other request carries a token from the login or HTTP Basic credentials (go-bigip
   * `bigip.go` APICall: `X-F5-Auth-Token`, else `SetBasicAuth`; f5-automation-labs Class 1, "HTTP
   * BASIC Authentication"). The 401 message text is unconfirmed.
   */
  private authenticate(request: IncomingMessage): void {
    const token = request.headers["x-f5-auth-token"];
    if (typeof token === "string" && this.tokens.valid(token)) return;
    const basic = /^Basic (.+)$/.exec(request.headers.authorization ?? "");
    if (basic) {
      const text = Buffer.from(basic[1], "base64").toString("utf8");
      const colon = text.indexOf(":");
      if (colon >= 0 && this.accepts(text.slice(0, colon), text.slice(colon + 1))) return;
    }
    throw new DeviceError(
      401,
      "Authorization failed: no user authentication header or token detected.",
    );
  }

  private accepts(username: unknown, password: unknown): boolean {
    return username === this.credentials.username && password === this.credentials.password;
  }
}
