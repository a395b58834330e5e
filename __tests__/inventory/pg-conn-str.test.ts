/**
 * A pg backend's conn_str read as its drivers read it. The expected settings of lib/pq are what
 * lib/pq v1.10.3 (the version Terraform 1.5 to 1.13 pin) returned from NewConnector, built with
 * Go 1.24, for each string (its defaults and environment left out); those of libpq are what
 * PQconninfoParse of libpq 15 returned. A password in any form either finds is refused, never
 * shown; two strings that reach one database compare equal.
 */
import { finalSettings, readLibPq } from "../../lib/inventory/pg/lib-pq";
import { readLibpq } from "../../lib/inventory/pg/libpq";
import { pgConnStrSecret } from "../../lib/inventory/pg/conn-str-secret";
import { pgIdentifier, pgTarget } from "../../lib/inventory/pg/pg-target";
import { pgLocation } from "../../lib/inventory/state-location";

const settingsOf = (connStr: string) => {
  const reading = readLibPq(connStr);
  return reading.error ?? Object.fromEntries(finalSettings(reading));
};

describe("lib/pq's reading (connector.go, url.go, conn.go at v1.10.3)", () => {
  test.each<[string, string | Record<string, string>]>([
    // Query settings join the URL's parts; sorted as text, the last of one key wins.
    ["postgres:///terraform?host=db", { dbname: "terraform", host: "db" }],
    ["postgres://db/aaa?dbname=terraform", { dbname: "terraform", host: "db" }],
    ["postgres://db/zzz?dbname=terraform", { dbname: "zzz", host: "db" }],
    ["postgres://db/tf?host=%2Ftmp&port=5433", { dbname: "tf", host: "db", port: "5433" }],
    // A query key is decoded (+ and %20 are spaces) and not quoted: it can make more settings.
    [
      "postgres://db/tf?sslmode=disable&+password=x",
      { dbname: "tf", host: "db", password: "x", sslmode: "disable" },
    ],
    [
      "postgres://db/tf?x%3Dy%20password=secret",
      { dbname: "tf", host: "db", password: "secret", x: "y" },
    ],
    ["postgres://db/tf?pass%77ord=secret", { dbname: "tf", host: "db", password: "secret" }],
    ["postgres://db/tf?%20dbname=other", { dbname: "tf", host: "db" }],
    ["postgres://db/tf?password=a&password=b", { dbname: "tf", host: "db", password: "a" }],
    ["postgres://db/tf?PGPASSWORD=x", { PGPASSWORD: "x", dbname: "tf", host: "db" }],
    [
      "postgres://db/tf?sslinline=true&sslkey=-----BEGIN%20PRIVATE%20KEY-----%0AMII%0A-----END%20PRIVATE%20KEY-----",
      {
        dbname: "tf",
        host: "db",
        sslinline: "true",
        sslkey: "-----BEGIN PRIVATE KEY-----\nMII\n-----END PRIVATE KEY-----",
      },
    ],
    // Go drops a pair with a ';' or a bad escape, and an empty value is no setting.
    ["postgres://db/tf?a=1;password=x", { dbname: "tf", host: "db" }],
    ["postgres://db/tf?x=%zz&password=y", { dbname: "tf", host: "db", password: "y" }],
    ["postgres://db/tf?password=", { dbname: "tf", host: "db" }],
    ["postgres://db/tf?sslmode=require&dbname", { dbname: "tf", host: "db", sslmode: "require" }],
    // User info ends at the last '@' of the authority, which ends at the first '/'.
    [
      "postgres://u:p%40ss@[::1]:5433/db%2Fx?application_name=a@b",
      {
        application_name: "a@b",
        dbname: "db/x",
        host: "::1",
        password: "p@ss",
        port: "5433",
        user: "u",
      },
    ],
    ["postgres://a@b:c@db/tf", { dbname: "tf", host: "db", password: "c", user: "a@b" }],
    ["postgres://:pw@db/tf", { dbname: "tf", host: "db", password: "pw" }],
    ["postgres://u:@db/tf", { dbname: "tf", host: "db", user: "u" }],
    ["postgres://tf:123/x@db/tf", { dbname: "x@db/tf", host: "tf", port: "123" }],
    ["postgres://db:5432:1/tf", { dbname: "tf", host: "db:5432:1" }],
    ["postgres://[::1]/tf", { dbname: "tf", host: "[::1]" }],
    ["postgres://db/t%C3%A9st", { dbname: "tést", host: "db" }],
    ["postgres://db/tf#frag", { dbname: "tf", host: "db" }],
    ["postgres://user@db/", { host: "db", user: "user" }],
    // Keyword/value: a quoted value may be followed at once by the next key.
    ["host=db user='a'password=secret", { host: "db", password: "secret", user: "a" }],
    ["host = db  dbname = 'my db' password=\\'x", { dbname: "my db", host: "db", password: "'x" }],
    ["dbname='a\\'b' host=db", { dbname: "a'b", host: "db" }],
    ["host=db\u00a0password=secret", { host: "db", password: "secret" }],
    ["host=/var/run/postgresql/ dbname=tf", { dbname: "tf", host: "/var/run/postgresql/" }],
    ["", {}],
    // Errors (lib/pq's own message prints the URL, or the text before '=', whole).
    ["postgres://tf:se/cret@db/tf", "invalid port after host"],
    ["postgresql://%2Fvar%2Frun%2Fpostgresql/tf", "invalid URL escape"],
    ["postgres://d%zzb/tf", "invalid URL escape"],
    ["postgres://db /tf", "invalid character in host name"],
    ["postgres://u\u00e9:p@db/tf", "invalid userinfo"],
    ["POSTGRES://u:p@h/d", 'missing "=" after a key'],
    [" postgres://db/tf", 'missing "=" after a key'],
    ["user=a password", 'missing "=" after a key'],
    ["host=db dbname='unterminated", "unterminated quoted string"],
    ["host=db dbname=x\\", "missing character after backslash"],
  ])("%j", (connStr, expected) => {
    expect(settingsOf(connStr)).toEqual(expected);
  });
});

