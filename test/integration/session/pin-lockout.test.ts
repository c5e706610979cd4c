import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core';
import { DEFAULT_SUPERVISOR } from '../../../src/main/session/users';
import type { Envelope } from '../../../src/shared/errors';
import { makeTestCore, TEST_EPOCH } from '../../helpers/core-factory';
import { countRows } from '../../helpers/fixtures-db';
import { settleSupervisorPin } from '../../helpers/session';
import { TempDirs } from '../../helpers/temp-dir';

const temps = new TempDirs();
const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
  temps.cleanup();
});

function open(dir = temps.make('lastmile-lockout-')) {
  const made = makeTestCore(dir);
  cores.push(made.core);
  return { ...made, dir };
}

/** The supervisor's real PIN, somewhere in the middle of the 10,000 a guesser goes through. */
const SECRET = '7391';
const guess = (n: number): string => String(n).padStart(4, '0');

const signIn = (core: Core, pin: string, clientId = 'http:attacker-tab') =>
  core.dispatch('signIn', { userId: DEFAULT_SUPERVISOR.id, pin }, { clientId });

const codeOf = (e: Envelope<unknown>): string => (e.ok ? 'OK' : e.error.code);

interface AuditRow {
  user_id: string | null;
  station: string;
  action: string;
  entity_id: string;
  details: string;
}
const failures = (core: Core): AuditRow[] =>
  core.db
    .prepare<[], AuditRow>(
      "SELECT user_id, station, action, entity_id, details FROM audit_log WHERE action LIKE '%failed' ORDER BY id",
    )
    .all();

