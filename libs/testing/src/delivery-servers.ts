import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { SMTPServer } from 'smtp-server';
import { freePort } from './ports';

/** A mail that reached the test SMTP server. */
export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/**
 * A real SMTP server in the test process (the smtp-server package): it receives what the
 * marketing service sends over SMTP, can refuse addresses permanently (550) and answer the
 * next messages with a passing failure (451).
 */
export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  /** Addresses answered 550 (mailbox unavailable). */
  readonly rejected = new Set<string>();
  /** Messages still to answer 451 (try again later). */
  failNext = 0;
  private server: SMTPServer;

  private constructor(readonly port: number) {}

  static async start(): Promise<TestSmtpServer> {
    const smtp = new TestSmtpServer(await freePort());
    await smtp.listen();
    return smtp;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** The text of every mail to this address. */
  to(address: string): string[] {
    return this.received.filter((m) => m.to.includes(address.toLowerCase())).map((m) => m.raw);
  }

  async listen(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        if (this.rejected.has(address.address.toLowerCase())) {
          return callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
        }
        callback();
      },
      onData: (stream, session, callback) => {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
        stream.on('end', () => {
          if (this.failNext > 0) {
            this.failNext--;
            return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
          }
          this.received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            raw,
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
  }

  /** Stops accepting connections (the marketing service then sees a refused connection). */
  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export interface WebhookCall {
  /** What the server answered. */
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { channel: string; to: string; text: string; title?: string; customerId: string; messageId: string; kind: string };
  raw: string;
}

/**
 * The SMS gateway or push provider behind the webhook adapter: an HTTP server that records
 * every POST and answers with the next queued status (default 202).
 */
export class TestWebhookServer {
  readonly calls: WebhookCall[] = [];
  /** Statuses to answer, in order, before answering 202 again. */
  readonly statuses: number[] = [];
  /** How long to wait before answering (a slow provider). */
  delayMs = 0;
  private server: Server;

  private constructor(readonly port: number) {}

  static async start(): Promise<TestWebhookServer> {
    const hook = new TestWebhookServer(await freePort());
    hook.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk) => (raw += chunk));
      req.on('end', () => {
        const status = hook.statuses.shift() ?? 202;
        hook.calls.push({ status, headers: req.headers, body: JSON.parse(raw), raw });
        setTimeout(() => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end('{}');
        }, hook.delayMs);
      });
    });
    await new Promise<void>((resolve) => hook.server.listen(hook.port, '127.0.0.1', resolve));
    return hook;
  }

  url(path = '/'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** Every call for this recipient, refused or accepted. */
  callsTo(to: string): WebhookCall[] {
    return this.calls.filter((c) => c.body.to === to);
  }

  static signatureOf(raw: string, secret: string): string {
    return `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