describe("libpq's reading (fe-connect.c, PostgreSQL 15)", () => {
  test.each<[string, Record<string, string>, string | undefined]>([
    // The password runs to the first '@' before any '/': '?' and '#' belong to it.
    [
      "postgresql://tf:pa#ss@db/tf",
      { user: "tf", password: "pa#ss", host: "db", dbname: "tf" },
      undefined,
    ],
    [
      "postgresql://tf:pa?ss@db/tf",
      { user: "tf", password: "pa?ss", host: "db", dbname: "tf" },
      undefined,
    ],
    // No '+' for a space; ssl=true is sslmode=require.
    [
      "postgresql://db/tf?+password=x&ssl=true",
      { host: "db", dbname: "tf", "+password": "x", sslmode: "require" },
      undefined,
    ],
    ["postgresql://db/tf?pass%77ord=x", { host: "db", dbname: "tf", password: "x" }, undefined],
    ["postgresql://db/tf?a=1&", { host: "db", dbname: "tf", a: "1" }, undefined],
    [
      "postgresql://db/tf?a=1&&b=2",
      { host: "db", dbname: "tf", a: "1" },
      "not key=value in the URI query",
    ],
    ["host=db dbname=x\\", { host: "db", dbname: "x" }, undefined],
    ["host=db user='a'password=b", { host: "db", user: "a", password: "b" }, undefined],
  ])("%j", (connStr, settings, error) => {
    const reading = readLibpq(connStr);
    expect([
      Object.fromEntries(reading.settings.map((s) => [s.key, s.value])),
      reading.error,
    ]).toEqual([settings, error]);
  });
});

describe("a secret in conn_str, in any form a driver reads", () => {
  const PASSWORD = "holds a password";
  const URL_PASSWORD = "holds a password in a URL (user:password@)";
  test.each<[string, string]>([
    ["postgres://tf:pw@db/tf", URL_PASSWORD],
    ["postgres://:pw@db/tf", URL_PASSWORD],
    ["postgresql://u:p%40@db/tf", URL_PASSWORD],
    ["POSTGRES://u:p@h/d", URL_PASSWORD],
    // An unencoded '/' (or '?') in the password: Go fails and prints the URL, or connects to
    // host tf.
    ["postgres://tf:se/cret@db/tf", URL_PASSWORD],
    ["postgres://tf:123/x@db/tf", URL_PASSWORD],
    ["postgres://tf:pa/s?s@db/tf", URL_PASSWORD],
    ["postgres://tf:pa#ss@db/tf", PASSWORD],
    ["postgres://db/tf?password=pw", PASSWORD],
    ["postgres://db/tf?sslmode=disable&+password=pw", PASSWORD],
    ["postgres://db/tf?sslmode=disable&%20password=pw", PASSWORD],
    ["postgres://db/tf?x%3Dy%20password=pw", PASSWORD],
    ["postgres://db/tf?pass%77ord=pw", PASSWORD],
    ["postgres://db/tf?x=%zz&password=pw", PASSWORD],
    ["postgres://db/tf?PGPASSWORD=pw", PASSWORD],
    ["host=db user='a'password=pw", PASSWORD],
    ["host=db password = pw", PASSWORD],
    ["host=db\u00a0password=pw", PASSWORD],
    ["host=db PGPASSWORD=pw", PASSWORD],
    ["host=db password='unterminated", PASSWORD],
    ["postgres://db/tf?sslpassword=pw", "holds the passphrase of the client key (sslpassword)"],
    ["host=db sslpassword='pw'", "holds the passphrase of the client key (sslpassword)"],
    [
      "postgres://db/tf?api_token=x",
      "holds a setting named like a credential (a password, secret or token)",
    ],
    [
      "postgres://db/tf?sslinline=true&sslkey=-----BEGIN%20PRIVATE%20KEY-----%0AMII%0A-----END%20PRIVATE%20KEY-----",
      "holds a private key (PEM)",
    ],
    [
      "postgres://db/tf?sslinline=true&sslkey=MIIEvQIBADANBg",
      "holds a private key (sslkey with sslinline=true)",
    ],
    ["host=db sslkey='-----BEGIN EC PRIVATE KEY-----'", "holds a private key (PEM)"],
  ])("%j %s", (connStr, found) => {
    expect(pgConnStrSecret(connStr)).toBe(found);
  });

  test.each([
    "postgres://tfstate.corp.example/terraform?sslmode=verify-full",
    "postgres://tf@db:5432/terraform?application_name=ci@runner",
    "postgres://db/tf?password=",
    "host=db dbname=tf password=",
    "host=db dbname=tf passfile=/etc/tf/pgpass sslkey=/etc/tf/client.key sslmode=verify-full",
    "postgres://db/tf?sslinline=true&sslcert=abc",
    "dbname=tokens host=db",
  ])("none in %j", (connStr) => {
    expect(pgConnStrSecret(connStr)).toBeUndefined();
  });
});

