import { useTranslation } from 'react-i18next';
import { PRINTER_LANGUAGES, TEXT_SCRIPTS } from '../../../../shared/printing';
import { useFeature } from '../../app/stores-context';
import { ErrorText } from '../../ui/ErrorText';

/** The profile editor (supervisors). Every rule (defaults per language, ids, numbers) lives in the store's draft. */
export function PrinterForm() {
  const { t } = useTranslation();
  const draft = useFeature('printers', (s) => s.draft);
  const templates = useFeature('printers', (s) => s.templates);
  const busy = useFeature('printers', (s) => s.busy);
  const notice = useFeature('printers', (s) => s.notice);
  const actionError = useFeature('printers', (s) => s.actionError);
  const confirmingDelete = useFeature('printers', (s) => s.confirmingDelete);
  const s = useFeature('printers', (state) => state);
  if (!draft) return null;

  const text = (
    key:
      'name' | 'id' | 'model' | 'interface' | 'widthMm' | 'heightMm' | 'darkness' | 'offsetXmm' | 'offsetYmm',
    label: string,
    extra: { hint?: string; numeric?: boolean; disabled?: boolean; placeholder?: string } = {},
  ) => (
    <label className={`field field-${key}`}>
      <span className="field-label">{label}</span>
      <input
        className={extra.numeric ? 'input input-number' : 'input'}
        name={key}
        value={draft[key]}
        inputMode={extra.numeric ? 'decimal' : undefined}
        disabled={extra.disabled}
        placeholder={extra.placeholder}
        onChange={(e) => s.edit({ [key]: e.target.value })}
      />
      {extra.hint && <span className="field-hint muted">{extra.hint}</span>}
    </label>
  );

  return (
    <form
      className="printer-form"
      onSubmit={(e) => {
        e.preventDefault();
        void s.save();
      }}
    >
      <fieldset className="printer-fields" disabled={busy}>
        <div className="form-row">
          {text('name', t('printers.form.name'))}
          {text('id', t('printers.form.id'), { disabled: !draft.isNew })}
        </div>
        <fieldset className="setting">
          <legend className="field-label">{t('printers.form.language')}</legend>
          <div className="segmented" role="radiogroup">
            {PRINTER_LANGUAGES.map((language) => (
              <button
                key={language}
                type="button"
                role="radio"
                aria-checked={draft.language === language}
                className="segment"
                data-language={language}
                onClick={() => s.setLanguage(language)}
              >
                {t(`printerLanguage.${language}`)}
              </button>
            ))}
          </div>
        </fieldset>
        <div className="form-row">
          {text('model', t('printers.form.model'))}
          {text('interface', t('printers.form.interface'), { hint: t('printers.form.interfaceHint') })}
        </div>
        <fieldset className="setting">
          <legend className="field-label">{t('printers.form.media')}</legend>
          <div className="form-row form-row-numbers">
            {text('widthMm', t('printers.form.widthMm'), { numeric: true })}
            {text('heightMm', t('printers.form.heightMm'), { numeric: true })}
            <div className="field">
              <span className="field-label">{t('printers.form.dpi')}</span>
              <div className="segmented" role="radiogroup" aria-label={t('printers.form.dpi')}>
                {([203, 300] as const).map((dpi) => (
                  <button
                    key={dpi}
                    type="button"
                    role="radio"
                    aria-checked={draft.dpi === dpi}
                    className="segment"
                    onClick={() => s.edit({ dpi })}
                  >
                    {dpi} dpi
                  </button>
                ))}
              </div>
            </div>
          </div>
          <div className="form-row form-row-numbers">
            {text('darkness', t('printers.form.darkness'), { numeric: true })}
            {text('offsetXmm', t('printers.form.offsetX'), { numeric: true })}
            {text('offsetYmm', t('printers.form.offsetY'), { numeric: true })}
          </div>
        </fieldset>
        <fieldset className="setting">
          <legend className="field-label">{t('printers.form.fonts')}</legend>
          <p className="field-hint muted">{t('printers.form.fontsHint')}</p>
          {draft.fonts.map((font, index) => (
            <div key={index} className="font-row" data-font-index={index}>
              <label className="field">
                <span className="field-label">{t('printers.form.fontId')}</span>
                <input
                  className="input input-font"
                  value={font.id}
                  onChange={(e) => s.editFontId(index, e.target.value)}
                />
              </label>
              {TEXT_SCRIPTS.map((script) => (
                <label key={script} className="check">
                  <input
                    type="checkbox"
                    checked={font.scripts.includes(script)}
                    onChange={() => s.toggleFontScript(index, script)}
                  />
                  {t(`textScript.${script}`)}
                </label>
              ))}
              <button type="button" className="btn btn-small" onClick={() => s.removeFont(index)}>
                {t('printers.form.removeFont')}
              </button>
            </div>
          ))}
          <button type="button" className="btn btn-small" onClick={s.addFont}>
            {t('printers.form.addFont')}
          </button>
        </fieldset>
        <fieldset className="setting">
          <legend className="field-label">{t('printers.form.templates')}</legend>
          <p className="field-hint muted">{t('printers.form.templatesHint')}</p>
          <div className="template-checks">
            {templates.map((template) => (
              <label key={template.name} className="check">
                <input
                  type="checkbox"
                  checked={draft.templates.includes(template.name)}
                  onChange={() => s.toggleTemplate(template.name)}
                  data-template={template.name}
                />
                {t(`labelTemplate.${template.name}`, { defaultValue: template.title })}
              </label>
            ))}
          </div>
        </fieldset>
        {draft.language === 'zpl' && (
          <label className="check">
            <input
              type="checkbox"
              checked={draft.confirmWithHostStatus}
              onChange={(e) => s.edit({ confirmWithHostStatus: e.target.checked })}
            />
            {t('printers.form.confirmWithHostStatus')}
          </label>
        )}
        <label className="check">
          <input
            type="checkbox"
            checked={draft.enabled}
            onChange={(e) => s.edit({ enabled: e.target.checked })}
          />
          {t('printers.form.enabled')}
        </label>
        <div className="row-actions">
          <button type="submit" className="btn btn-primary">
            {t('printers.form.save')}
          </button>
          {!draft.isNew &&
            (confirmingDelete ? (
              <>
                <button type="button" className="btn" onClick={s.cancelDelete}>
                  {t('app.cancel')}
                </button>
                <button type="button" className="btn btn-danger" onClick={() => void s.confirmDelete()}>
                  {t('printers.form.deleteConfirm')}
                </button>
              </>
            ) : (
              <button type="button" className="btn" onClick={s.askDelete}>
                {t('printers.form.delete')}
              </button>
            ))}
          {notice?.kind === 'saved' && !actionError && (
            <span className="saved" role="status">
              {t('printers.form.saved')}
            </span>
          )}
        </div>
      </fieldset>
      {actionError && <ErrorText error={actionError} />}
    </form>
  );
}
