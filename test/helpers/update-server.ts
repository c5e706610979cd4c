import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the fake warehouse update folder answers. */
export type ServeMode =
  | 'normal'
  /** The artifact has one byte changed; the channel file still names the original's sha512 and size. */
  | 'tampered'
  /** The artifact is cut short, and the response says so (Content-Length of the short body). */
  | 'truncated'
  /** The response promises the whole artifact, sends half, and closes the connection. */
  | 'cut-off'
  /** Accepts the connection and never answers anything. */
  | 'hang'
  /** Answers the channel file only after `slowMs`. */
  | 'slow'
  | 'error-500';

export interface UpdateRelease {
  version: string;
  fileName: string;
  artifact: Buffer;
  stagingPercentage?: number;
}

export interface UpdateServer {
  url: string;
  mode: ServeMode;
  slowMs: number;
  /** Every request: path and the staging id header electron-updater sends. */
  readonly requests: { path: string; stagingId: string | undefined }[];
  publish(channelFile: string, release: UpdateRelease): void;
  close(): Promise<void>;
}

export function sha512Base64(data: Buffer): string {
  return createHash('sha512').update(data).digest('base64');
}

/** The channel file electron-builder publishes (latest-linux.yml and friends). */
export function channelYaml(release: UpdateRelease): string {
  const sha512 = sha512Base64(release.artifact);
  return [
    `version: ${release.version}`,
    'files:',
    `  - url: ${release.fileName}`,
    `    sha512: ${sha512}`,
    `    size: ${release.artifact.length}`,
    `path: ${release.fileName}`,
    `sha512: ${sha512}`,
    "releaseDate: '2026-12-01T00:00:00.000Z'",
    ...(release.stagingPercentage === undefined ? [] : [`stagingPercentage: ${release.stagingPercentage}`]),
    '',
  ].join('\n');
}

/** A warehouse's own update folder on 127.0.0.1, serving channel files and installers. */
export async function startUpdateServer(): Promise<UpdateServer> {
  const channels = new Map<string, UpdateRelease>();
  const hanging = new Set<http.ServerResponse>();
  const state = { mode: 'normal' as ServeMode, slowMs: 0 };
  const requests: { path: string; stagingId: string | undefined }[] = [];

  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname.slice(1);
    const stagingId = req.headers['x-user-staging-id'];
    requests.push({ path: pathname, stagingId: Array.isArray(stagingId) ? stagingId[0] : stagingId });
    if (state.mode === 'hang') {
      hanging.add(res);
      return;
    }
    if (state.mode === 'error-500') {
      res.writeHead(500).end('internal error');
      return;
    }
    const channel = channels.get(pathname);
    if (channel) {
      const send = (): void => {
        res.writeHead(200, { 'content-type': 'text/yaml' }).end(channelYaml(channel));
      };
      if (state.mode === 'slow') setTimeout(send, state.slowMs);
      else send();
      return;
    }
    const release = [...channels.values()].find((r) => r.fileName === pathname);
    if (!release) {
      res.writeHead(404).end();
      return;
    }
    let body = release.artifact;
    if (state.mode === 'tampered') {
      body = Buffer.from(body);
      body[body.length >> 1] = body[body.length >> 1]! ^ 0xff;
    }
    if (state.mode === 'truncated') body = body.subarray(0, body.length >> 1);
    if (state.mode === 'cut-off') {
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-length': String(body.length),
      });
      res.write(body.subarray(0, body.length >> 1), () => res.destroy());
      return;
    }
    res
      .writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(body.length) })
      .end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    get mode() {
      return state.mode;
    },
    set mode(m: ServeMode) {
      state.mode = m;
    },
    get slowMs() {
      return state.slowMs;
    },
    set slowMs(ms: number) {
      state.slowMs = ms;
    },
    requests,
    publish(channelFile, release) {
      channels.set(channelFile, release);
    },
    close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
