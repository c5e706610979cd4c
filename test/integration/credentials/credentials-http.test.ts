import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNinjaVanFake, type NinjaVanFake } from '../../../src/main/carriers/ninja-van/fake-server';
import { startTestCarrier, type TestCarrier } from '../../../src/main/carriers/test-carrier/server';
import { ManualClock } from '../../../src/main/clock';
import type { Core } from '../../../src/main/core';
import { formatLogLine, type Logger } from '../../../src/main/logger';
import { startStationServer, type StationServer } from '../../../src/main/station/server';
import { SYNC_CONFIG_KEY, attachStoredSync } from '../../../src/main/sync/attach-sync';
import { CLIENT_HEADER } from '../../../src/shared/channels';
import type { Envelope } from '../../../src/shared/errors';
import { TEST_EPOCH, makeTestCore } from '../../helpers/core-factory';
import { TempDirs } from '../../helpers/temp-dir';
import { SUPERVISOR_PIN, TEST_ADMIN, addTestAdmin, settleSupervisorPin } from '../../helpers/session';
import { enqueue } from '../fixtures/outbox-events';

const TOKEN = 'credentials-http-test-token';
const CARRIER_SECRET = 'tc-secret-9a8b7c6d5e4f3a2b';
const NINJA_SECRET = 'nv-secret-0f1e2d3c4b5a6978';
const ADMIN_CLIENT = 'tab-admin';
const SUPERVISOR_CLIENT = 'tab-supervisor';
const CLERK_CLIENT = 'tab-clerk';

/**
 * The credentials calls as a browser makes them: over the station server's HTTP API, against a
 * local test carrier and a Ninja Van fake on 127.0.0.1 that check the credentials themselves.
 * Every answer body the "renderer" receives is kept, to show no secret ever came back.
 */
