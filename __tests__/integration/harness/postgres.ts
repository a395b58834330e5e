/**
 * A real PostgreSQL for the pg backend scenarios: Debian's `postgresql` package (`.ci/run`
 * installs it), a cluster in a temporary folder, listening on 127.0.0.1 only, started by the test
 * and stopped at the end by its PID. `initdb` refuses to run as root, so as root the server runs
 * as the `postgres` user the package creates. Terraform logs in as `tfstate` with a password from
 * the environment (PGUSER, PGPASSWORD), as a team would.
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";

/** The role and database the state lives in, and the role's password. */
export const STATE_DATABASE = {
  user: "tfstate",
  password: "tfstate-pw",
  database: "terraform",
} as const;

/** The newest PostgreSQL server binaries of Debian's package, or `undefined`. */
function serverBinaries(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((version) => existsSync(path.join(root, version, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? path.join(root, versions[0], "bin") : undefined;
}

/** Why a PostgreSQL cannot be started here, or `undefined` when it can. */
export function whyPostgresUnavailable(): string | undefined {
  if (!serverBinaries()) return "PostgreSQL's server is not installed (apt-get install postgresql)";
  if (process.getuid?.() === 0 && spawnSync("id", ["-u", "postgres"]).status !== 0) {
    return "running as root without a postgres user to run the server as";
  }
  if (!existsSync("/usr/bin/psql")) return "psql is not installed";
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A running PostgreSQL. */
export class Postgres {
  private constructor(
    private readonly folder: string,
    readonly port: number,
    private readonly pid: number,
  ) {}

  private databases = 0;

  /** The pg backend's `conn_str` of a database: no password in it. */
  connStr(database: string = STATE_DATABASE.database): string {
    return `postgres://127.0.0.1:${this.port}/${database}?sslmode=disable`;
  }

  /** A new, empty state database (one per scenario): its `conn_str`. */
  newDatabase(): { database: string; connStr: string } {
    this.databases += 1;
    const database = `${STATE_DATABASE.database}_${this.databases}`;
    this.sql(`CREATE DATABASE ${database} OWNER ${STATE_DATABASE.user}`, "postgres", "postgres-pw");
    return { database, connStr: this.connStr(database) };
  }

  /** The environment Terraform's pg backend reads the login from. */
  get loginEnvironment(): Record<string, string> {
    return { PGUSER: STATE_DATABASE.user, PGPASSWORD: STATE_DATABASE.password };
  }

  /** Initialises a cluster in a temporary folder and starts it on a free port of 127.0.0.1. */
  static async start(): Promise<Postgres> {
    const bin = serverBinaries()!;
    const folder = mkdtempSync(path.join(tmpdir(), "da-manage-out-pg-"));
    const asRoot = process.getuid?.() === 0;
    const owner = asRoot
      ? Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }))
      : undefined;
    const superPassword = path.join(folder, "superuser-password");
    writeFileSync(superPassword, "postgres-pw\n");
    if (owner !== undefined) {
      chownSync(folder, owner, -1);
      chownSync(superPassword, owner, -1);
    }
    const run = (program: string, args: string[]) => {
      const command = asRoot ? "runuser" : path.join(bin, program);
      const commandArgs = asRoot
        ? ["-u", "postgres", "--", path.join(bin, program), ...args]
        : args;
      const result = spawnSync(command, commandArgs, { encoding: "utf8", cwd: folder });
      if (result.status !== 0) {
        throw new Error(`${program} failed: ${result.stderr || result.stdout}`);
      }
    };
    const data = path.join(folder, "data");
    run("initdb", [
      "-D",
      data,
      "-U",
      "postgres",
      "--auth-local=trust",
      "--auth-host=scram-sha-256",
      `--pwfile=${superPassword}`,
      "-E",
      "UTF8",
    ]);
    const port = await freePort();
    run("pg_ctl", [
      "-D",
      data,
      "-l",
      path.join(folder, "server.log"),
      "-o",
      `-h 127.0.0.1 -p ${port} -k ${folder}`,
      "-w",
      "start",
    ]);
    const pid = Number(readFileSync(path.join(data, "postmaster.pid"), "utf8").split("\n")[0]);
    const postgres = new Postgres(folder, port, pid);
    postgres.sql(
      `CREATE ROLE ${STATE_DATABASE.user} LOGIN PASSWORD '${STATE_DATABASE.password}'`,
      "postgres",
      "postgres-pw",
    );
    postgres.sql(
      `CREATE DATABASE ${STATE_DATABASE.database} OWNER ${STATE_DATABASE.user}`,
      "postgres",
      "postgres-pw",
    );
    return postgres;
  }

  /** Runs SQL with psql and returns its rows, one line each (`|` between columns). */
  sql(
    statement: string,
    user: string = STATE_DATABASE.user,
    password: string = STATE_DATABASE.password,
    database = user === "postgres" ? "postgres" : STATE_DATABASE.database,
  ): string[] {
    const output = execFileSync(
      "psql",
      [
        "-h",
        "127.0.0.1",
        "-p",
        String(this.port),
        "-U",
        user,
        "-d",
        database,
        "-AtX",
        "-v",
        "ON_ERROR_STOP=1",
        "-c",
        statement,
      ],
      { encoding: "utf8", env: { ...process.env, PGPASSWORD: password } },
    );
    return output.split("\n").filter((line) => line !== "");
  }

  /** The states rows of a schema: `name|bytes`. */
  stateRows(database: string, schema: string): string[] {
    return this.sql(
      `SELECT name, length(data) FROM "${schema}".states ORDER BY name`,
      STATE_DATABASE.user,
      STATE_DATABASE.password,
      database,
    );
  }

  /** Advisory locks held now (the pg backend's state locks). */
  advisoryLocks(): number {
    return Number(this.sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")[0]);
  }

  /** Stops the server by its PID (fast shutdown) and deletes its folder. */
  async stop(): Promise<void> {
    try {
      process.kill(this.pid, "SIGINT");
    } catch {
      // Already gone.
    }
    for (let i = 0; i < 100; i += 1) {
      try {
        process.kill(this.pid, 0);
      } catch {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    rmSync(this.folder, { recursive: true, force: true });
  }
}
