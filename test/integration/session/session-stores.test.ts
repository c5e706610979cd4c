import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core';
import { createSessionStore } from '../../../src/renderer/src/features/session/session-store';
import { createAuthorize } from '../../../src/renderer/src/features/session/step-up';
import { createSettingsStore } from '../../../src/renderer/src/features/settings/settings-store';
import { createSyncStore } from '../../../src/renderer/src/features/sync/sync-store';
import { createApi } from '../../../src/renderer/src/transport/create-api';
import { makeBadgeCode } from '../../../src/shared/codes/badge-code';
import type { LastmileApi } from '../../../src/shared/contract';
import { makeTestCore } from '../../helpers/core-factory';
import { TempDirs } from '../../helpers/temp-dir';

const temps = new TempDirs();
const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
  temps.cleanup();
});

const MEI_BADGE = makeBadgeCode('9001');

function open(dir = temps.make('lastmile-stores-'), seed = 1) {
  const made = makeTestCore(dir, { seed });
  cores.push(made.core);
  return { ...made, dir };
}

function addStaff(core: Core): void {
  core.db
    .transaction(() => {
      core.users.create({ id: 'sup-mei', name: 'Mei', role: 'supervisor', pin: '9137', badge: MEI_BADGE });
    })
    .immediate();
}

/** The screens' API over a real core, as one tab (client) of the station. */
function apiFor(core: () => Core, clientId: string): LastmileApi {
  return createApi((name, input) => core().dispatch(name, input, { clientId }));
}

function deadEvent(core: Core, id: string): void {
  core.db
    .prepare(
      `INSERT INTO outbox_events (id, idempotency_key, destination, ordering_key, type, payload, status, attempts,
         next_attempt_at, last_error, created_at, updated_at)
       VALUES (?, ?, 'flash', ?, 'scan.unknown', '{}', 'dead', 3, 0, 'refused', 1, 1)`,
    )
    .run(id, id, `code:${id}`);
}

describe('the session store against a real core', () => {
  it('a first sign-in with 0000 opens the PIN change with the PIN already known; saving it signs in', async () => {
    const { core } = open();
    const session = createSessionStore(apiFor(() => core, 'tab-1'));
    await session.getState().load();
    await session.getState().openSignIn();
    expect(await session.getState().signIn({ userId: 'supervisor' }, '0000')).toBe(true);
    expect(session.getState()).toMatchObject({
      dialog: 'changePin',
      dialogOpen: true,
      user: { id: 'clerk' },
      pinChange: { user: { id: 'supervisor' }, currentPin: '0000', forced: true },
    });
    expect(await session.getState().changePin('0000', '1234')).toBe(false);
    expect(session.getState().pinChangeError).toEqual({ code: 'PIN_TOO_WEAK', params: { rule: 'sequence' } });
    expect(await session.getState().changePin('0000', '5827')).toBe(true);
    expect(session.getState()).toMatchObject({ dialog: null, dialogOpen: false, user: { id: 'supervisor' } });
  });

  it('a badge scanned at the Scan screen opens the sign-in with it; the badge and PIN sign in', async () => {
    const { core } = open();
    addStaff(core);
    const session = createSessionStore(apiFor(() => core, 'tab-1'));
    session.getState().badgeScanned(MEI_BADGE);
    expect(session.getState()).toMatchObject({ dialog: 'signIn', signInBadge: MEI_BADGE });
    expect(await session.getState().signIn({ badge: MEI_BADGE }, '9137')).toBe(true);
    expect(session.getState().user?.id).toBe('sup-mei');
  });

  it('step-up from a clerk’s screen: a wrong PIN keeps the prompt open, the right one does the action once', async () => {
    const { core } = open();
    addStaff(core);
    deadEvent(core, 'E1');
    const api = apiFor(() => core, 'bench');
    const session = createSessionStore(api);
    await session.getState().load();
    const sync = createSyncStore({ api, authorize: createAuthorize(session) });
    const retried = sync.getState().retry('E1');
    await waitFor(() => session.getState().stepUp !== null);
    expect(session.getState()).toMatchObject({ dialogOpen: true, stepUp: { purpose: 'retryDeadLetter' } });

    await session.getState().submitStepUp({ badge: MEI_BADGE, pin: '0000' });
    expect(session.getState().stepUp).toMatchObject({ error: { code: 'BAD_PIN' }, busy: false });
    expect(core.db.prepare("SELECT status FROM outbox_events WHERE id = 'E1'").get()).toEqual({
      status: 'dead',
    });

    await session.getState().submitStepUp({ badge: MEI_BADGE, pin: '9137' });
    await retried;
    expect(session.getState()).toMatchObject({ stepUp: null, dialogOpen: false, user: { id: 'clerk' } });
    expect(sync.getState().actionError).toBeNull();
    expect(core.db.prepare("SELECT status FROM outbox_events WHERE id = 'E1'").get()).toEqual({
      status: 'pending',
    });
  });

  it('a cancelled approval changes nothing and shows no error; a supervisor setting from a clerk asks for one', async () => {
    const { core } = open();
    addStaff(core);
    const api = apiFor(() => core, 'bench');
    const session = createSessionStore(api);
    await session.getState().load();
    const settings = createSettingsStore({ api, authorize: createAuthorize(session), onApplied: () => {} });
    await settings.getState().load();
    settings.getState().edit({ staleTrackingHours: '700' });
    const saving = settings.getState().saveDraft();
    await waitFor(() => session.getState().stepUp !== null);
    session.getState().cancelStepUp();
    await saving;
    expect(settings.getState().error).toBeNull();
    expect(core.settings.get().staleTrackingHours).toBe(48);

    // Language is the clerk's own: no prompt.
    await settings.getState().setLanguage('zh-CN');
    expect(session.getState().stepUp).toBeNull();
    expect(core.settings.get().language).toBe('zh-CN');
  });

  it('says when a restart of the station signed the tab out, and when idleness did', async () => {
    const first = open();
    addStaff(first.core);
    let current = first.core;
    const session = createSessionStore(apiFor(() => current, 'desk'));
    await session.getState().openSignIn();
    await session.getState().signIn({ userId: 'sup-mei' }, '9137');
    expect(session.getState().view?.idleMinutes).toBe(5);

    await first.core.close();
    cores.splice(cores.indexOf(first.core), 1);
    const second = open(first.dir, 2);
    current = second.core;
    await session.getState().load();
    expect(session.getState()).toMatchObject({
      user: { id: 'clerk' },
      notice: { kind: 'restarted', name: 'Mei' },
    });
    session.getState().dismissNotice();

    await session.getState().signIn({ userId: 'sup-mei' }, '9137');
    second.clock.advance(5 * 60_000);
    await session.getState().load();
    expect(session.getState()).toMatchObject({
      user: { id: 'clerk' },
      notice: { kind: 'idle_signed_out', name: 'Mei', idleMinutes: 5 },
    });
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
