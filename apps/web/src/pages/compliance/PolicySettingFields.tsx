import type { ReactNode } from 'react';
import { YEAR_GROUPS, yearGroupLabel } from '@harbour/shared';
import { formText } from '../../lib/forms';

/**
 * What the online-safety policy names, setting by setting (apps/server/src/modules/policy/settings.ts and
 * settings/registry.ts): each one's fields, and how a submitted form becomes the value the server checks.
 */
export type Staff = { id: string; name: string }[];
type Value = Record<string, unknown>;
export interface SettingForm {
  key: string;
  title: string;
  fields: (v: Value, staff: Staff) => ReactNode;
  value: (f: FormData, staff: Staff) => Value;
}

const ids = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const orNull = (s: string) => s.trim() || null;
const lines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
const checked = (f: FormData, name: string, staff: Staff) =>
  staff.filter((p) => f.get(`${name}-${p.id}`) === 'on').map((p) => p.id);

function StaffChoice(props: { name: string; legend: string; chosen: string[]; staff: Staff }) {
  return (
    <fieldset className="staff-choice">
      <legend>{props.legend}</legend>
      {props.staff.map((p) => (
        <label key={p.id} className="checkbox">
          <input
            type="checkbox"
            name={`${props.name}-${p.id}`}
            defaultChecked={props.chosen.includes(p.id)}
          />{' '}
          {p.name}
        </label>
      ))}
    </fieldset>
  );
}

function Text(props: { id: string; label: string; value: unknown; max: number; required?: boolean }) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        name={props.id}
        maxLength={props.max}
        required={props.required}
        defaultValue={str(props.value)}
      />
    </div>
  );
}