describe('PIN guessing', () => {
  it('a guesser going through every 4-digit PIN as fast as the station answers never gets in', async () => {
    const { core } = open();
    settleSupervisorPin(core, SECRET);
    const answers: string[] = [];
    // The first 1,000 PINs and then the real one: without a lock-out this found it in 27 s.
    for (let n = 0; n < 1000; n++) answers.push(codeOf(await signIn(core, guess(n))));
    const withTheRightPin = await signIn(core, SECRET);

    expect(answers.slice(0, 5)).toEqual(['BAD_PIN', 'BAD_PIN', 'BAD_PIN', 'BAD_PIN', 'BAD_PIN']);
    // The fifth wrong PIN locks; from then on no PIN is even compared.
    expect(new Set(answers.slice(5))).toEqual(new Set(['SIGN_IN_LOCKED']));
    expect(withTheRightPin).toMatchObject({
      ok: false,
      error: { code: 'SIGN_IN_LOCKED', params: { scope: 'user', retryAfterSeconds: 30 } },
    });
    expect(core.session.user('http:attacker-tab').role).toBe('clerk');
    // Every attempt is on the audit log: who was tried, from which tab, at which station, why it failed.
    const rows = failures(core);
    expect(rows).toHaveLength(1001);
    expect(rows.filter((r) => JSON.parse(r.details).reason === 'bad_pin')).toHaveLength(5);
    expect(rows.filter((r) => JSON.parse(r.details).reason === 'locked')).toHaveLength(996);
    expect(rows.every((r) => JSON.parse(r.details).clientId === 'http:attacker-tab')).toBe(true);
    expect(rows[0]).toMatchObject({
      user_id: 'supervisor',
      station: 'QC-1',
      action: 'session.sign_in_failed',
    });
    expect(JSON.parse(rows[0]?.details ?? '{}')).toEqual({
      reason: 'bad_pin',
      clientId: 'http:attacker-tab',
      stationId: core.stationId,
      via: 'user',
      claimed: 'supervisor',
    });
  });

  it('a patient guesser who waits out every lock gets about one guess an hour: 10,000 PINs take over a year', async () => {
    const { core, clock } = open();
    settleSupervisorPin(core, SECRET);
    const started = clock.now();
    const waits: number[] = [];
    let guesses = 0;
    let lockedAnswers = 0;
    for (let attempt = 0; guesses < 120; attempt++) {
      if (attempt > 1000) throw new Error('the guesser is stuck');
      const answer = await signIn(core, guess(guesses));
      if (answer.ok) throw new Error(`guessed the PIN with ${guess(guesses)}`);
      if (answer.error.code === 'SIGN_IN_LOCKED') {
        // Not a guess: the PIN was not compared. A guesser who does not wait gets nothing more.
        lockedAnswers++;
        clock.advance(Number(answer.error.params.retryAfterSeconds) * 1000);
        continue;
      }
      expect(answer.error.code).toBe('BAD_PIN');
      guesses++;
      const wait = answer.error.params.retryAfterSeconds;
      if (typeof wait === 'number') {
        waits.push(wait);
        clock.advance(wait * 1000);
      }
    }
    expect(lockedAnswers).toBe(0);
    // 30 s after the fifth failure, doubling with each further one, then an hour each.
    expect(waits.slice(0, 9)).toEqual([30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
    const hours = (clock.now() - started) / 3_600_000;
    expect(hours).toBeGreaterThan(100);
    const perDay = guesses / (hours / 24);
    expect(10_000 / perDay).toBeGreaterThan(365);
  });

  it('a new tab id for every guess does not help: the user is locked, whichever tab asks', async () => {
    const { core } = open();
    settleSupervisorPin(core, SECRET);
    const answers: string[] = [];
    for (let n = 0; n < 30; n++) answers.push(codeOf(await signIn(core, guess(n), `http:tab-${n}`)));
    expect(answers.slice(0, 5).every((a) => a === 'BAD_PIN')).toBe(true);
    expect(answers.slice(5).every((a) => a === 'SIGN_IN_LOCKED')).toBe(true);
    expect(codeOf(await signIn(core, SECRET, 'http:a-fresh-tab'))).toBe('SIGN_IN_LOCKED');
  });

  it('one guess per user from new tabs runs into the station-wide lock', async () => {
    const { core } = open();
    const users = Array.from({ length: 30 }, (_, i) => `clerk-${i}`);
    core.db
      .transaction(() => {
        for (const id of users) core.users.create({ id, name: id, role: 'clerk', pin: '5826' });
      })
      .immediate();
    const answers: string[] = [];
    for (const [i, userId] of users.entries()) {
      const envelope = await core.dispatch('signIn', { userId, pin: '0000' }, { clientId: `http:t-${i}` });
      answers.push(
        envelope.ok ? 'OK' : `${envelope.error.code}:${String(envelope.error.params.scope ?? '')}`,
      );
    }
    // Nobody typed the same user's PIN twice, yet after 20 failures the station pauses sign-in.
    expect(answers.slice(0, 20).every((a) => a === 'BAD_PIN:')).toBe(true);
    expect(answers.slice(20).every((a) => a === 'SIGN_IN_LOCKED:station')).toBe(true);
  });

  it('counts in the database: a restart of the station does not forgive the failures', async () => {
    const { core, dir } = open();
    settleSupervisorPin(core, SECRET);
    for (let n = 0; n < 5; n++) await signIn(core, guess(n));
    await core.close();
    cores.splice(cores.indexOf(core), 1);

    const again = open(dir);
    expect(await signIn(again.core, SECRET)).toMatchObject({
      ok: false,
      error: { code: 'SIGN_IN_LOCKED', params: { scope: 'user' } },
    });
    expect(countRows(again.core.db, 'sign_in_failures')).toBeGreaterThan(0);
    // Once the lock has run out, the right PIN gets in and the user's count starts again.
    again.clock.advance(31_000);
    expect(await signIn(again.core, SECRET)).toMatchObject({ ok: true, value: { signedIn: true } });
    expect(
      again.core.db.prepare("SELECT count(*) AS n FROM sign_in_failures WHERE scope LIKE 'user:%'").get(),
    ).toEqual({ n: 0 });
  });

  it('tells the clerk how many tries are left, and a lock the screen can count down', async () => {
    const { core, clock } = open();
    settleSupervisorPin(core, SECRET);
    const left: unknown[] = [];
    for (let n = 0; n < 4; n++) {
      const e = await signIn(core, guess(n));
      left.push(e.ok ? null : e.error.params.attemptsLeft);
    }
    expect(left).toEqual([4, 3, 2, 1]);
    expect(await signIn(core, guess(4))).toEqual({
      ok: false,
      error: { code: 'BAD_PIN', params: { attemptsLeft: 0, retryAfterSeconds: 30 } },
    });
    clock.advance(12_000);
    expect(await signIn(core, SECRET)).toEqual({
      ok: false,
      error: { code: 'SIGN_IN_LOCKED', params: { retryAfterSeconds: 18, scope: 'user' } },
    });
  });

  it('forgets a user’s old failures after a day without any', async () => {
    const { core, clock } = open();
    settleSupervisorPin(core, SECRET);
    for (let n = 0; n < 3; n++) await signIn(core, guess(n));
    clock.set(TEST_EPOCH + 25 * 3_600_000);
    expect(await signIn(core, guess(3))).toMatchObject({
      ok: false,
      error: { code: 'BAD_PIN', params: { attemptsLeft: 4 } },
    });
  });
});
