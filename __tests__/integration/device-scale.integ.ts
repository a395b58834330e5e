/**
 * `audit` against a large device: a fake holding 2,000 virtual servers and pools, slow to answer
 * expanded reads as real devices are (BigIPReport issue 74: one expanded read of ~250 to 1,350
 * virtual servers times out). One expanded read of everything would outlast the client's 15 s
 * timeout; `audit` reads in pages of 100 and finishes. Needs no provider, only time (~30 s).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { manageOutDescription } from "../../lib/bigip-names";
import { runCliAsync } from "../cli/run-cli";
import { oneServerInventory } from "../device/one-server-inventory";
import { DeviceConnectionError, IcontrolClient } from "../../lib/device/icontrol-client";
import { parseDeviceAddress } from "./fake-bigip/addresses";
import { FakeBigip, FAKE_CREDENTIALS } from "./fake-bigip/fake-bigip";

const OTHERS = 2000;
/** 10 ms per expanded object: 2,000 in one read take 20 s, a page of 100 takes 1 s. */
const EXPAND_DELAY_MS = 10;

let fake: FakeBigip;
let work: string;
const savedEnvironment = { ...process.env };

beforeAll(async () => {
  fake = await FakeBigip.start();
  fake.expandDelayMsPerItem = EXPAND_DELAY_MS;
  const { device } = fake;
  // 2,000 other applications' virtual servers and pools (IPv6 /64s outside the client prefixes).
  for (let i = 0; i < OTHERS; i++) {
    const pool = `/Common/app_${i}_pool`;
    device.pools.set(pool, { fullPath: pool, settings: {}, members: new Map() });
    device.virtualServers.set(`/Common/app_${i}_vs`, {
      fullPath: `/Common/app_${i}_vs`,
      destination: parseDeviceAddress(`2001:db8:${(0x4000 + i).toString(16)}::`),
      port: 443,
      maskLength: 64,
      ipProtocol: "tcp",
      pool,
      translateAddress: "enabled",
      translatePort: "enabled",
      sourceAddressTranslation: { type: "automap" },
      vlansEnabled: false,
      vlans: [],
      profiles: ["/Common/fastL4"],
      enabled: true,
      source: "::/0",
    });
  }
  // And the one DA server of the inventory, as a deploy leaves it.
  const description = manageOutDescription("2001:db8:8000:1000::/64", "da-east-1");
  await post("/mgmt/tm/ltm/pool", { name: "/Common/da_mo_east_da-east-1_pool", description });
  await post("/mgmt/tm/ltm/pool/~Common~da_mo_east_da-east-1_pool/members", {
    name: "2001:db8:10::11.0",
  });
  await post("/mgmt/tm/ltm/virtual", {
    name: "/Common/da_mo_east_da-east-1_vs",
    destination: "2001:db8:8000:1000::.0",
    mask: "ffff:ffff:ffff:ffff::",
    ipProtocol: "any",
    pool: "/Common/da_mo_east_da-east-1_pool",
    translateAddress: "disabled",
    translatePort: "disabled",
    vlansEnabled: true,
    vlans: ["/Common/internal"],
    profiles: [{ name: "/Common/fastL4" }],
    description,
  });
  work = mkdtempSync(path.join(tmpdir(), "da-manage-out-scale-"));
  writeFileSync(
    path.join(work, "corp-east.yaml"),
    oneServerInventory(["vlans: [/Common/internal]", "monitor: none"]),
  );
  Object.assign(process.env, {
    BIGIP_HOST: fake.host,
    BIGIP_USER: FAKE_CREDENTIALS.username,
    BIGIP_PASSWORD: FAKE_CREDENTIALS.password,
  });
});

afterAll(async () => {
  process.env = { ...savedEnvironment };
  rmSync(work, { recursive: true, force: true });
  await fake.stop();
});

async function post(url: string, body: unknown): Promise<void> {
  const response = await fetch(`${fake.host}${url}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Authorization: `Basic ${Buffer.from(`${FAKE_CREDENTIALS.username}:${FAKE_CREDENTIALS.password}`).toString("base64")}`,
    },
    body: JSON.stringify(body),
  });
  expect([url, response.status]).toEqual([url, 200]);
}

test("one expanded read of 2,000 virtual servers outlasts the 15 s timeout", async () => {
  const client = await IcontrolClient.login({
    baseUrl: new URL(fake.host),
    ...FAKE_CREDENTIALS,
  });
  try {
    await expect(client.get("ltm/virtual", { expandSubcollections: "true" })).rejects.toThrow(
      DeviceConnectionError,
    );
  } finally {
    await client.close();
  }
}, 60_000);

test("audit reads the 2,000 in pages within its timeout and finds the device clean", async () => {
  fake.clearLog();
  const result = await runCliAsync("audit", path.join(work, "corp-east.yaml"));
  expect([result.code, result.stdout, result.stderr.replace(/.*warning.*\n/g, "")]).toEqual([
    0,
    "the device matches the inventories\n",
    expect.stringContaining("corp-east →"),
  ]);
  // (The first test's unpaged read is logged when its late answer goes out: left out here.)
  const pages = fake.requests.filter(
    (request) => request.url.startsWith("/mgmt/tm/ltm/virtual") && request.url.includes("%24top="),
  );
  // 2,001 virtual servers: 21 pages of at most 100, the last one short.
  expect(pages).toHaveLength(21);
  expect(fake.tokens.live()).toEqual([]);
}, 120_000);
