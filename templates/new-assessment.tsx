import type { Translate } from '../src/i18n/messages.ts';
import { Field } from './components/field.tsx';

export interface NewAssessmentProps {
  readonly t: Translate;
  readonly values: Readonly<Record<string, string>>;
  readonly fieldErrors: Readonly<Record<string, string>>;
}

/** Administrators: a new assessment, blank or from the Hexi Corridor template. */
export const NewAssessmentPage = ({ t, values, fieldErrors }: NewAssessmentProps) => (
  <>
    <div class="page-header">
      <h1>{t('new.title')}</h1>
      <p class="weights__hint">{t('new.intro')}</p>
    </div>
    <form method="post" action="/assessments/new" class="panel-card new-assessment">
      <fieldset class="new-assessment__template">
        <legend>{t('new.template')}</legend>
        {(['hexi', 'blank'] as const).map((k) => (
          <p class="users__check">
            <input
              type="radio"
              id={`template-${k}`}
              name="template"
              value={k}
              checked={(values.template ?? 'hexi') === k}
            />
            <label for={`template-${k}`}>{t(`new.template.${k}`)}</label>
          </p>
        ))}
        {fieldErrors.template && <p class="field__error">{fieldErrors.template}</p>}
      </fieldset>
      <div class="settings__grid">
        <Field name="code" label={t('new.code')} value={values.code} error={fieldErrors.code} required maxlength={63} />
        <Field name="period" label={t('assessment.period')} value={values.period} error={fieldErrors.period} required />
        <Field name="nameEn" label={t('new.nameEn')} value={values.nameEn} error={fieldErrors.nameEn} required />
        <Field name="nameZh" label={t('new.nameZh')} value={values.nameZh} error={fieldErrors.nameZh} required />
        <Field
          name="regionEn"
          label={t('new.regionEn')}
          value={values.regionEn}
          error={fieldErrors.regionEn}
          required
        />
        <Field
          name="regionZh"
          label={t('new.regionZh')}
          value={values.regionZh}
          error={fieldErrors.regionZh}
          required
        />
      </div>
      <button type="submit" class="button">
        {t('new.create')}
      </button>
    </form>
  </>
);
