/**
 * The iControl REST client's timeout: a device that accepts the connection and never answers is
 * given up on once the timeout has passed, over TLS too (Node's idle timeout alone took twice as
 * long there: 32 s for 15 s).
 */
import * as net from "node:net";
import {
  connectionError,
  DeviceConnectionError,
  IcontrolClient,
} from "../../lib/device/icontrol-client";

const TIMEOUT_MS = 500;

/** A server that accepts connections and never reads or says a word (no TLS handshake either). */
async function silentServer(secure: boolean): Promise<{ url: URL; close: () => void }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: new URL(`${secure ? "https" : "http"}://127.0.0.1:${port}`),
    close: () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

test.each([
  ["https", true],
  ["http", false],
])(
  "a silent device over %s fails once the timeout has passed, not twice that",
  async (_, secure) => {
    const device = await silentServer(secure);
    const started = Date.now();
    try {
      await expect(
        IcontrolClient.login({
          baseUrl: device.url,
          username: "admin",
          password: "secret",
          timeoutMs: TIMEOUT_MS,
        }),
      ).rejects.toThrow(
        new DeviceConnectionError(
          `cannot reach ${device.url.host}: no answer within ${TIMEOUT_MS} ms`,
        ),
      );
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
      expect(elapsed).toBeLessThan(TIMEOUT_MS * 1.8);
    } finally {
      device.close();
    }
  },
);

test.each([
  ["Node 20 and 22", "unable to verify the first certificate"],
  [
    "Node 24, which appends advice about its own flags",
    "unable to verify the first certificate; if the root CA is installed locally, try running Node.js with --use-system-ca",
  ],
])("a certificate that does not verify reads the same on %s", (_, message) => {
  const error = Object.assign(new Error(message), { code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE" });
  expect(connectionError(new URL("https://bigip.corp.example:8443"), error).message).toBe(
    "cannot reach bigip.corp.example:8443: UNABLE_TO_VERIFY_LEAF_SIGNATURE unable to verify the first certificate: the device's TLS certificate does not verify; set BIGIP_CA_FILE to its CA (the device commands also take --ca-file)",
  );
});
