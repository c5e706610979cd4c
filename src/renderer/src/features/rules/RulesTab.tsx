import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DispositionRule, RuleCondition } from '../../../../shared/returns/disposition-rules';
import {
  DISPOSITIONS,
  GRADES,
  QC_CATEGORIES,
  QC_REASONS,
  type Disposition,
} from '../../../../shared/returns/qc-codes';
import { MATCHES, analyseRules, type RuleWarning } from '../../../../shared/returns/rule-analysis';
import { useFeature, useStores } from '../../app/stores-context';
import { ErrorText } from '../../ui/ErrorText';
import { Kbd } from '../../ui/Kbd';
import { formatDateTime } from '../../ui/format';
import { isField } from '../supervisor/fields';
import { formatMoneyList, parseMoneyList } from './money-list';
import './rules.css';

/**
 * The disposition rule table, edited by a supervisor: grade × category × reason × match × item
 * value → disposition, first rule that fits wins. What the table does wrong (unreachable rules,
 * overlaps, gaps) is worked out as it is edited, by the same analysis the core answers a save with.
 * ↑ ↓ rule, Shift+↑ ↓ move it, Insert adds, Delete removes, Ctrl+S saves.
 */
export function RulesTab() {
  const { t, i18n } = useTranslation();
  const stores = useStores();
  const user = useFeature('session', (s) => s.user);
  const draft = useFeature('rules', (s) => s.draft);
  const cursor = useFeature('rules', (s) => s.cursor);
  const dirty = useFeature('rules', (s) => s.dirty);
  const basedOn = useFeature('rules', (s) => s.basedOn);
  const note = useFeature('rules', (s) => s.note);
  const saving = useFeature('rules', (s) => s.saving);
  const error = useFeature('rules', (s) => s.error);
  const saved = useFeature('rules', (s) => s.saved);
  const history = useFeature('rules', (s) => s.history);
  const canEdit = user?.role === 'supervisor';
  const warnings = useMemo(() => (draft.length > 0 ? analyseRules(draft).warnings : []), [draft]);

  useEffect(() => {
    if (canEdit) void stores.rules.getState().load();
  }, [stores, canEdit]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || stores.session.getState().dialogOpen) return;
      if (stores.session.getState().user?.role !== 'supervisor') return;
      const s = stores.rules.getState();
      if (e.ctrlKey && e.code === 'KeyS') {
        e.preventDefault();
        void s.save();
        return;
      }
      if (isField(e.target) || e.ctrlKey || e.altKey || e.metaKey) return;
      let taken = true;
      if (e.code === 'ArrowDown') {
        if (e.shiftKey) s.shift(1);
        else s.select(s.cursor + 1);
      } else if (e.code === 'ArrowUp') {
        if (e.shiftKey) s.shift(-1);
        else s.select(s.cursor - 1);
      } else if (e.code === 'Insert') s.add();
      else if (e.code === 'Delete') s.remove();
      else taken = false;
      if (taken) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [stores]);

  if (!canEdit) return <p className="empty">{t('rules.supervisorOnly')}</p>;

  const current = draft[cursor];
  return (
    <div className="rules">
      <div className="rules-bar">
        <span data-testid="rules-version">
          {t('rules.version', { version: basedOn ?? 0 })}
          {dirty && ` · ${t('rules.unsaved')}`}
        </span>
        <span className="cell-soft">
          <Kbd>↑</Kbd> <Kbd>↓</Kbd> {t('rules.keys.select')} · <Kbd>Shift+↑↓</Kbd> {t('rules.keys.move')} ·{' '}
          <Kbd>Insert</Kbd> {t('rules.keys.add')} · <Kbd>Delete</Kbd> {t('rules.keys.remove')} ·{' '}
          <Kbd>Ctrl+S</Kbd> {t('rules.keys.save')}
        </span>
      </div>
      {saved && (
        <p className="notice notice-ok" role="status" data-testid="rules-saved">
          {t('rules.saved', { version: saved.version, count: saved.warnings })}
        </p>
      )}
      {error && <ErrorText error={error} />}
      <div className="rules-columns">
        <div className="rules-list">
          <table className="table table-compact" data-testid="rules-table">
            <thead>
              <tr>
                <th>#</th>
                <th>{t('rules.rule')}</th>
                <th>{t('rules.when')}</th>
                <th>{t('rules.then')}</th>
              </tr>
            </thead>
            <tbody>
              {draft.map((rule, i) => (
                <tr
                  key={`${rule.id}-${i}`}
                  className={i === cursor ? 'row-current' : undefined}
                  aria-selected={i === cursor}
                  onClick={() => stores.rules.getState().select(i)}
                  data-rule-id={rule.id}
                >
                  <td>{i + 1}</td>
                  <td className="mono">
                    {rule.id}
                    {warnings.some((w) => 'ruleId' in w && w.ruleId === rule.id) && (
                      <span className="rule-flag" title={t('rules.hasWarning')}>
                        !
                      </span>
                    )}
                  </td>
                  <td>{describeWhen(rule.when, t)}</td>
                  <td>
                    <span className={`badge badge-disposition-${rule.then}`}>
                      {t(`qc.disposition.${rule.then}`)}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="rules-save">
            <label className="field">
              <span className="field-label">{t('rules.saveNote')}</span>
              <input
                className="input"
                value={note}
                maxLength={200}
                onChange={(e) => stores.rules.getState().setNote(e.target.value)}
                data-testid="rules-note"
              />
            </label>
            <button
              type="button"
              className="btn btn-primary"
              disabled={!dirty || saving}
              onClick={() => void stores.rules.getState().save()}
              data-testid="rules-save"
            >
              <Kbd>Ctrl+S</Kbd> {t('rules.save')}
            </button>
          </div>
        </div>
        <div className="rules-side">
          {current && <RuleEditor rule={current} last={cursor === draft.length - 1} />}
          <section className="rules-warnings" data-testid="rules-warnings">
            <h2>{t('rules.warningsTitle', { count: warnings.length })}</h2>
            {warnings.length === 0 && <p className="cell-soft">{t('rules.noWarnings')}</p>}
            <ul>
              {warnings.map((w, i) => (
                <li key={i} data-kind={w.kind}>
                  {describeWarning(w, t)}
                </li>
              ))}
            </ul>
          </section>
          <section className="rules-history">
            <h2>{t('rules.history')}</h2>
            <ul>
              {history.slice(0, 6).map((v) => (
                <li key={v.version}>
                  <strong>v{v.version}</strong> · {v.savedBy?.name ?? t('rules.builtIn')}
                  {v.savedAt !== null && `, ${formatDateTime(v.savedAt, i18n.language)}`} ·{' '}
                  {t('rules.count', { count: v.rules })}
                  {v.note && ` — ${v.note}`}
                </li>
              ))}
            </ul>
          </section>
        </div>
      </div>
    </div>
  );
}

type T = (key: string, options?: Record<string, unknown>) => string;

function describeWhen(when: RuleCondition, t: T): string {
  const parts: string[] = [];
  if (when.grades) parts.push(`${t('rules.field.grades')} ${when.grades.join('/')}`);
  if (when.categories) parts.push(when.categories.map((c) => t(`rules.category.${c}`)).join('/'));
  if (when.reasons) parts.push(when.reasons.map((r) => t(`qc.reason.${r}`)).join('/'));
  if (when.matches) parts.push(when.matches.map((m) => t(`qc.match.${m}`)).join('/'));
  if (when.value?.atLeast) parts.push(`≥ ${formatMoneyList(when.value.atLeast)}`);
  if (when.value?.below) parts.push(`< ${formatMoneyList(when.value.below)}`);
  return parts.length > 0 ? parts.join(' · ') : t('rules.anything');
}

function describeWarning(w: RuleWarning, t: T): string {
  switch (w.kind) {
    case 'unreachable':
      return t('rules.warning.unreachable', { rule: w.ruleId, by: w.takenBy.join(', ') });
    case 'overlap':
      return t('rules.warning.overlap', {
        rule: w.ruleId,
        by: w.takenBy,
        as: t(`qc.disposition.${w.takenAs}`),
        count: w.units,
      });
    case 'gap':
      return t('rules.warning.gap', { count: w.units, disposition: t(`qc.disposition.${w.disposition}`) });
    case 'empty_value_range':
      return t('rules.warning.empty_value_range', { rule: w.ruleId, currency: w.currency });
  }
}

function Checks<V extends string>({
  label,
  values,
  chosen,
  text,
  disabled,
  onChange,
  name,
}: {
  label: string;
  values: readonly V[];
  chosen: readonly V[] | undefined;
  text: (v: V) => string;
  disabled: boolean;
  onChange: (next: V[]) => void;
  name: string;
}) {
  return (
    <fieldset className="rule-checks" data-field={name} disabled={disabled}>
      <legend>{label}</legend>
      {values.map((v) => (
        <label key={v} className="rule-check">
          <input
            type="checkbox"
            checked={chosen?.includes(v) ?? false}
            onChange={(e) =>
              onChange(e.target.checked ? [...(chosen ?? []), v] : (chosen ?? []).filter((c) => c !== v))
            }
          />
          {text(v)}
        </label>
      ))}
    </fieldset>
  );
}

function RuleEditor({ rule, last }: { rule: DispositionRule; last: boolean }) {
  const { t } = useTranslation();
  const stores = useStores();
  const s = stores.rules.getState();
  const [atLeast, setAtLeast] = useState(formatMoneyList(rule.when.value?.atLeast));
  const [below, setBelow] = useState(formatMoneyList(rule.when.value?.below));
  const [moneyError, setMoneyError] = useState(false);

  useEffect(() => {
    setAtLeast(formatMoneyList(rule.when.value?.atLeast));
    setBelow(formatMoneyList(rule.when.value?.below));
    setMoneyError(false);
  }, [rule]);

  const setValue = (nextAtLeast: string, nextBelow: string) => {
    const a = parseMoneyList(nextAtLeast);
    const b = parseMoneyList(nextBelow);
    if (!a || !b) {
      setMoneyError(true);
      return;
    }
    setMoneyError(false);
    const value =
      a.length || b.length
        ? { ...(a.length ? { atLeast: a } : {}), ...(b.length ? { below: b } : {}) }
        : undefined;
    s.editWhen({ value });
  };

  return (
    <section className="rule-editor" data-testid="rule-editor">
      <div className="rule-editor-head">
        <label className="field">
          <span className="field-label">{t('rules.id')}</span>
          <input
            className="input mono"
            value={rule.id}
            onChange={(e) => s.edit({ id: e.target.value.toLowerCase() })}
            data-testid="rule-id"
          />
        </label>
        <label className="field">
          <span className="field-label">{t('rules.then')}</span>
          <select
            className="input"
            value={rule.then}
            onChange={(e) => s.edit({ then: e.target.value as Disposition })}
            data-testid="rule-then"
          >
            {DISPOSITIONS.map((d) => (
              <option key={d} value={d}>
                {t(`qc.disposition.${d}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {last && <p className="cell-soft">{t('rules.lastRule')}</p>}
      <Checks
        name="grades"
        label={t('rules.field.grades')}
        values={GRADES}
        chosen={rule.when.grades}
        text={(g) => g}
        disabled={last}
        onChange={(grades) => s.editWhen({ grades })}
      />
      <Checks
        name="categories"
        label={t('rules.field.categories')}
        values={QC_CATEGORIES}
        chosen={rule.when.categories}
        text={(c) => t(`rules.category.${c}`)}
        disabled={last}
        onChange={(categories) => s.editWhen({ categories })}
      />
      <Checks
        name="reasons"
        label={t('rules.field.reasons')}
        values={QC_REASONS}
        chosen={rule.when.reasons}
        text={(r) => t(`qc.reason.${r}`)}
        disabled={last}
        onChange={(reasons) => s.editWhen({ reasons })}
      />
      <Checks
        name="matches"
        label={t('rules.field.matches')}
        values={MATCHES}
        chosen={rule.when.matches}
        text={(m) => t(`qc.match.${m}`)}
        disabled={last}
        onChange={(matches) => s.editWhen({ matches })}
      />
      <div className="rule-editor-head">
        <label className="field">
          <span className="field-label">{t('rules.atLeast')}</span>
          <input
            className="input mono"
            value={atLeast}
            disabled={last}
            placeholder="500 THB, 20 USD"
            onChange={(e) => setAtLeast(e.target.value)}
            onBlur={() => setValue(atLeast, below)}
            data-testid="rule-at-least"
          />
        </label>
        <label className="field">
          <span className="field-label">{t('rules.below')}</span>
          <input
            className="input mono"
            value={below}
            disabled={last}
            placeholder="500 THB"
            onChange={(e) => setBelow(e.target.value)}
            onBlur={() => setValue(atLeast, below)}
            data-testid="rule-below"
          />
        </label>
      </div>
      {moneyError && <p className="error-text">{t('rules.moneyFormat')}</p>}
      <label className="field">
        <span className="field-label">{t('rules.note')}</span>
        <input
          className="input"
          value={rule.note ?? ''}
          maxLength={200}
          onChange={(e) => s.edit({ note: e.target.value })}
          data-testid="rule-note"
        />
      </label>
    </section>
  );
}
