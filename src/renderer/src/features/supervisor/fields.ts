/** A key typed into one of these belongs to the field, not to the tab's shortcuts. */
export function isField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA')
  );
}

/** After an action the keys are the tab's again (A, R, arrows…), not the PIN field's. */
export function leaveField(): void {
  const active = document.activeElement;
  if (active instanceof HTMLElement && isField(active)) active.blur();
}
