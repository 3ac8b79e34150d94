/**
 * Connections against a real PostgreSQL: where the password comes from (URL, PGPASSWORD,
 * ~/.pgpass as libpq reads them), and the refusals, each one sentence that never shows the
 * password.
 */
import { chmodSync, rmSync, writeFileSync } from "fs";
import { join } from "path";
import { afterEach, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { connect, disconnect, redactUrl, redactUrlsIn } from "../../src/warehouse/connection";
import { tempDir } from "../helpers";
import { HAVE_POSTGRES, query, useTestDatabase } from "./db";

describe("redactUrl", () => {
  it("drops the password from the user part and from a password= parameter", () => {
    expect(redactUrl("postgresql://shop:s3cret@db.example:5432/sales")).toBe("postgresql://shop@db.example:5432/sales");
    expect(redactUrl("postgres://shop@db/sales?password=s3cret&sslmode=require")).toBe("postgres://shop@db/sales?sslmode=require");
    expect(redactUrl("postgresql://db/sales")).toBe("postgresql://db/sales");
  });
  it("replaces text that does not parse as a URL whole", () => {
    expect(redactUrl("postgresql://shop:pa ss@[oops/sales")).toBe("(a connection URL that does not parse)");
  });
});

describe("redactUrlsIn (the CLI's last guard before printing a message)", () => {
  it("redacts every URL with a password in the text, keeps the punctuation after it, and leaves URLs without one as they are", () => {
    expect(redactUrlsIn('--input is given twice ("postgresql://shop:s3cret@db:5432/sales" and "postgres://a:b@h/x?password=c").')).toBe(
      '--input is given twice ("postgresql://shop@db:5432/sales" and "postgres://a@h/x").',
    );
    expect(redactUrlsIn("no file postgresql://shop:s3cret@db/sales.")).toBe("no file postgresql://shop@db/sales.");
    expect(redactUrlsIn("give --input postgresql://user@host:port/database (a shape)")).toBe("give --input postgresql://user@host:port/database (a shape)");
    expect(redactUrlsIn("postgresql://shop:pa%20ss@[oops/sales")).toBe("(a connection URL that does not parse)");
  });
});

describe("connect refuses bad URLs without echoing them", () => {
  it("names the expected shape", async () => {
    await expect(connect("mysql://shop:s3cret@db/sales", "the source")).rejects.toThrow(
      "The database URL must look like postgresql://user[:password]@host[:port]/database, and this one does not start with postgresql://.",
    );
    const e = await connect("postgresql://shop:s3cret@[oops/sales", "the source").catch((x: Error) => x);
    expect((e as Error).message).toMatch(/^The database URL does not parse/);
    expect((e as Error).message).not.toContain("s3cret");
  });
});

describe.skipIf(!HAVE_POSTGRES)("connections to a real server", () => {
  const db = useTestDatabase();
  // a password with every character a URL treats specially, percent-encoded in the URL
  const PASSWORD = "p@ss:w/rd%?#&=1";
  let user = "";
  let port = "";
  const url = (password?: string) => `postgresql://${user}${password === undefined ? "" : `:${encodeURIComponent(password)}`}@127.0.0.1:${port}/${new URL(db.url).pathname.slice(1)}`;
  const saved = { HOME: process.env.HOME, PGPASSWORD: process.env.PGPASSWORD, PGPASSFILE: process.env.PGPASSFILE };
  /** The refusal's message, checked to be one line without the password, plain or encoded. */
  const failure = async (u: string) => {
    const e = (await connect(u, "the source").then(disconnect, (x: Error) => x)) as Error | undefined;
    if (!e) throw new Error("connected, but a refusal was expected");
    expect(e.message).not.toContain(PASSWORD);
    expect(e.message).not.toContain(encodeURIComponent(PASSWORD));
    expect(e.message.split("\n")).toHaveLength(1);
    return e.message;
  };

  beforeAll(async () => {
    port = new URL(db.url).port || "5432";
    user = await db.createRole("shop_user", PASSWORD);
  });
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  });

  const who = async (u: string) => {
    const c = await connect(u, "the source");
    try {
      return (await c.client.query("SELECT current_user AS u")).rows[0].u;
    } finally {
      await disconnect(c);
    }
  };

  it("takes the password from the URL, percent-decoded", async () => {
    delete process.env.PGPASSWORD;
    expect(await who(url(PASSWORD))).toBe(user);
  });

  it("takes it from PGPASSWORD when the URL has none", async () => {
    process.env.PGPASSWORD = PASSWORD;
    expect(await who(url())).toBe(user);
  });

  it("reads ~/.pgpass (HOME of a temporary folder) when neither has one, and only if its mode is 0600", async () => {
    delete process.env.PGPASSWORD;
    delete process.env.PGPASSFILE;
    const home = tempDir("retail-lab-home-");
    onTestFinished(() => rmSync(home, { recursive: true, force: true }));
    process.env.HOME = home;
    const file = join(home, ".pgpass");
    // libpq's format: host:port:database:user:password, with : and \ escaped by \
    writeFileSync(file, `otherhost:*:*:*:wrong\n127.0.0.1:${port}:*:${user}:${PASSWORD.replace(/[\\:]/g, "\\$&")}\n`);
    chmodSync(file, 0o600);
    expect(await who(url())).toBe(user);
    chmodSync(file, 0o644); // readable by others: libpq ignores such a file, and so do we
    expect(await failure(url())).toBe(
      `PostgreSQL at 127.0.0.1:${port} asks for a password for user "${user}" and none was given while connecting to the source: put it in the URL, PGPASSWORD or ~/.pgpass.`,
    );
  });

  it("reads the file PGPASSFILE names", async () => {
    delete process.env.PGPASSWORD;
    const dir = tempDir("retail-lab-pgpass-");
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, "passwords");
    writeFileSync(file, `*:*:*:${user}:${PASSWORD.replace(/[\\:]/g, "\\$&")}\n`, { mode: 0o600 });
    process.env.PGPASSFILE = file;
    expect(await who(url())).toBe(user);
  });

  it("refuses a wrong password in one sentence", async () => {
    delete process.env.PGPASSWORD;
    expect(await failure(url(PASSWORD + "x"))).toBe(
      `PostgreSQL at 127.0.0.1:${port} refused the password for user "${user}" while connecting to the source: check the password in the URL, PGPASSWORD or ~/.pgpass.`,
    );
  });

  it("refuses an unreachable port, an unknown host and an unknown database", async () => {
    expect(await failure(`postgresql://${user}:${encodeURIComponent(PASSWORD)}@127.0.0.1:1/x`)).toBe(
      "Cannot connect to PostgreSQL at 127.0.0.1:1 while connecting to the source: the connection was refused; is the server running on that host and port?",
    );
    expect(await failure(`postgresql://${user}:${encodeURIComponent(PASSWORD)}@no-such-host.invalid:5432/x`)).toBe(
      `Cannot connect to PostgreSQL at no-such-host.invalid:5432 while connecting to the source: the host name does not resolve; check the URL postgresql://${user}@no-such-host.invalid:5432/x.`,
    );
    expect(await failure(`postgresql://${user}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}/no_such_db`)).toBe(
      `PostgreSQL at 127.0.0.1:${port} has no database "no_such_db" (while connecting to the source): create it or fix the URL.`,
    );
  });
});
