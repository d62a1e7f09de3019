/**
 * The network of a function instance on the local cloud: connections to the environment's AI gateway
 * (`<env>.api.tcloudbasegateway.com`, where the SDK's `cloud.ai()` goes) reach the local cloud
 * instead, as plain HTTP on its port. Everything else is untouched, and so is the SDK: it builds the
 * same URLs, signs and sends the same requests, and parses the same answers as in production; only
 * the socket under them leads here.
 *
 * The SDK sends these requests through Node's https global agent (in SCF it keeps no keep-alive agent
 * of its own), which is what is replaced.
 */
import https from 'node:https';
import net from 'node:net';
import type { Duplex } from 'node:stream';

/** The environment's gateway host (its first label is the environment id). */
export const GATEWAY_HOST = /^([a-z0-9-]+)\.api(?:\.intl)?\.tcloudbasegateway\.com(?::\d+)?$/i;

export interface GatewayTarget {
  host: string;
  port: number;
}

class GatewayAgent extends https.Agent {
  constructor(private readonly target: () => GatewayTarget | null) {
    super({ keepAlive: false });
  }

  override createConnection(
    options: https.RequestOptions,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    const host = options.host ?? options.hostname ?? '';
    const to = GATEWAY_HOST.test(host) ? this.target() : null;
    if (to) return net.connect(to.port, to.host);
    return super.createConnection(options, callback);
  }
}

/** Sends gateway connections of this process to `target()` (null: to the real gateway); answers the undo. */
export function routeGateway(target: () => GatewayTarget | null): () => void {
  const previous = https.globalAgent;
  https.globalAgent = new GatewayAgent(target);
  return () => {
    https.globalAgent = previous;
  };
}

/** The local cloud a function instance belongs to, from the context the runtime injects per call. */
export function localCloudOfContext(): GatewayTarget | null {
  try {
    const cnfg = JSON.parse(process.env['TCB_CONTEXT_CNFG'] ?? '') as { URL?: unknown };
    if (typeof cnfg.URL !== 'string') return null;
    const url = new URL(cnfg.URL);
    return { host: url.hostname, port: Number(url.port) };
  } catch {
    return null;
  }
}