describe("where the state lives", () => {
  test.each<[string, ReturnType<typeof pgTarget>]>([
    ["postgres:///terraform?host=DB.corp", { host: "db.corp", dbname: "terraform" }],
    ["postgres://db.corp:05432/terraform", { host: "db.corp", port: "5432", dbname: "terraform" }],
    ["host=/var/run/postgresql/ dbname=tf", { host: "/var/run/postgresql", dbname: "tf" }],
    ["host='' dbname=tf", { host: "localhost", dbname: "tf" }],
    ["postgres://tf@db/", { host: "db", user: "tf" }],
    // The server cuts the database name of the startup packet to 63 bytes.
    [`postgres://db/${"d".repeat(70)}`, { host: "db", dbname: "d".repeat(63) }],
  ])("%j", (connStr, target) => {
    expect(pgTarget(connStr)).toEqual(target);
  });

  test.each([
    ["postgres:///terraform?host=db", "postgres://db/terraform"],
    ["postgres://db/terraform", "host=db dbname=terraform port=5432"],
    ["postgres://db/staging?dbname=terraform", "postgres://DB:5432/terraform?sslmode=require"],
    ["postgres://tf@db/", "host=db user=tf"],
    ["postgres://db/terraform?host=%2Ftmp", "postgres://db/terraform"],
  ])("%j and %j are one database", (a, b) => {
    expect(pgLocation(a, "s").key).toBe(pgLocation(b, "s").key);
  });

  test.each([
    ["postgres://db/zzz?dbname=terraform", "postgres://db/terraform"],
    ["postgres://db/tf", "postgres://db:5433/tf"],
    ["postgres://tf@db/", "host=db user=other"],
  ])("%j and %j are two databases", (a, b) => {
    expect(pgLocation(a, "s").keyWithDefaults).not.toBe(pgLocation(b, "s").keyWithDefaults);
  });

  test.each([
    ["postgres:///tf", "postgres://localhost/tf"],
    ["postgres://tf@db/", "postgres://db/tf"],
  ])("%j and %j are one database only without PGHOST and PGDATABASE", (a, b) => {
    const [one, two] = [pgLocation(a, "s"), pgLocation(b, "s")];
    expect([one.key === two.key, one.keyWithDefaults === two.keyWithDefaults]).toEqual([
      false,
      true,
    ]);
  });

  test("says where, with what the environment fills in", () => {
    expect(pgLocation("postgres:///?user=tf", "s").text).toBe(
      "database <PGDATABASE, else tf> on <PGHOST, else localhost>:5432, schema s",
    );
    expect(pgLocation(undefined, "s").text).toBe("the database of PG_CONN_STR, schema s");
  });

  test("a schema name keeps its case and its first 63 bytes, cut between characters", () => {
    expect(pgIdentifier("Da_Manage_Out")).toBe("Da_Manage_Out");
    expect(pgIdentifier(`${"a".repeat(62)}éx`)).toBe("a".repeat(62));
    expect(pgIdentifier(`${"a".repeat(61)}éx`)).toBe(`${"a".repeat(61)}é`);
    expect(pgLocation("postgres://db/tf", `${"s".repeat(63)}_east`).key).toBe(
      pgLocation("postgres://db/tf", `${"s".repeat(63)}_west`).key,
    );
  });
});