describe('carrier credentials over the station HTTP API', () => {
  const temps = new TempDirs();
  const logLines: string[] = [];
  const logger: Logger = {
    info: (m, f) => logLines.push(formatLogLine('info', m, f)),
    warn: (m, f) => logLines.push(formatLogLine('warn', m, f)),
    error: (m, f) => logLines.push(formatLogLine('error', m, f)),
  };
  const bodies: string[] = [];
  let core: Core;
  let clock: ManualClock;
  let server: StationServer;
  let carrier: TestCarrier;
  let ninja: NinjaVanFake;

  async function call<T>(name: string, input: unknown, client = ADMIN_CLIENT): Promise<Envelope<T>> {
    const res = await fetch(`${server.url}api/${name}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${TOKEN}`,
        'content-type': 'application/json',
        [CLIENT_HEADER]: client,
      },
      body: JSON.stringify(input),
    });
    const text = await res.text();
    bodies.push(text);
    return JSON.parse(text) as Envelope<T>;
  }

  async function ok<T>(name: string, input: unknown, client = ADMIN_CLIENT): Promise<T> {
    const envelope = await call<T>(name, input, client);
    if (!envelope.ok) throw new Error(`${name}: ${JSON.stringify(envelope.error)}`);
    return envelope.value;
  }

  const tokenRequests = () => ninja.http.requests.filter((r) => r.route === 'token');
  /** The account's request budget (2 a second for Ninja Van) refills on the station's clock. */
  const test = (input: unknown) => {
    clock.advance(1000);
    return ok('testConnection', input);
  };

  beforeAll(async () => {
    carrier = await startTestCarrier({
      clock: new ManualClock(TEST_EPOCH),
      credentials: { clientId: 'lastmile', clientSecret: CARRIER_SECRET },
      trackingNumbers: ['THP1'],
      trackingPerParcel: 1,
      carrierName: 'flash',
    });
    ninja = await startNinjaVanFake({ clientId: 'lastmile-th', clientSecret: NINJA_SECRET, country: 'th' });
    ({ core, clock } = makeTestCore(temps.make('lastmile-creds-http-'), { logger }));
    await core.settings.setRaw(SYNC_CONFIG_KEY, {
      destinations: [
        // No secret inline: it comes from the credential store.
        {
          name: 'flash',
          kind: 'test-carrier',
          baseUrl: carrier.url,
          credentials: { clientId: 'lastmile' },
          limits: {
            requestsPerSecond: 1000,
            burst: 100,
            maxConcurrency: 2,
            maxBatchSize: 50,
            requestTimeoutMs: 5000,
          },
        },
        {
          name: 'ninja-th',
          kind: 'ninja-van',
          clientId: 'lastmile-th',
          country: 'th',
          baseUrl: ninja.baseUrl,
        },
      ],
      feeds: { tracking: ['flash'] },
    });
    server = await startStationServer({
      core,
      rendererDir: temps.make('lastmile-empty-renderer-'),
      port: 0,
      token: TOKEN,
    });
    settleSupervisorPin(core);
    addTestAdmin(core);
    await ok('signIn', { userId: TEST_ADMIN.id, pin: TEST_ADMIN.pin });
    const supervisor = core.users.list().find((u) => u.role === 'supervisor')!;
    await ok('signIn', { userId: supervisor.id, pin: SUPERVISOR_PIN }, SUPERVISOR_CLIENT);
  });

  afterAll(async () => {
    await server?.close();
    await core?.close();
    await carrier?.close();
    await ninja?.close();
    temps.cleanup();
  });

  const CREDENTIAL_CALLS = [
    ['listAccounts', {}],
    ['setCredentials', { account: 'flash', secrets: { 'credentials.clientSecret': CARRIER_SECRET } }],
    ['testConnection', { account: 'flash' }],
    ['clearCredentials', { account: 'flash' }],
  ] as const;

  it('refuses a clerk: only an admin lists, sets, tests or clears credentials', async () => {
    for (const [name, input] of CREDENTIAL_CALLS) {
      const envelope = await call(name, input, CLERK_CLIENT);
      expect(envelope, name).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(core.db.prepare('SELECT count(*) AS n FROM carrier_credentials').get()).toEqual({ n: 0 });
  });

  it("refuses a signed-in supervisor too: carrier accounts are an admin's", async () => {
    for (const [name, input] of CREDENTIAL_CALLS) {
      const envelope = await call(name, input, SUPERVISOR_CLIENT);
      expect(envelope, name).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', params: { required: 'admin', role: 'supervisor' } },
      });
    }
    expect(core.db.prepare('SELECT count(*) AS n FROM carrier_credentials').get()).toEqual({ n: 0 });
  });

  it('lists the configured accounts with their secret fields, none set', async () => {
    const list = await ok<{ storage: unknown; accounts: { account: string; secrets: unknown[] }[] }>(
      'listAccounts',
      {},
    );
    expect(list.storage).toEqual({ backend: 'key-file', weak: false, available: true });
    expect(list.accounts).toEqual([
      {
        account: 'flash',
        kind: 'test-carrier',
        displayName: 'Local test carrier',
        known: true,
        secrets: [
          { field: 'credentials.clientSecret', set: false, lastFour: null, updatedAt: null, updatedBy: null },
        ],
      },
      {
        account: 'ninja-th',
        kind: 'ninja-van',
        displayName: 'Ninja Van',
        known: true,
        secrets: [{ field: 'clientSecret', set: false, lastFour: null, updatedAt: null, updatedBy: null }],
      },
    ]);
  });

  it('tests a connection: missing secret, then the stored one accepted, a wrong one tried and refused', async () => {
    expect(await ok('testConnection', { account: 'ninja-th' })).toMatchObject({
      ok: false,
      reason: 'missing_secret',
      field: 'clientSecret',
    });
    expect(tokenRequests()).toHaveLength(0);

    const set = await ok<{ secrets: { set: boolean; lastFour: string | null }[] }>('setCredentials', {
      account: 'ninja-th',
      secrets: { clientSecret: NINJA_SECRET },
    });
    expect(set.secrets[0]).toMatchObject({ set: true, lastFour: NINJA_SECRET.slice(-4) });

    expect(await test({ account: 'ninja-th' })).toMatchObject({ ok: true, reason: 'ok' });
    // The fake saw exactly the stored secret, once.
    expect(
      tokenRequests().map((r) => (JSON.parse(r.body) as { client_secret: string }).client_secret),
    ).toEqual([NINJA_SECRET]);

    const wrong = 'nv-wrong-secret-000000000000';
    expect(
      await ok('testConnection', { account: 'ninja-th', secrets: { clientSecret: wrong } }),
    ).toMatchObject({
      ok: false,
      reason: 'auth',
    });
    expect(
      tokenRequests().map((r) => (JSON.parse(r.body) as { client_secret: string }).client_secret),
    ).toEqual([NINJA_SECRET, wrong]);
    // Trying a value stores nothing: the stored secret still works.
    expect(await test({ account: 'ninja-th' })).toMatchObject({ ok: true });
  });

  it('against the local test carrier: right and wrong client secret, counted at the carrier', async () => {
    const before = carrier.stats('flash').requests.token;
    await ok('setCredentials', { account: 'flash', secrets: { 'credentials.clientSecret': CARRIER_SECRET } });
    expect(await ok('testConnection', { account: 'flash' })).toMatchObject({ ok: true, reason: 'ok' });
    expect(
      await ok('testConnection', {
        account: 'flash',
        secrets: { 'credentials.clientSecret': 'not-the-secret' },
      }),
    ).toMatchObject({ ok: false, reason: 'auth', detail: 'the test carrier refused the credentials' });
    expect(carrier.stats('flash').requests.token - before).toBe(2);
  });

  it('refuses a field the connector does not have, naming the ones it has', async () => {
    expect(
      await call('setCredentials', { account: 'ninja-th', secrets: { apiKey: 'abcdefgh' } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'CREDENTIAL_FIELD_UNKNOWN', params: { field: 'apiKey', fields: 'clientSecret' } },
    });
    expect(await call('testConnection', { account: 'nowhere' })).toMatchObject({
      ok: false,
      error: { code: 'CARRIER_ACCOUNT_UNKNOWN', params: { account: 'nowhere' } },
    });
  });

  it('sync delivers with the stored secret; a carrier echoing it in an error leaves the report and the log redacted', async () => {
    // This build's sync configuration takes test-carrier destinations only (connectors join it apart).
    const config = core.settings.getRaw(SYNC_CONFIG_KEY) as { destinations: { kind: string }[] };
    await core.settings.setRaw(SYNC_CONFIG_KEY, {
      ...config,
      destinations: config.destinations.filter((d) => d.kind === 'test-carrier'),
    });
    const stored = attachStoredSync(core, {
      startTrickle: false,
      withSecrets: await core.credentials.syncConfigFiller(),
    });
    expect(stored.configError).toBeNull();
    enqueue(core.db, core.outbox, core.clock, [{ destination: 'flash', orderingKey: 'parcel:1' }]);
    // The tracking feed fails with a body that quotes the secret, the way a careless API might.
    carrier.inject({
      kind: 'status',
      route: 'tracking',
      status: 500,
      times: Infinity,
      body: JSON.stringify({ error: `upstream rejected client secret ${CARRIER_SECRET} for lastmile` }),
    });
    const supervisor = core.users.list().find((u) => u.role === 'supervisor')!;
    const report = await stored.service.runDaily('ui', supervisor);
    expect(carrier.applied('flash')).toHaveLength(1);
    expect(JSON.stringify(report)).toContain('upstream rejected client secret [redacted] for lastmile');

    const reports = await ok<unknown[]>('listSyncReports', { limit: 5 });
    expect(JSON.stringify(reports)).toContain('[redacted]');
    await ok('getSyncOverview', {});
    await ok('getSettings', {});
    await ok('listAccounts', {});
    carrier.clearFaults();
    await stored.service.close();
    await core.settings.setRaw(SYNC_CONFIG_KEY, config);
  });

  it('clears an account: the listing says not set, and a test says the secret is missing', async () => {
    const cleared = await ok<{ secrets: { set: boolean }[] }>('clearCredentials', { account: 'ninja-th' });
    expect(cleared.secrets).toEqual([expect.objectContaining({ set: false, lastFour: null })]);
    expect(await ok('testConnection', { account: 'ninja-th' })).toMatchObject({ reason: 'missing_secret' });
  });

  it('never sent a secret back: no answer body and no log line holds one', () => {
    expect(bodies.length).toBeGreaterThan(15);
    for (const secret of [CARRIER_SECRET, NINJA_SECRET, 'nv-wrong-secret-000000000000', 'not-the-secret']) {
      expect(bodies.filter((b) => b.includes(secret))).toEqual([]);
      expect(logLines.filter((l) => l.includes(secret))).toEqual([]);
    }
    expect(logLines.some((l) => l.includes('carrier connection tested'))).toBe(true);
  });
});
