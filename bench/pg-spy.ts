// A pass-through TCP proxy in front of Postgres that reads the client side of the wire
// protocol and records every statement the server runs, with its parameters. A server started
// against the spy tells us, per page, how many statements it costs (an N+1 shows as a count
// that grows with the data) and exactly which SQL to EXPLAIN. Only used for single, sequential
// requests: the load runs go straight to Postgres.
import net from "node:net";

export type Statement = { sql: string; params: (string | null)[]; binary: boolean };

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;

export class QuerySpy {
  private server?: net.Server;
  private recording: Statement[] | null = null;
  constructor(private readonly target: { host: string; port: number }) {}

  async listen(): Promise<number> {
    this.server = net.createServer((client) => this.proxy(client));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return (this.server!.address() as net.AddressInfo).port;
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Records the statements run while `fn` runs. */
  async record(fn: () => Promise<void>): Promise<Statement[]> {
    const statements: Statement[] = [];
    this.recording = statements;
    try {
      await fn();
    } finally {
      this.recording = null;
    }
    return statements;
  }

  private proxy(client: net.Socket) {
    const upstream = net.connect(this.target.port, this.target.host);
    upstream.pipe(client);
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
    const parse = this.parser();
    client.on("data", (chunk: Buffer) => {
      upstream.write(chunk);
      parse(chunk);
    });
  }

  /** Frontend messages: startup ones untyped ([len][code]…), then [type][len][payload]. */
  private parser() {
    let buffer = Buffer.alloc(0);
    let startup = true;
    const prepared = new Map<string, string>(); // statement name → SQL
    const portals = new Map<string, Statement>();
    return (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (startup) {
          if (buffer.length < 8) return;
          const length = buffer.readInt32BE(0);
          if (buffer.length < length) return;
          const code = buffer.readInt32BE(4);
          startup = code === SSL_REQUEST || code === GSS_REQUEST;
          buffer = buffer.subarray(length);
          continue;
        }
        if (buffer.length < 5) return;
        const length = buffer.readInt32BE(1);
        if (buffer.length < 1 + length) return;
        const type = String.fromCharCode(buffer[0]!);
        const body = buffer.subarray(5, 1 + length);
        buffer = buffer.subarray(1 + length);
        this.message(type, body, prepared, portals);
      }
    };
  }

  private message(type: string, body: Buffer, prepared: Map<string, string>, portals: Map<string, Statement>) {
    const reader = new Reader(body);
    if (type === "Q") {
      this.recording?.push({ sql: reader.cstring(), params: [], binary: false });
    } else if (type === "P") {
      const name = reader.cstring();
      prepared.set(name, reader.cstring());
    } else if (type === "B") {
      const portal = reader.cstring();
      const sql = prepared.get(reader.cstring()) ?? "";
      const formats = Array.from({ length: reader.int16() }, () => reader.int16());
      const count = reader.int16();
      const params: (string | null)[] = [];
      let binary = false;
      for (let i = 0; i < count; i++) {
        const size = reader.int32();
        const format = formats.length === 1 ? formats[0] : (formats[i] ?? 0);
        if (size < 0) params.push(null);
        else if (format === 1) {
          binary = true;
          params.push(reader.bytes(size).toString("hex"));
        } else params.push(reader.bytes(size).toString("utf8"));
      }
      portals.set(portal, { sql, params, binary });
    } else if (type === "E") {
      const statement = portals.get(reader.cstring());
      if (statement) this.recording?.push(statement);
    }
  }
}

class Reader {
  private at = 0;
  constructor(private readonly buf: Buffer) {}
  cstring(): string {
    const end = this.buf.indexOf(0, this.at);
    const s = this.buf.toString("utf8", this.at, end);
    this.at = end + 1;
    return s;
  }
  int16(): number {
    const v = this.buf.readInt16BE(this.at);
    this.at += 2;
    return v;
  }
  int32(): number {
    const v = this.buf.readInt32BE(this.at);
    this.at += 4;
    return v;
  }
  bytes(n: number): Buffer {
    const b = this.buf.subarray(this.at, this.at + n);
    this.at += n;
    return b;
  }
}
