import type { Settings } from './domain';

/**
 * Who may change each setting. `bench`: what a clerk adjusts at their own bench (the language they
 * read, the beep). `supervisor`: everything that changes what the station does or reports — a
 * supervisor signs in (or approves the one change) and the change is audited with old and new value.
 * A new setting must be placed here (the compiler insists); sync and printing settings are supervisor's.
 */
export const SETTING_ACCESS: Record<keyof Settings, 'bench' | 'supervisor'> = {
  language: 'bench',
  sound: 'bench',
  // Printed on every audit row, report and label of the station.
  stationName: 'supervisor',
  // Silencing the 48 h exception report hides parcels that went missing.
  staleTrackingHours: 'supervisor',
  supervisorIdleMinutes: 'supervisor',
  // How long a QC decision can be taken back at the bench: part of the station's controls.
  qcUndoMinutes: 'supervisor',
  // Which device the station weighs parcels on: a wrong one weighs nothing or another bench's parcel.
  scaleKind: 'supervisor',
  scaleAddress: 'supervisor',
  // The sealing photo is evidence in disputes: a clerk does not switch it off.
  packPhotoRequired: 'supervisor',
};

export function isSupervisorSetting(key: keyof Settings): boolean {
  return SETTING_ACCESS[key] === 'supervisor';
}