export const SETTING_FORMS: SettingForm[] = [
  {
    key: 'safeguarding.contacts',
    title: 'Designated safeguarding leads and the governor lead',
    fields: (v, staff) => (
      <>
        <StaffChoice
          name="dsl"
          legend="Designated safeguarding leads"
          chosen={ids(v.dslPersonIds)}
          staff={staff}
        />
        <StaffChoice name="deputy" legend="Deputies" chosen={ids(v.deputyPersonIds)} staff={staff} />
        <div className="field">
          <label htmlFor="governor-lead">Governor lead for online safety</label>
          <select id="governor-lead" name="governorLead" defaultValue={str(v.governorLeadPersonId)}>
            <option value="">Not named yet</option>
            {staff.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      </>
    ),
    value: (f, staff) => ({
      dslPersonIds: checked(f, 'dsl', staff),
      deputyPersonIds: checked(f, 'deputy', staff),
      governorLeadPersonId: orNull(formText(f, 'governorLead')),
    }),
  },
  {
    key: 'online_safety.providers',
    title: 'Filtering, monitoring and technical support',
    fields: (v) => (
      <>
        <Text
          id="filteringProvider"
          label="Filtering provider"
          value={v.filteringProvider}
          max={200}
          required
        />
        <Text
          id="monitoringProvider"
          label="Monitoring provider (blank: none)"
          value={v.monitoringProvider}
          max={200}
        />
        <Text
          id="technicalSupport"
          label="Technical support (blank: none)"
          value={v.technicalSupport}
          max={200}
        />
      </>
    ),
    value: (f) => ({
      filteringProvider: formText(f, 'filteringProvider').trim(),
      monitoringProvider: orNull(formText(f, 'monitoringProvider')),
      technicalSupport: orNull(formText(f, 'technicalSupport')),
    }),
  },
  {
    key: 'online_safety.phones',
    title: 'Phone rules',
    fields: (v) => (
      <>
        <fieldset className="inline-choices">
          <legend>Pupils’ phones</legend>
          {[
            ['not_allowed', 'Not allowed'],
            ['some_years', 'Some year groups'],
            ['any_year', 'Any year group'],
          ].map(([k, label]) => (
            <label key={k}>
              <input type="radio" name="pupilPhones" value={k} defaultChecked={v.pupilPhones === k} /> {label}
            </label>
          ))}
        </fieldset>
        <fieldset className="inline-choices">
          <legend>Year groups that may bring one</legend>
          {YEAR_GROUPS.map((y) => (
            <label key={y}>
              <input type="checkbox" name={`year-${y}`} defaultChecked={ids(v.yearsAllowed).includes(y)} />{' '}
              {yearGroupLabel(y)}
            </label>
          ))}
        </fieldset>
        <Text id="condition" label="On what condition (blank: none)" value={v.condition} max={300} />
        <Text id="keptAt" label="Where phones are kept during the day" value={v.keptAt} max={200} required />
        <label className="checkbox">
          <input type="checkbox" name="allowedOnTrips" defaultChecked={v.allowedOnTrips === true} /> Allowed
          on school trips
        </label>
        <div className="field">
          <label htmlFor="staffUse">Staff use of personal phones</label>
          <select id="staffUse" name="staffUse" defaultValue={str(v.staffUse)}>
            <option value="not_in_presence_of_children">Never in the presence of children</option>
            <option value="breaks_only_away_from_pupils">In breaks only, away from pupils</option>
          </select>
        </div>
      </>
    ),
    value: (f) => ({
      pupilPhones: formText(f, 'pupilPhones'),
      yearsAllowed: YEAR_GROUPS.filter((y) => f.get(`year-${y}`) === 'on'),
      condition: orNull(formText(f, 'condition')),
      keptAt: formText(f, 'keptAt').trim(),
      allowedOnTrips: f.get('allowedOnTrips') === 'on',
      staffUse: formText(f, 'staffUse'),
    }),
  },
  {
    key: 'online_safety.social_media',
    title: 'Official social media',
    fields: (v, staff) => {
      const channels = Array.isArray(v.channels)
        ? (v.channels as { platform: string; address: string }[])
        : [];
      return (
        <>
          <div className="field">
            <label htmlFor="channels">
              Channels, one a line as “Platform: address” (none: leave it empty)
            </label>
            <textarea
              id="channels"
              name="channels"
              rows={3}
              defaultValue={channels.map((c) => `${c.platform}: ${c.address}`).join('\n')}
            />
          </div>
          <StaffChoice
            name="publisher"
            legend="Staff who publish (told when a consent is withdrawn)"
            chosen={ids(v.publisherPersonIds)}
            staff={staff}
          />
          <label className="checkbox">
            <input
              type="checkbox"
              name="staffPersonalUseInBreaks"
              defaultChecked={v.staffPersonalUseInBreaks === true}
            />{' '}
            Staff may use personal social media in breaks
          </label>
          <div className="field">
            <label htmlFor="staffOnlySites">Sites for staff only, one a line</label>
            <textarea
              id="staffOnlySites"
              name="staffOnlySites"
              rows={2}
              defaultValue={ids(v.staffOnlySites).join('\n')}
            />
          </div>
        </>
      );
    },
    value: (f, staff) => ({
      channels: lines(formText(f, 'channels')).map((l) => {
        const at = l.indexOf(':');
        return at > 0
          ? { platform: l.slice(0, at).trim(), address: l.slice(at + 1).trim() }
          : { platform: l, address: '' };
      }),
      publisherPersonIds: checked(f, 'publisher', staff),
      staffPersonalUseInBreaks: f.get('staffPersonalUseInBreaks') === 'on',
      staffOnlySites: lines(formText(f, 'staffOnlySites')),
    }),
  },
  {
    key: 'online_safety.learning_platform',
    title: 'Learning platform',
    fields: (v) => (
      <>
        <Text id="platformName" label="Name (blank: the school has none)" value={v.name} max={100} />
        <Text id="platformAddress" label="Its web address" value={v.address} max={300} />
      </>
    ),
    value: (f) => ({
      name: orNull(formText(f, 'platformName')),
      address: orNull(formText(f, 'platformAddress')),
    }),
  },
  {
    key: 'online_safety.policy',
    title: 'Online-safety leads and the policy’s review',
    fields: (v, staff) => (
      <>
        <StaffChoice
          name="lead"
          legend="Online-safety leads"
          chosen={ids(v.onlineSafetyLeadPersonIds)}
          staff={staff}
        />
        <div className="field">
          <label htmlFor="reviewMonths">Review the policy every (months, at most 12)</label>
          <input
            id="reviewMonths"
            name="reviewMonths"
            type="number"
            min={1}
            max={12}
            required
            defaultValue={typeof v.reviewMonths === 'number' ? v.reviewMonths : 12}
          />
        </div>
        <Text
          id="remindDaysBefore"
          label="Remind this many days before the review, comma-separated"
          value={(Array.isArray(v.remindDaysBefore) ? v.remindDaysBefore : []).join(', ')}
          max={40}
        />
      </>
    ),
    value: (f, staff) => ({
      onlineSafetyLeadPersonIds: checked(f, 'lead', staff),
      reviewMonths: Number(formText(f, 'reviewMonths')),
      remindDaysBefore: formText(f, 'remindDaysBefore')
        .split(',')
        .map((d) => d.trim())
        .filter(Boolean)
        .map(Number),
    }),
  },
];
