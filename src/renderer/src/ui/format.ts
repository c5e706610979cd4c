/** Date and time in the screen's language, to the second: clerks compare it with the wall clock. */
export function formatDateTime(ms: number, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'medium' }).format(ms);
}

export function formatTime(ms: number, language: string): string {
  return new Intl.DateTimeFormat(language, { timeStyle: 'medium' }).format(ms);
}

/** A deadline to the minute: seconds only add noise to "by when". */
export function formatDeadline(ms: number, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

/** Day and time to the minute, for deadlines in lists: short enough to sit beside an order number. */
export function formatDeadlineShort(ms: number, language: string): string {
  return new Intl.DateTimeFormat(language, {
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(ms);
}
