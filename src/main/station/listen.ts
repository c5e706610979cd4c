import http from 'node:http';

/** The station's port is taken (another station, or any other program) or may not be used. */
export class PortUnavailableError extends Error {
  constructor(
    readonly port: number,
    readonly reason: 'in_use' | 'denied',
    options?: { cause?: unknown },
  ) {
    super(
      reason === 'in_use'
        ? `port ${port} is in use — is a station already running? use --port`
        : `port ${port} may not be used by this user — use --port with a number above 1023`,
      options,
    );
    this.name = 'PortUnavailableError';
  }
}

/**
 * Binds 127.0.0.1:port before anything else starts, so a taken port is found before a database is
 * created or opened. Until the station attaches its handler every request answers 503.
 */
export async function bindStationPort(port: number): Promise<http.Server> {
  const server = http.createServer((_req, res) => {
    res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '1' }).end('the station is starting');
  });
  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      if (err.code === 'EADDRINUSE') reject(new PortUnavailableError(port, 'in_use', { cause: err }));
      else if (err.code === 'EACCES') reject(new PortUnavailableError(port, 'denied', { cause: err }));
      else reject(err);
    };
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve();
    });
  });
  return server;
}
