/**
 * A date field that reads and writes dates the way the app's language does ("5 Dec 2026",
 * "5 déc. 2026", or typed day first: 5/12/2026), whatever the browser's own locale: Chromium's
 * native date input follows the browser (mm/dd/yyyy on a US build) and ignores the page's `lang`.
 * The value stays an ISO date (YYYY-MM-DD, UTC); the calendar button opens the native picker.
 */
import { useEffect, useRef, useState } from 'react';
import type { Locale } from '../../../shared/i18n/words.ts';
import { useLanguage, useWords } from '../i18n/words.tsx';

/** The epoch (UTC midnight) of an ISO date, or null. */
function isoEpoch(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? ymd(+m[1]!, +m[2]!, +m[3]!) : null;
}

function ymd(y: number, mo: number, d: number): number | null {
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  return y >= 1000 && back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? t : null;
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f.]/g, '')
    .toLowerCase();

/**
 * What a person typed, as an ISO date: "2026-12-05", day first "5/12/2026" (also with . or -),
 * or with the month's name in the app's language or English ("5 Dec 2026", "5 déc. 2026",
 * "5 décembre 2026"). '' for nothing typed, null for something that is not a date.
 */
export function parseDateInput(text: string, locale: Locale): string | null {
  const s = text.trim();
  if (s === '') return '';
  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString().slice(0, 10));
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return iso(ymd(+m[1]!, +m[2]!, +m[3]!));
  m = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(s);
  if (m) return iso(ymd(+m[3]!, +m[2]!, +m[1]!));
  m = /^(\d{1,2})(?:er)?\s+(\S+?)\.?,?\s+(\d{4})$/u.exec(s);
  if (m) {
    const name = fold(m[2]!);
    for (let mo = 1; mo <= 12; mo++) {
      const names = [locale === 'en' ? 'en-GB' : locale, 'en-GB'].flatMap((l) =>
        (['short', 'long'] as const).map((month) => fold(new Intl.DateTimeFormat(l, { month, timeZone: 'UTC' }).format(Date.UTC(2026, mo - 1, 1)))),
      );
      if (names.includes(name) || (name.length >= 3 && names.some((n) => n.startsWith(name)))) return iso(ymd(+m[3]!, mo, +m[1]!));
    }
  }
  return null;
}

export function DateField(props: { value: string; onChange: (iso: string) => void; label: string; min?: string; max?: string }) {
  const w = useWords();
  const locale = useLanguage();
  const shown = (iso: string) => {
    const t = isoEpoch(iso);
    return t === null ? '' : w.date(t);
  };
  const [text, setText] = useState(() => shown(props.value));
  const [invalid, setInvalid] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  const field = useRef<HTMLInputElement>(null);
  // A value set from outside (Clear filters, the picker) or a new language rewrites the text; what
  // the person is typing stays as typed.
  useEffect(() => {
    setText((old) => (document.activeElement === field.current && parseDateInput(old, locale) === props.value ? old : shown(props.value)));
    setInvalid(false);
  }, [props.value, locale]);
  const outOfRange = (iso: string) => (props.min !== undefined && iso !== '' && iso < props.min) || (props.max !== undefined && iso !== '' && iso > props.max);
  return (
    <span className="date-field" lang={locale}>
      <input
        ref={field}
        type="text"
        inputMode="text"
        autoComplete="off"
        value={text}
        placeholder={w.t('history.dateExample', { example: w.date(Date.UTC(2026, 11, 5)) })}
        aria-label={props.label}
        aria-invalid={invalid || undefined}
        onChange={(e) => {
          setText(e.target.value);
          const iso = parseDateInput(e.target.value, locale);
          const bad = iso === null || outOfRange(iso);
          setInvalid(bad && e.target.value.trim() !== '');
          if (!bad && iso !== props.value) props.onChange(iso);
        }}
        onBlur={() => {
          const iso = parseDateInput(text, locale);
          if (iso !== null && !outOfRange(iso)) setText(shown(iso));
        }}
      />
      <button
        type="button"
        className="date-field-pick"
        aria-label={w.t('history.pickDate', { label: props.label })}
        onClick={() => {
          const p = picker.current;
          if (p && 'showPicker' in p) {
            try {
              p.showPicker();
            } catch {
              p.focus();
            }
          }
        }}
      >
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
          <rect x="1.5" y="2.5" width="13" height="12" rx="1.5" fill="none" stroke="currentColor" />
          <path d="M1.5 6h13M5 1v3M11 1v3" stroke="currentColor" />
        </svg>
      </button>
      <input
        ref={picker}
        type="date"
        className="date-field-native"
        tabIndex={-1}
        aria-hidden="true"
        value={props.value}
        min={props.min}
        max={props.max}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </span>
  );
}
