/**
 * The kernel's side of the shared chart renderer (RETAIL_LAB_RENDERER, src/display/png.ts).
 *
 * An HTTP server may close an idle kept-alive connection at the moment a client sends its next
 * request on it (Node's own server does so after `keepAliveTimeout`, 5 s); a client that reused
 * the connection then gets "socket hang up" for a request the server never saw. Node 20's
 * global agent keeps connections alive, and `npm start --jobs 4` failed that way once in nine
 * runs (notebook 04, cell 8). Each figure therefore goes over a connection of its own. The server
 * below does what a keep-alive timeout does, every time: it answers the first request of a
 * connection and closes the connection when a second one arrives on it.
 */
import { createServer, type Server, type Socket } from "net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderPng } from "../../src/display/png";

const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"); // a PNG signature and the start of IHDR: bytes to hand back

let server: Server;
let url = "";
const requestsPerConnection: number[] = [];

beforeAll(async () => {
  server = createServer((socket: Socket) => {
    const index = requestsPerConnection.push(0) - 1;
    let seen = "";
    socket.on("data", (chunk) => {
      seen += chunk.toString("latin1");
      const head = seen.indexOf("\r\n\r\n");
      if (head < 0) return;
      const length = Number(/content-length: (\d+)/i.exec(seen.slice(0, head))?.[1] ?? 0);
      if (seen.length < head + 4 + length) return; // the body is not all here yet
      seen = seen.slice(head + 4 + length);
      requestsPerConnection[index] += 1;
      if (requestsPerConnection[index] > 1) {
        socket.destroy(); // the keep-alive timeout fired as this request arrived
        return;
      }
      socket.write(`HTTP/1.1 200 OK\r\ncontent-type: image/png\r\ncontent-length: ${PNG.length}\r\nconnection: keep-alive\r\n\r\n`);
      socket.write(PNG);
    });
    socket.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the test server has no port");
  url = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("renderPng through RETAIL_LAB_RENDERER", () => {
  it("sends each figure over a connection of its own, so a server closing an idle connection fails no figure", async () => {
    const before = process.env.RETAIL_LAB_RENDERER;
    process.env.RETAIL_LAB_RENDERER = url;
    try {
      const fig = { data: [], layout: {} };
      // one after the other, as a kernel draws its charts: three figures, three connections, one request each
      for (let i = 0; i < 3; i++) expect(await renderPng(fig, { width: 10, height: 10 })).toEqual(PNG);
      expect(requestsPerConnection).toEqual([1, 1, 1]);
    } finally {
      if (before === undefined) delete process.env.RETAIL_LAB_RENDERER;
      else process.env.RETAIL_LAB_RENDERER = before;
    }
  });
});
